/* check — `vitrine --check FEED`: reads a feed once, from a file or with one GET under
 * the same limits and TLS rules as the poller (no cache, no images), sending the bearer
 * token, and parses it, reporting every problem. Main thread. */
#ifndef VITRINE_CHECK_H
#define VITRINE_CHECK_H

#include "feed.h"

/* token_file may be NULL. A transfer failure is one FEED_ERROR with path "" and the
 * reason ("could not fetch URL: HTTP 404 Not Found"). Returns the feed or NULL. */
struct feed *check_read(const char *feed, const char *token_file, feed_report_fn report, void *ctx);

#endif
