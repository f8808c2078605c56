/* fuzz_bidi — libFuzzer target for bidirectional runs (app/screen/bidi.c).
 *
 * Input: byte 0 is flags (bit 0: the paragraph is right to left; bits 1-7 pick the run
 * cap, 1..127, or BIDI_MAX_RUNS for 0), the rest is the line (any bytes). Checks the
 * header's promises on every result: at most cap runs, each non-empty, inside the line,
 * never overlapping, cut only between characters when the line is valid UTF-8, never
 * mixing keys, with a four-letter script tag; and, below the cap, covering the whole
 * line. Runs on libFuzzer's thread only. */
#include "bidi.h"
#include "utf8_check.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A key that changes often: faces split at every script block boundary in real life. */
static int key_of(void *ctx, uint32_t cp)
{
    (void)ctx;
    return (int)(cp >> 7) % 3 - (cp == 0x2029); /* -1 too: "no face has it" */
}

static bool starts_char(const char *s, size_t len, size_t at)
{
    size_t i = 0;
    while (i < at)
        i += utf8_check_seq((const unsigned char *)s + i, len - i);
    return i == at;
}

static void check(const char *s, size_t len, const struct bidi_run *runs, size_t n, size_t cap)
{
    FUZZ_ASSERT(n <= cap);
    const bool valid = utf8_check_valid(s, len);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const struct bidi_run *r = &runs[i];
        FUZZ_ASSERT(r->len > 0 && r->off < len && r->len <= len - r->off);
        FUZZ_ASSERT(strlen(r->script) == 4);
        for (size_t c = 0; c < 4; c++)
            FUZZ_ASSERT(isalpha((unsigned char)r->script[c]));
        for (size_t j = 0; j < n; j++)
            FUZZ_ASSERT(i == j || r->off + r->len <= runs[j].off ||
                        runs[j].off + runs[j].len <= r->off);
        if (valid) FUZZ_ASSERT(starts_char(s, len, r->off) && starts_char(s, len, r->off + r->len));
        total += r->len;
    }
    if (n < cap && len > 0) FUZZ_ASSERT(total == len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const bool rtl = data[0] & 1;
    const size_t cap = (data[0] >> 1) ? (size_t)(data[0] >> 1) : BIDI_MAX_RUNS;
    const char *s = (const char *)data + 1;
    const size_t len = size - 1;
    struct bidi_run runs[BIDI_MAX_RUNS];
    (void)bidi_is_rtl(s, len);
    check(s, len, runs, bidi_runs(s, len, rtl, NULL, NULL, runs, cap), cap);
    check(s, len, runs, bidi_runs(s, len, !rtl, key_of, NULL, runs, cap), cap);
    return 0;
}
