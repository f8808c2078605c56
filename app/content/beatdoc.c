/* beatdoc — the heartbeat's document (see beatdoc.h). */
#include "beatdoc.h"

#include "rfc3339.h"

#include <stdlib.h>

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* A member of the status document copied as it is (null when absent). */
static void copy_status(json_t *o, const json_t *status, const char *from, const char *to)
{
    json_t *v = status ? json_object_get(status, from) : NULL;
    json_object_set_new(o, to, v ? json_deep_copy(v) : json_null());
}

char *beatdoc_base64(const unsigned char *data, size_t n)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (n > (SIZE_MAX - 1) / 4 * 3 - 3) return NULL;
    char *out = malloc((n + 2) / 3 * 4 + 1), *p = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i += 3) {
        const unsigned long a = data[i];
        const unsigned long b = i + 1 < n ? data[i + 1] : 0;
        const unsigned long c = i + 2 < n ? data[i + 2] : 0;
        const unsigned long v = a << 16 | b << 8 | c;
        *p++ = alphabet[v >> 18 & 63];
        *p++ = alphabet[v >> 12 & 63];
        *p++ = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
        *p++ = i + 2 < n ? alphabet[v & 63] : '=';
    }
    *p = '\0';
    return out;
}

static json_t *image_json(const struct beat_image *img)
{
    char *b64 = beatdoc_base64(img->png, img->len);
    if (!b64) return json_null();
    json_t *o = json_object();
    if (o) {
        json_object_set_new(o, "type", json_string("image/png"));
        json_object_set_new(o, "width", json_integer(img->width));
        json_object_set_new(o, "height", json_integer(img->height));
        json_object_set_new(o, "png_base64", json_string(b64));
    }
    free(b64);
    return o ? o : json_null();
}

json_t *beatdoc_build(const struct beat_facts *f)
{
    json_t *o = json_object(), *counts = json_object();
    if (!o || !counts) {
        json_decref(o);
        json_decref(counts);
        return NULL;
    }
    char sent[RFC3339_LEN];
    rfc3339_format(sent, sizeof sent, f->sent_s);
    json_object_set_new(o, "heartbeat", json_integer(BEATDOC_FORMAT));
    json_object_set_new(o, "screen", str_or_null(f->screen));
    json_object_set_new(o, "version", str_or_null(f->version));
    json_object_set_new(o, "sent", json_string(sent));
    json_object_set_new(o, "interval", json_integer(f->interval_s));
    copy_status(o, f->status, "feed", "feed");
    copy_status(o, f->status, "source", "source");
    copy_status(o, f->status, "slides", "slides");
    copy_status(o, f->status, "version", "deck_version");
    copy_status(o, f->status, "last_success", "last_success");
    copy_status(o, f->status, "last_error", "last_error");
    copy_status(o, f->status, "alerts_error", "alerts_error");
    json_object_set_new(o, "showing", str_or_null(f->showing));
    json_object_set_new(o, "display", json_string(f->display_on ? "on" : "blank"));
    copy_status(o, f->status, "alert", "alert");
    json_object_set_new(o, "uptime", json_integer(f->uptime_s));
    json_object_set_new(o, "rss_kib", f->rss_kib >= 0 ? json_integer(f->rss_kib) : json_null());
    json_object_set_new(o, "temperature_c",
                        f->has_temperature ? json_real(f->temperature_c) : json_null());
    for (size_t i = 0; i < f->n_counts; i++)
        json_object_set_new(counts, f->counts[i].slide,
                            json_integer((json_int_t)f->counts[i].shown));
    json_object_set_new(o, "shown", counts); /* since the last heartbeat delivered */
    json_object_set_new(o, "screenshot", f->image ? image_json(f->image) : json_null());
    return o;
}
