/* check — `vitrine --check FEED`: reads a feed once, from a file or with one GET under
 * the same limits and TLS rules as the poller (no cache, no images), sending the bearer
 * token, checks its signature when a public key is set, and parses it, reporting every
 * problem. Main thread. */
#ifndef VITRINE_CHECK_H
#define VITRINE_CHECK_H

#include "feed.h"
#include "signature.h"

/* token_file and sign may be NULL (sign NULL: no signature required). A transfer
 * failure is one FEED_ERROR with path "" and the reason ("could not fetch URL: HTTP 404
 * Not Found"), a refused signature too ("signature: bad signature: ..."). Returns the
 * feed or NULL. */
struct feed *check_read(const char *feed, const char *token_file, const struct signature_rule *sign,
                        feed_report_fn report, void *ctx);

#endif
