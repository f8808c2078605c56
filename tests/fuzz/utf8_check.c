/* utf8_check — the fuzz targets' own UTF-8 oracle and assertion helper (see the header).
 * Runs on libFuzzer's thread only. */
#include "utf8_check.h"

#include <stdio.h>
#include <stdlib.h>

size_t utf8_check_seq(const unsigned char *s, size_t avail)
{
    if (avail == 0) return 0;
    const unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0; /* overlong */
        if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90; /* overlong */
        if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0;
    }
    if (avail < n || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return n;
}

bool utf8_check_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        const size_t n = utf8_check_seq(p + i, len - i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz property failed: %s\n", file, line, what);
    abort();
}
