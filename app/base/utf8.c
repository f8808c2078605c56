/* utf8 — sequence lengths, decoding and safe cuts (see utf8.h). */
#include "utf8.h"

#include <stdbool.h>

size_t utf8_len(const char *s, size_t avail)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n;
    unsigned long min;
    if (avail == 0 || u[0] < 0x80) return 1;
    if (u[0] >= 0xC2 && u[0] <= 0xDF)
        n = 2, min = 0x80;
    else if (u[0] >= 0xE0 && u[0] <= 0xEF)
        n = 3, min = 0x800;
    else if (u[0] >= 0xF0 && u[0] <= 0xF4)
        n = 4, min = 0x10000;
    else
        return 1; /* continuation byte, overlong lead C0/C1, or F5..FF */
    if (avail < n) return 1;
    unsigned long cp = u[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) return 1;
        cp = cp << 6 | (u[i] & 0x3Fu);
    }
    /* Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid. */
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 1;
    return n;
}

uint32_t utf8_decode(const char *s, size_t avail, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    *n = utf8_len(s, avail);
    if (*n == 1) return u[0] < 0x80 ? u[0] : 0xFFFD;
    uint32_t cp = u[0] & (0x7Fu >> *n);
    for (size_t i = 1; i < *n; i++)
        cp = cp << 6 | (u[i] & 0x3Fu);
    return cp;
}

size_t utf8_floor(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Whitespace a one-line label shows as a plain space: tab, line feed, vertical tab, form
 * feed, carriage return, next line, and the Unicode line and paragraph separators. */
static bool breaks_line(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

size_t utf8_clean(char *dst, size_t cap, const char *src, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t len;
        const uint32_t cp = utf8_decode(src + i, n - i, &len);
        const bool invalid = len == 1 && (unsigned char)src[i] >= 0x80;
        if (cp == ' ' || breaks_line(cp)) {
            if (o > 0 && dst[o - 1] != ' ' && o < cap) dst[o++] = ' ';
        } else if (!invalid && cp >= 0x20 && (cp < 0x7F || cp > 0x9F)) {
            if (o + len > cap) break;
            for (size_t k = 0; k < len; k++)
                dst[o++] = src[i + k];
        }
        i += len;
    }
    while (o > 0 && dst[o - 1] == ' ')
        o--;
    dst[o] = '\0';
    return o;
}
