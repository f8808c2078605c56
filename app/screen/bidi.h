/* bidi — one line of text in the order it is drawn: splits UTF-8 into runs of one
 * direction, one script and one font face, and orders the runs left to right for
 * display (the Unicode bidirectional algorithm through GNU FriBidi, scripts from
 * HarfBuzz's Unicode data). Arabic drawn from a logical-order string without this
 * comes out reversed and unjoined; Hebrew reversed. Pure and reentrant: fonts.c calls
 * it on the render thread, tests and fuzzers anywhere. */
#ifndef VITRINE_BIDI_H
#define VITRINE_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BIDI_MAX_RUNS 256 /* a line needing more is drawn up to there */

struct bidi_run {
    size_t off, len; /* bytes of the line, in logical order within the run */
    int key;         /* what key() said for the run's characters (e.g. the font face) */
    bool rtl;        /* shape and draw right to left */
    char script[5];  /* ISO 15924 tag for the shaper, e.g. "Latn", "Arab", "Hebr" */
};

/* Which class a code point belongs to (a font face, say); runs never mix classes. */
typedef int (*bidi_key_fn)(void *ctx, uint32_t cp);

/* True when the paragraph starting at s is right to left: its first strong character
 * (before any newline) is Hebrew, Arabic or another RTL letter (rule P2). */
bool bidi_is_rtl(const char *s, size_t len);

/* Splits s[0..len) (one line of UTF-8, no newline) of a paragraph whose direction is
 * rtl (see bidi_is_rtl: a wrapped line keeps its paragraph's direction) into runs and
 * writes at most cap of them to out, leftmost first. key may be NULL (every character
 * in class 0). Returns the number of runs, 0 for an empty line or out of memory. */
size_t bidi_runs(const char *s, size_t len, bool rtl, bidi_key_fn key, void *ctx,
                 struct bidi_run *out, size_t cap);

#endif
