/* fuzz_url — libFuzzer target for URL resolution (app/content/url.c).
 *
 * Input: base and ref separated by the first NUL or newline; with no separator the whole
 * input is ref and base is NULL. Checks the header's promises: a result is an http(s)
 * URL or a path (an absolute one unless the base itself was a relative path), a ref with
 * another scheme is refused, and a remote result resolves again to a URL. Runs on
 * libFuzzer's thread only. */
#include "url.h"
#include "utf8_check.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* True when s starts with "scheme:" (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )),
 * the scheme's length going to *len. */
static bool has_scheme(const char *s, size_t *len)
{
    if (!isalpha((unsigned char)s[0])) return false;
    size_t i = 1;
    while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    *len = i;
    return s[i] == ':';
}

static bool is_http_scheme(const char *s, size_t len)
{
    return (len == 4 && strncasecmp(s, "http", 4) == 0) ||
           (len == 5 && strncasecmp(s, "https", 5) == 0);
}

static void check_result(const char *base, const char *ref, const char *out)
{
    size_t scheme_len = 0;
    if (has_scheme(ref, &scheme_len) && !is_http_scheme(ref, scheme_len))
        FUZZ_ASSERT(out == NULL); /* "file:", "javascript:"... are refused */
    if (out == NULL) return;
    const size_t len = strlen(out);
    FUZZ_ASSERT(len > 0);
    if (url_is_remote(out)) {
        /* What we produced must be usable as it is. */
        char *again = url_resolve(NULL, out);
        FUZZ_ASSERT(again != NULL);
        free(again);
        return;
    }
    /* A base with a scheme that is not an http(s) URL ("file:///srv/feed.json", "http:/x")
     * is outside the contract: the feed location comes from the technician, not the feed. */
    if (base != NULL && has_scheme(base, &scheme_len) && !url_is_remote(base)) return;
    /* Not a URL, so a path: it must not carry any other scheme... */
    FUZZ_ASSERT(!has_scheme(out, &scheme_len));
    /* ...and is absolute unless it was made beside a relative base path. */
    const bool relative_base = base != NULL && base[0] != '/' && !url_is_remote(base);
    if (!relative_base) FUZZ_ASSERT(out[0] == '/');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (buf == NULL) return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';

    const char *base = NULL;
    const char *ref = buf;
    const size_t cut = strcspn(buf, "\n"); /* stops at the first NUL too */
    if (cut < size) {
        buf[cut] = '\0';
        base = buf;
        ref = buf + cut + 1;
    }
    (void)url_is_remote(ref);
    char *out = url_resolve(base, ref);
    check_result(base, ref, out);
    free(out);
    free(buf);
    return 0;
}
