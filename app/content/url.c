/* url — resolves the references a feed makes (logos, images, links) against the feed's
 * own location. http(s) resolution is libcurl's URL API (curl_url), never a hand-written
 * parser; file bases only need "the directory of the feed" + ref. Pure and reentrant:
 * the fetch thread and main (--check, the first deck) both call it. */
#include "url.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool url_is_remote(const char *s)
{
    return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

/* A ref that a screen could misread or a log could be forged with is never used. */
static bool has_control_char(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return true;
    return false;
}

/* RFC 3986 section 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
 * Only this prefix is inspected; the URL itself is parsed by libcurl. */
bool url_has_scheme(const char *s)
{
    static const char alpha[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    size_t n = strspn(s, alpha);
    if (n == 0) return false;
    n += strspn(s + n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
    return s[n] == ':';
}

/* True when libcurl accepts s as an absolute URL on its own. */
static bool parses_alone(const char *s)
{
    CURLU *h = curl_url();
    if (!h) return false;
    const bool ok = curl_url_set(h, CURLUPART_URL, s, 0) == CURLUE_OK;
    curl_url_cleanup(h);
    return ok;
}

/* Sets url (absolute, or relative to what h already holds) and returns the resulting
 * absolute URL if its scheme is http or https. libcurl percent-decodes a host, so
 * "https://%7f/" comes back holding a raw DEL that it then refuses to parse: a result is
 * kept only if it is free of control characters and parses again as it is, because the
 * fetcher and the cache key use it verbatim. */
static char *curl_resolve(CURLU *h, const char *url)
{
    char *scheme = NULL, *full = NULL, *out = NULL;
    if (curl_url_set(h, CURLUPART_URL, url, CURLU_URLENCODE) != CURLUE_OK) return NULL;
    if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) return NULL;
    bool web = strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0;
    curl_free(scheme);
    if (web && curl_url_get(h, CURLUPART_URL, &full, 0) == CURLUE_OK && !has_control_char(full) &&
        parses_alone(full))
        out = strdup(full);
    curl_free(full);
    return out;
}

static char *resolve_remote(const char *base, const char *ref)
{
    CURLU *h = curl_url();
    if (!h) return NULL;
    char *out = NULL;
    if (!base || curl_url_set(h, CURLUPART_URL, base, 0) == CURLUE_OK) out = curl_resolve(h, ref);
    curl_url_cleanup(h);
    return out;
}

/* A feed read from disk: its relative refs are files beside it. */
static char *resolve_path(const char *base, const char *ref)
{
    if (ref[0] == '/') return strdup(ref);
    if (!base) return NULL;
    const char *slash = strrchr(base, '/');
    if (!slash) /* "feed.json": the feed is in the current directory, and so is ref */
        return strdup(ref);
    size_t dir = (size_t)(slash - base) + 1, n = strlen(ref);
    char *out = malloc(dir + n + 1);
    if (!out) return NULL;
    memcpy(out, base, dir);
    memcpy(out + dir, ref, n + 1);
    return out;
}

char *url_resolve(const char *base, const char *ref)
{
    if (!ref || !*ref || has_control_char(ref)) return NULL;
    if (url_has_scheme(ref)) /* absolute: whatever the base, only http(s) is accepted */
        return url_is_remote(ref) ? resolve_remote(NULL, ref) : NULL;
    if (url_is_remote(base)) return resolve_remote(base, ref);
    return resolve_path(base, ref);
}
