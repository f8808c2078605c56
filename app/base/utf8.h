/* utf8 — the few UTF-8 facts every module needs: how long a sequence is, which code
 * point it holds, and where to cut a string without splitting a character. Strict
 * (overlong forms, surrogates and code points past U+10FFFF are invalid), so invalid
 * input advances one byte at a time. Pure. */
#ifndef VITRINE_UTF8_H
#define VITRINE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the UTF-8 sequence starting at s[0] (1..4), or 1 for an invalid byte.
 * avail is the bytes available (>= 1). */
size_t utf8_len(const char *s, size_t avail);

/* The code point starting at s[0], its length going to *n (as utf8_len); U+FFFD for an
 * invalid byte. */
uint32_t utf8_decode(const char *s, size_t avail, size_t *n);

/* The largest cut <= n that does not split a character of s (which has at least n
 * bytes, and a byte at s[n] when the cut is inside it): backs up over continuation
 * bytes. */
size_t utf8_floor(const char *s, size_t n);

/* Copies n bytes of src into dst as one clean line for a label: line breaks and tabs
 * become single spaces, runs of spaces fold, other control characters (C0, DEL, C1, NUL)
 * and invalid bytes are dropped, leading and trailing spaces trimmed, and the result is
 * cut at a character boundary to at most cap bytes. dst holds cap + 1 bytes; returns the
 * length written (0: nothing printable). */
size_t utf8_clean(char *dst, size_t cap, const char *src, size_t n);

#endif
