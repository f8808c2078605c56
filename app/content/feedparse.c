/* feedparse — the feed parser's toolkit (see feedparse.h). Every value a struct feed
 * keeps is copied into the feed's arena, so a slide that is skipped halfway leaves
 * nothing to free; every message names the JSON path of what it is about. */
#include "feedparse.h"

#include "arena.h"
#include "jsonread.h"
#include "url.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

/* --- problems ------------------------------------------------------------------------ */

void feedparse_problem(struct feedparse *p, enum feed_severity sev, const char *path,
                       const char *fmt, ...)
{
    char msg[JSONREAD_MSG_MAX], where[JSONREAD_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    jsonread_vmessage(msg, where, path, fmt, ap);
    va_end(ap);
    if (sev == FEED_ERROR) p->errors++;
    if (p->report) p->report(p->ctx, sev, where, msg);
}

const char *feedparse_join(char *buf, size_t cap, const char *prefix, const char *field)
{
    /* A path longer than the buffer is cut; it is only ever shown to a person. */
    if (snprintf(buf, cap, "%s%s%s", prefix, *prefix ? "." : "", field) >= (int)cap)
        buf[cap - 1] = '\0';
    return buf;
}

const char *feedparse_quote(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n <= FEEDPARSE_QUOTE_MAX) {
        snprintf(buf, cap, "\"%s\"", s);
        return buf;
    }
    n = utf8_floor(s, FEEDPARSE_QUOTE_MAX);
    snprintf(buf, cap, "\"%.*s...\"", (int)n, s);
    return buf;
}

const char *feedparse_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a real number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}

/* --- memory ------------------------------------------------------------------------- */

void *feedparse_alloc(struct feedparse *p, size_t n)
{
    void *out = arena_alloc(p->arena, n);
    if (!out) p->oom = true;
    return out;
}

const char *feedparse_copy(struct feedparse *p, const char *s)
{
    const char *out = arena_strndup(p->arena, s, strlen(s));
    if (!out) p->oom = true;
    return out;
}

/* --- values -------------------------------------------------------------------------- */

#define WHY_STRING "expected a string"
#define WHY_NUL    "contains a NUL character (\\u0000)"
#define WHY_TEXT   "expected a string or an object of translations"

/* Why v cannot be used as a C string, or NULL when it can. jansson keeps "\u0000"
 * (JSON_ALLOW_NUL) so it is refused here, with a path, instead of silently cutting. */
const char *feedparse_why_not_string(const json_t *v)
{
    if (!json_is_string(v)) return WHY_STRING;
    if (strlen(json_string_value(v)) != json_string_length(v)) return WHY_NUL;
    return NULL;
}

const char *feedparse_slide_string(struct feedparse *p, const json_t *obj, const char *prefix,
                                   const char *field, char *path, size_t cap)
{
    const json_t *v = json_object_get(obj, field);
    feedparse_join(path, cap, prefix, field);
    const char *why = v ? feedparse_why_not_string(v) : "missing required field";
    if (why) {
        feedparse_warn(p, path, "%s" FEEDPARSE_SKIPPED, why);
        return NULL;
    }
    return json_string_value(v);
}

/* The generic combining-diacritics blocks (not the script-specific marks of Hebrew or
 * Arabic, which stack legitimately). */
static bool is_diacritic(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* Drops diacritics beyond FEED_MAX_MARKS in a row, in place; s is valid UTF-8 (jansson
 * checked it). */
static void cap_marks(char *s, size_t n)
{
    size_t in = 0, out = 0, run = 0, len;
    while (in < n) {
        run = is_diacritic(utf8_decode(s + in, n - in, &len)) ? run + 1 : 0;
        if (run <= FEED_MAX_MARKS) {
            memmove(s + out, s + in, len);
            out += len;
        }
        in += len;
    }
    s[out] = '\0';
}

const char *feedparse_keep_text(struct feedparse *p, const char *s, const char *path)
{
    size_t n = strlen(s);
    if (n > FEED_MAX_TEXT) {
        n = utf8_floor(s, FEED_MAX_TEXT);
        feedparse_warn(p, path, "longer than %u bytes; cut", FEED_MAX_TEXT);
    }
    char *copy = feedparse_alloc(p, n + 1);
    if (!copy) return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    cap_marks(copy, n);
    return copy;
}

enum text_status {
    TEXT_ABSENT, /* no such field */
    TEXT_OK,
    TEXT_EMPTY, /* "" or no non-empty translation: absent for optional fields */
    TEXT_BAD,   /* wrong type: *why says how */
};

/* A usable translation: its key (for the path of a "cut" warning) and its value. */
struct tr {
    const char *key;
    const json_t *v;
};

/* The translation of obj for language lang (case-insensitive, as BCP 47 tags are).
 * Unusable entries were already reported by check_translations. */
static struct tr translation(const json_t *obj, const char *lang)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if (strcasecmp(key, lang) == 0 && !feedparse_why_not_string(v) && *json_string_value(v))
            return (struct tr){key, v};
    }
    return (struct tr){NULL, NULL};
}

/* Warns about translations that cannot be used; returns the first usable one. */
static struct tr check_translations(struct feedparse *p, const json_t *obj, const char *path)
{
    struct tr first = {NULL, NULL};
    const json_t *v;
    const char *key;
    char at[FEEDPARSE_PATH_MAX];
    json_object_foreach((json_t *)obj, key, v) {
        const char *why = feedparse_why_not_string(v);
        if (why)
            feedparse_warn(p, feedparse_join(at, sizeof at, path, key), "%s" FEEDPARSE_IGNORED,
                           why);
        else if (!first.v && *json_string_value(v))
            first = (struct tr){key, v};
    }
    return first;
}

/* Fills out->v[i] for every feed language: own translation, else the primary language's,
 * else the first feed language present, else the first usable key of the object. */
static enum text_status text_object(struct feedparse *p, const json_t *obj, const char *path,
                                    struct ltext *out)
{
    struct tr own[FEED_MAX_LANGS], fallback = check_translations(p, obj, path);
    const char *copy[FEED_MAX_LANGS];
    const json_t *src[FEED_MAX_LANGS];
    char at[FEEDPARSE_PATH_MAX];
    if (!fallback.v) return TEXT_EMPTY;
    for (size_t i = p->n_langs; i-- > 0;) {
        own[i] = translation(obj, p->langs[i]);
        fallback = own[i].v ? own[i] : fallback;
    }
    for (size_t i = 0; i < p->n_langs; i++) {
        const struct tr *t = own[i].v ? &own[i] : own[0].v ? &own[0] : &fallback;
        src[i] = t->v;
        copy[i] = NULL;
        for (size_t j = 0; j < i && !copy[i]; j++) /* one copy per distinct translation */
            copy[i] = src[j] == src[i] ? copy[j] : NULL;
        if (!copy[i])
            copy[i] = feedparse_keep_text(p, json_string_value(t->v),
                                          feedparse_join(at, sizeof at, path, t->key));
        out->v[i] = copy[i];
    }
    return TEXT_OK;
}

/* Parses a TEXT (a string or an object of translations) into out. */
static enum text_status text_parse(struct feedparse *p, const json_t *v, const char *path,
                                   struct ltext *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (!v) return TEXT_ABSENT;
    if (json_is_object(v)) return text_object(p, v, path, out);
    *why = json_is_string(v) ? feedparse_why_not_string(v) : WHY_TEXT;
    if (*why) return TEXT_BAD;
    if (!*json_string_value(v)) return TEXT_EMPTY;
    const char *s = feedparse_keep_text(p, json_string_value(v), path);
    for (size_t i = 0; i < p->n_langs; i++)
        out->v[i] = s;
    return TEXT_OK;
}

static const char *empty_why(const json_t *v)
{
    return json_is_string(v) ? "empty text" : "no text in any language";
}

bool feedparse_text_required(struct feedparse *p, enum feed_severity sev, const json_t *obj,
                             const char *prefix, const char *field, const char *then,
                             struct ltext *out)
{
    char at[FEEDPARSE_PATH_MAX];
    const char *why = NULL;
    const json_t *v = json_object_get(obj, field);
    feedparse_join(at, sizeof at, prefix, field);
    switch (text_parse(p, v, at, out, &why)) {
    case TEXT_OK:
        return true;
    case TEXT_ABSENT:
        why = "missing required field";
        break;
    case TEXT_EMPTY:
        why = empty_why(v);
        break;
    case TEXT_BAD:
        break;
    }
    feedparse_problem(p, sev, at, "%s%s", why, then);
    return false;
}

void feedparse_text_optional(struct feedparse *p, const json_t *obj, const char *prefix,
                             const char *field, struct ltext *out)
{
    char at[FEEDPARSE_PATH_MAX];
    const char *why = NULL;
    feedparse_join(at, sizeof at, prefix, field);
    if (text_parse(p, json_object_get(obj, field), at, out, &why) == TEXT_BAD)
        feedparse_warn(p, at, "%s" FEEDPARSE_IGNORED, why);
}

const char *feedparse_url_optional(struct feedparse *p, const json_t *obj, const char *prefix,
                                   const char *field)
{
    char at[FEEDPARSE_PATH_MAX], q[FEEDPARSE_QUOTE_BUF];
    const json_t *v = json_object_get(obj, field);
    if (!v) return NULL;
    feedparse_join(at, sizeof at, prefix, field);
    const char *why = feedparse_why_not_string(v);
    if (why) {
        feedparse_warn(p, at, "%s" FEEDPARSE_IGNORED, why);
        return NULL;
    }
    const char *ref = json_string_value(v);
    if (!*ref) /* as for texts, "" is how many CMSs say "none" */
        return NULL;
    if (strlen(ref) > FEED_MAX_TEXT) {
        feedparse_warn(p, at, "longer than %u bytes" FEEDPARSE_IGNORED, FEED_MAX_TEXT);
        return NULL;
    }
    char *url = url_resolve(p->base, ref);
    if (!url) {
        feedparse_warn(p, at, "unusable URL %s (expected http, https or a path)" FEEDPARSE_IGNORED,
                       feedparse_quote(q, sizeof q, ref));
        return NULL;
    }
    /* A link becomes a QR code for phones: a path on this screen's disk means nothing
     * there (a relative link in a feed read from a file resolves to one). */
    if (strcmp(field, "link") == 0 && !url_is_remote(url)) {
        feedparse_warn(
            p, at, "%s is not an http or https address (phones cannot open it)" FEEDPARSE_IGNORED,
            feedparse_quote(q, sizeof q, ref));
        free(url);
        return NULL;
    }
    const char *out = feedparse_copy(p, url);
    free(url);
    return out;
}

#define SHA256_HEX 64

/* The pin in lower case, or NULL (warned) when it is not 64 hexadecimal digits. */
static const char *pin(struct feedparse *p, const json_t *v, const char *at)
{
    char lower[SHA256_HEX + 1];
    const char *s = json_string_value(v);
    bool ok = s && strlen(s) == SHA256_HEX;
    for (size_t i = 0; ok && i < SHA256_HEX; i++) {
        ok = isxdigit((unsigned char)s[i]) != 0;
        lower[i] = (char)tolower((unsigned char)s[i]);
    }
    if (!ok) {
        feedparse_warn(p, at,
                       "expected the image's SHA-256 as 64 hexadecimal digits; image "
                       "ignored");
        return NULL;
    }
    lower[SHA256_HEX] = '\0';
    return feedparse_copy(p, lower);
}

const char *feedparse_image(struct feedparse *p, const json_t *obj, const char *prefix,
                            const char *field, const char **sha256)
{
    char at[FEEDPARSE_PATH_MAX], pin_at[FEEDPARSE_PATH_MAX];
    const json_t *v = json_object_get(obj, field);
    *sha256 = NULL;
    if (!json_is_object(v)) return feedparse_url_optional(p, obj, prefix, field);
    feedparse_join(at, sizeof at, prefix, field);
    const char *url = feedparse_url_optional(p, v, at, "url");
    const json_t *h = json_object_get(v, "sha256");
    if (!url || !h) return url;
    *sha256 = pin(p, h, feedparse_join(pin_at, sizeof pin_at, at, "sha256"));
    return *sha256 ? url : NULL;
}

bool feedparse_duration(const json_t *v, int *ms)
{
    if (!json_is_number(v)) return false;
    double s = json_number_value(v);
    if (!(s >= FEED_MIN_DURATION && s <= FEED_MAX_DURATION)) return false;
    *ms = (int)(s * 1000.0 + 0.5);
    return true;
}

bool feedparse_transition(const json_t *v, enum transition *out)
{
    static const char *const names[] = {
        [TRANSITION_FADE] = "fade", [TRANSITION_SLIDE] = "slide", [TRANSITION_CUT] = "cut"};
    for (size_t i = 0; json_is_string(v) && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(json_string_value(v), names[i]) == 0) {
            *out = (enum transition)i;
            return true;
        }
    return false;
}
