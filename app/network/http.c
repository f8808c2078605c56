/* http — the capped conditional GET and the POST (see http.h). Called by the fetch,
 * alerts and heartbeat threads (a handle each) and by --check on the main thread. */
#include "http.h"

#include "buf.h"
#include "log.h"
#include "version.h"

#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ALLOWED_PROTOCOLS "http,https"
#define HEADER_LINE_MAX   1024 /* bytes of one validator header we send */

struct http {
    CURL *curl;
    char errbuf[CURL_ERROR_SIZE];
    const atomic_bool *stop;
};

/* What the callbacks of one transfer share. */
struct transfer {
    long code;       /* of the last status line seen */
    char reason[64]; /* its reason phrase, "" with HTTP/2 */
    struct buf body;
    const atomic_bool *stop;
    bool post; /* any 2xx answers it, and its body is kept */
};

/* Status lines arrive once per response (redirects included); the last one wins. */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
    struct transfer *t = ctx;
    size_t len = size * n;
    if (len <= 5 || strncmp(data, "HTTP/", 5) != 0) return len;
    const char *sp = memchr(data, ' ', len);
    t->code = sp ? strtol(sp + 1, NULL, 10) : 0;
    t->reason[0] = '\0';
    buf_free(&t->body); /* a redirect's body is not the answer */
    const char *end = data + len;
    const char *phrase = sp ? memchr(sp + 1, ' ', (size_t)(end - sp - 1)) : NULL;
    if (!phrase) return len;
    phrase++;
    size_t plen = (size_t)(end - phrase);
    while (plen > 0 && (phrase[plen - 1] == '\r' || phrase[plen - 1] == '\n'))
        plen--;
    if (plen >= sizeof t->reason) plen = sizeof t->reason - 1;
    memcpy(t->reason, phrase, plen);
    t->reason[plen] = '\0';
    return len;
}

/* Bytes arrive already decompressed, so the cap holds after gzip too. An error page's
 * body is not kept. */
static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
    struct transfer *t = ctx;
    size_t len = size * n;
    if (t->code != 200 && !(t->post && t->code / 100 == 2)) return len;
    return buf_append(&t->body, data, len) ? len : 0; /* 0 aborts: CURLE_WRITE_ERROR */
}

static int on_progress(void *ctx, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const struct transfer *t = ctx;
    return t->stop && atomic_load(t->stop) ? 1 : 0;
}

/* ca_file: set once by http_global_init before any thread starts, then only read. */
static const char *ca_file;

struct http *http_new(const atomic_bool *stop)
{
    struct http *h = calloc(1, sizeof *h);
    if (!h || !(h->curl = curl_easy_init())) {
        free(h);
        return NULL;
    }
    h->stop = stop;
    CURL *c = h->curl;
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* threads and signals do not mix */
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "vitrine/" VITRINE_VERSION);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding curl can decode */
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)HTTP_MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, ALLOWED_PROTOCOLS);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, ALLOWED_PROTOCOLS);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)HTTP_CONNECT_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)HTTP_LOW_SPEED_BYTES);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)HTTP_LOW_SPEED_TIME_S);
    /* Never turned off: a kiosk showing whatever a man in the middle sends is worse than
     * a kiosk showing yesterday's deck. */
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file); /* a private CA, still verified */
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    return h;
}

void http_free(struct http *h)
{
    if (!h) return;
    curl_easy_cleanup(h->curl);
    free(h);
}

static struct curl_slist *append(struct curl_slist *h, const char *line)
{
    struct curl_slist *next = curl_slist_append(h, line);
    return next ? next : h;
}

static struct curl_slist *request_headers(const struct http_request *q, const struct http_body *b)
{
    struct curl_slist *h = NULL;
    char line[HEADER_LINE_MAX];
    if (b && b->type && strlen(b->type) < sizeof line - 32) {
        snprintf(line, sizeof line, "Content-Type: %s", b->type);
        h = append(h, line);
        h = append(h, "Expect:"); /* no 100-continue round trip for a few kilobytes */
    }
    const char *names[] = {"If-None-Match", "If-Modified-Since"};
    const char *values[] = {q->etag, q->last_modified};
    for (size_t i = 0; i < 2; i++) {
        if (!values[i] || strlen(values[i]) > sizeof line - 32) continue;
        snprintf(line, sizeof line, "%s: %s", names[i], values[i]);
        h = append(h, line);
    }
    if (!q->token) return h;
    size_t n = strlen(q->token) + 32;
    char *auth = malloc(n);
    if (!auth) return h;
    snprintf(auth, n, "Authorization: Bearer %s", q->token);
    h = append(h, auth);
    explicit_bzero(auth, n);
    free(auth);
    return h;
}

static void format_size(char *buf, size_t cap, size_t bytes)
{
    if (bytes % (1024u * 1024u) == 0)
        snprintf(buf, cap, "%zu MiB", bytes / (1024u * 1024u));
    else
        snprintf(buf, cap, "%zu bytes", bytes);
}

/* The reason a transfer failed, as a technician reads it. */
static void failure_reason(const struct http *h, const struct transfer *t, CURLcode rc, char *why,
                           size_t whylen)
{
    char size[32];
    if (rc == CURLE_OK && t->reason[0])
        snprintf(why, whylen, "HTTP %ld %s", t->code, t->reason);
    else if (rc == CURLE_OK)
        snprintf(why, whylen, "HTTP %ld", t->code);
    else if (t->body.too_big) {
        format_size(size, sizeof size, t->body.max);
        snprintf(why, whylen, "the response is larger than the %s limit", size);
    } else if (h->errbuf[0])
        snprintf(why, whylen, "%s", h->errbuf);
    else
        snprintf(why, whylen, "%s", curl_easy_strerror(rc));
}

/* A response header of the final response, copied, or NULL. */
static char *header_value(CURL *c, const char *name)
{
    struct curl_header *hd = NULL;
    if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK || !hd->value) return NULL;
    return strdup(hd->value);
}

static enum http_result finish(struct http *h, struct transfer *t, CURLcode rc,
                               struct http_response *r)
{
    if (rc == CURLE_ABORTED_BY_CALLBACK && t->stop && atomic_load(t->stop)) return HTTP_STOPPED;
    long code = 0;
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK) t->code = code;
    r->code = t->code;
    if (rc == CURLE_OK && t->post && code / 100 == 2) {
        r->body = buf_steal(&t->body, &r->len);
        if (r->body) return HTTP_OK;
        snprintf(r->why, sizeof r->why, "out of memory");
        return HTTP_FAILED;
    }
    if (rc == CURLE_OK && !t->post && (code == 200 || code == 304)) {
        r->etag = header_value(h->curl, "ETag");
        r->last_modified = header_value(h->curl, "Last-Modified");
        if (code == 304) return HTTP_NOT_MODIFIED;
        /* An empty body is still a body: the parser says why it will not do. */
        r->body = buf_steal(&t->body, &r->len);
        if (r->body) return HTTP_OK;
        snprintf(r->why, sizeof r->why, "out of memory");
        return HTTP_FAILED;
    }
    failure_reason(h, t, rc, r->why, sizeof r->why);
    return HTTP_FAILED;
}

/* One transfer: a GET, or a POST of b. The handle is left set for a GET. */
static enum http_result perform(struct http *h, const struct http_request *q,
                                const struct http_body *b, struct http_response *r)
{
    memset(r, 0, sizeof *r);
    const bool post = b != NULL;
    struct transfer t = {.body = buf_make(q->max), .stop = h->stop, .post = post};
    struct curl_slist *headers = request_headers(q, b);
    CURL *c = h->curl;
    h->errbuf[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, q->url);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                     q->timeout_ms ? q->timeout_ms : HTTP_TRANSFER_TIMEOUT_S * 1000L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    if (b) {
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)b->len);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, b->data ? b->data : "");
    }
    CURLcode rc = curl_easy_perform(c);
    if (post) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers); /* holds the token: gone right after the transfer */
    enum http_result res = finish(h, &t, rc, r);
    buf_free(&t.body);
    return res;
}

enum http_result http_get(struct http *h, const struct http_request *q, struct http_response *r)
{
    return perform(h, q, NULL, r);
}

enum http_result http_post(struct http *h, const struct http_request *q, const struct http_body *b,
                           struct http_response *r)
{
    struct http_request post = *q;
    post.etag = post.last_modified = NULL;
    return perform(h, &post, b, r);
}

void http_response_clear(struct http_response *r)
{
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    memset(r, 0, sizeof *r);
}

static bool same_part(CURLU *a, CURLU *b, CURLUPart part)
{
    char *x = NULL, *y = NULL;
    curl_url_get(a, part, &x, CURLU_DEFAULT_PORT);
    curl_url_get(b, part, &y, CURLU_DEFAULT_PORT);
    bool same = x && y && strcasecmp(x, y) == 0;
    curl_free(x);
    curl_free(y);
    return same;
}

bool http_same_origin(const char *a, const char *b)
{
    CURLU *ua = curl_url(), *ub = curl_url();
    bool same = ua && ub && curl_url_set(ua, CURLUPART_URL, a, 0) == CURLUE_OK &&
                curl_url_set(ub, CURLUPART_URL, b, 0) == CURLUE_OK &&
                same_part(ua, ub, CURLUPART_SCHEME) && same_part(ua, ub, CURLUPART_HOST) &&
                same_part(ua, ub, CURLUPART_PORT);
    curl_url_cleanup(ua);
    curl_url_cleanup(ub);
    return same;
}

void http_global_init(const char *ca)
{
    ca_file = ca;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        log_warn("libcurl did not initialize: remote feeds will not be fetched");
}

void http_global_cleanup(void)
{
    curl_global_cleanup();
}
