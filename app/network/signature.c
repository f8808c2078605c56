/* signature — fetching and judging a signed feed's signature (see signature.h). */
#include "signature.h"

#include "file.h"
#include "http.h"
#include "url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX_BYTES 4096

bool signature_load_key(const char *path, struct minisig_key *key, char *why, size_t whylen)
{
    unsigned char *text = NULL;
    size_t len = 0;
    char err[512];
    if (!file_read(path, KEY_MAX_BYTES, &text, &len, err, sizeof err))
        return file_error(why, whylen, "public_key: %s", err);
    const bool ok = minisig_key_parse((const char *)text, len, key, err, sizeof err);
    free(text);
    return ok || file_error(why, whylen, "public_key: %s is %s", path, err);
}

/* FEED.minisig, before a query or fragment so that "feed.json?lobby" gives
 * "feed.json.minisig?lobby", as a web server serves files. */
static char *location(const struct signature_rule *rule, const char *feed)
{
    if (rule->where) return strdup(rule->where);
    const size_t cut = url_is_remote(feed) ? strcspn(feed, "?#") : strlen(feed);
    const size_t n = strlen(feed) + sizeof ".minisig";
    char *s = malloc(n);
    if (s) snprintf(s, n, "%.*s.minisig%s", (int)cut, feed, feed + cut);
    return s;
}

static bool fetch_remote(struct http *h, const char *url, const char *token, char **text,
                         size_t *len, char *why, size_t whylen)
{
    struct http_request q = {url, NULL, NULL, token, MINISIG_MAX_BYTES, 0};
    struct http_response r;
    const enum http_result g = http_get(h, &q, &r);
    if (g != HTTP_OK) {
        file_error(why, whylen, "%s", g == HTTP_STOPPED ? "stopped" : r.why);
        http_response_clear(&r);
        return false;
    }
    *text = (char *)r.body, *len = r.len;
    r.body = NULL;
    http_response_clear(&r);
    return true;
}

bool signature_get(struct http *h, const struct signature_rule *rule, const char *feed,
                   const char *token, char **text, size_t *len, char *why, size_t whylen)
{
    char err[512];
    char *where = location(rule, feed);
    if (!where) return file_error(why, whylen, "out of memory");
    bool ok;
    if (url_is_remote(where))
        ok = h && fetch_remote(h, where, http_same_origin(feed, where) ? token : NULL, text, len,
                               err, sizeof err);
    else
        ok = file_read(where, MINISIG_MAX_BYTES, (unsigned char **)text, len, err, sizeof err);
    if (!ok) file_error(why, whylen, "no signature at %s (%s)", where, err);
    free(where);
    return ok;
}

bool signature_check(const struct signature_rule *rule, const char *sig, size_t siglen,
                     const void *body, size_t len, int64_t floor, int64_t *order, char *why,
                     size_t whylen)
{
    struct minisig_claim c;
    char err[512];
    if (!minisig_verify(rule->key, sig, siglen, body, len, &c, err, sizeof err))
        return file_error(why, whylen, "bad signature: %s", err);
    if (c.order < 0)
        return file_error(why, whylen,
                          "bad signature: its trusted comment \"%s\" carries no "
                          "timestamp: or version:",
                          c.trusted);
    if (c.order < floor)
        return file_error(why, whylen,
                          "refused as a replay: signed \"%s\", older than the deck "
                          "already trusted (%lld)",
                          c.trusted, (long long)floor);
    *order = c.order;
    return true;
}
