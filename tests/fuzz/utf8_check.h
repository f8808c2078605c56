/* utf8_check — a strict UTF-8 validator the fuzz targets use as an oracle, written
 * independently of app/text.c so that a bug there cannot hide itself. */
#ifndef VITRINE_FUZZ_UTF8_CHECK_H
#define VITRINE_FUZZ_UTF8_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

/* Length of the well-formed sequence at s[0] (1..4, per RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0 when s[0..avail) does not start with one. */
size_t utf8_check_seq(const unsigned char *s, size_t avail);

/* True when s[0..len) is entirely well-formed UTF-8. */
bool utf8_check_valid(const char *s, size_t len);

/* Aborts with a message naming the fuzz property that failed: a crash libFuzzer keeps.
 * The explicit abort() tells static analysers that the path ends there. */
#define FUZZ_ASSERT(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fuzz_fail(__FILE__, __LINE__, #cond);                                                  \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

_Noreturn void fuzz_fail(const char *file, int line, const char *what);

#endif
