/* url — resolving the references a feed makes (logos, images, links) against the feed's
 * own location. Pure; uses libcurl's URL parser (no network), so any thread may call it. */
#ifndef VITRINE_URL_H
#define VITRINE_URL_H

#include <stdbool.h>

/* True for "http://..." and "https://..." (case-insensitive scheme). */
bool url_is_remote(const char *s);

/* True when s starts with a URI scheme and its colon ("ftp:", "file:", "http:"). */
bool url_has_scheme(const char *s);

/* Resolves ref against base and returns a new string the caller frees, or NULL when
 * ref cannot be used: an unparsable URL, a scheme other than http/https (a "file:" or
 * "javascript:" link from the network is refused), or a relative ref with no base.
 * base may be an http(s) URL or a file path; for a path, a relative ref becomes a path
 * beside it ("logos/a.png" next to "/srv/feed.json" -> "/srv/logos/a.png"), and an
 * absolute http(s) ref is kept as it is. base NULL: only absolute http(s) refs and
 * absolute paths are accepted. */
char *url_resolve(const char *base, const char *ref);

#endif
