/* check — one read of a feed for --check (see check.h). */
#include "check.h"

#include "http.h"
#include "token.h"
#include "url.h"

#include <stdio.h>

struct feed *check_read(const char *feed, const char *token_file, feed_report_fn report, void *ctx)
{
    if (!url_is_remote(feed)) return feed_load_file(feed, report, ctx);
    char why[512], msg[768];
    char *token = NULL;
    if (token_file && !(token = token_read(token_file, why, sizeof why))) {
        snprintf(msg, sizeof msg, "token file: %s", why);
        report(ctx, FEED_ERROR, "", msg);
        return NULL;
    }
    struct http *h = http_new(NULL);
    if (!h) {
        report(ctx, FEED_ERROR, "", "could not start libcurl");
        token_free(token);
        return NULL;
    }
    struct http_request q = {feed, NULL, NULL, token, FEED_MAX_BYTES, 0};
    struct http_response r;
    enum http_result g = http_get(h, &q, &r);
    http_free(h);
    token_free(token);
    struct feed *parsed = NULL;
    if (g == HTTP_OK) {
        parsed = feed_parse((const char *)r.body, r.len, feed, report, ctx);
    } else {
        snprintf(msg, sizeof msg, "could not fetch %s: %s", feed, r.why);
        report(ctx, FEED_ERROR, "", msg);
    }
    http_response_clear(&r);
    return parsed;
}
