/* check — one read of a feed for --check (see check.h). */
#include "check.h"

#include "file.h"
#include "http.h"
#include "token.h"
#include "url.h"

#include <stdio.h>
#include <stdlib.h>

/* The feed's bytes (one byte over the limit, so feed_parse tells "too big" with its
 * usual sentence), from disk or one GET. False with the reason in why. */
static bool read_body(struct http *h, const char *feed, const char *token, unsigned char **body,
                      size_t *len, char *why, size_t whylen)
{
    if (!url_is_remote(feed)) return file_read(feed, FEED_MAX_BYTES + 1, body, len, why, whylen);
    struct http_request q = {feed, NULL, NULL, token, FEED_MAX_BYTES, 0};
    struct http_response r;
    const bool ok = http_get(h, &q, &r) == HTTP_OK;
    if (ok) {
        *body = r.body, *len = r.len;
        r.body = NULL;
    } else {
        file_error(why, whylen, "could not fetch %s: %s", feed, r.why);
    }
    http_response_clear(&r);
    return ok;
}

static bool signature_holds(struct http *h, const struct signature_rule *sign, const char *feed,
                            const char *token, const unsigned char *body, size_t len, char *why,
                            size_t whylen)
{
    char *sig = NULL;
    size_t n = 0;
    int64_t order;
    char err[768];
    const bool ok = signature_get(h, sign, feed, token, &sig, &n, err, sizeof err) &&
                    signature_check(sign, sig, n, body, len, -1, &order, err, sizeof err);
    free(sig);
    return ok || file_error(why, whylen, "signature: %s", err);
}

struct feed *check_read(const char *feed, const char *token_file, const struct signature_rule *sign,
                        feed_report_fn report, void *ctx)
{
    char why[1024];
    char *token = NULL;
    if (url_is_remote(feed) && token_file && !(token = token_read(token_file, why, sizeof why))) {
        char msg[1100];
        snprintf(msg, sizeof msg, "token file: %s", why);
        report(ctx, FEED_ERROR, "", msg);
        return NULL;
    }
    struct http *h = url_is_remote(feed) ? http_new(NULL) : NULL;
    unsigned char *body = NULL;
    size_t len = 0;
    bool ok = !url_is_remote(feed) || h || !file_error(why, sizeof why, "could not start libcurl");
    ok = ok && read_body(h, feed, token, &body, &len, why, sizeof why);
    ok = ok &&
         (!sign || !sign->key || signature_holds(h, sign, feed, token, body, len, why, sizeof why));
    http_free(h);
    token_free(token);
    struct feed *parsed = NULL;
    if (ok)
        parsed = feed_parse((const char *)body, len, feed, report, ctx);
    else
        report(ctx, FEED_ERROR, "", why);
    free(body);
    return parsed;
}
