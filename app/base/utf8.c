/* utf8 — sequence lengths, decoding and safe cuts (see utf8.h). */
#include "utf8.h"

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
