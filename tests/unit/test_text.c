/* Unit tests for the text layout engine, first with fake metrics (10 px per character at
 * size 20, so expected lines can be worked out by hand), then with real SDL_ttf glyph
 * widths so kerning and proportional widths are exercised too. No display needed. */
#include "text.h"
#include "utf8.h"

#include <SDL_ttf.h>
#include <limits.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#define ELLIPSIS  "\xE2\x80\xA6"
#define NBSP      "\xC2\xA0"     /* U+00A0 no-break space */
#define NNBSP     "\xE2\x80\xAF" /* U+202F narrow no-break space */
#define EM_DASH   "\xE2\x80\x94"
#define CLEF      "\xF0\x9D\x84\x9E" /* U+1D11E, a 4-byte character */
#define BIG_WORD  (1024u * 1024u)
#define FUZZ_RUNS 3000

static const char *const font_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
};

/* ---- metrics ---- */

static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i += utf8_len(s + i, len - i))
        n++;
    return n;
}

static int fake_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    (void)ctx;
    (void)style;
    long long w = (long long)count_chars(s, len) * size / 2;
    return w < INT_MAX ? (int)w : INT_MAX; /* saturate like a sane font at huge sizes */
}

static int fake_line_height(void *ctx, enum font_style style, int size)
{
    (void)ctx;
    (void)style;
    long long h = (long long)size * 5 / 4;
    return h < INT_MAX ? (int)h : INT_MAX;
}

static const struct text_metrics fake = {NULL, fake_width, fake_line_height};

/* A hostile font: widths jump around with the bytes (wider prefixes may be narrower)
 * and can be negative. The guarantees must hold anyway. */
static int odd_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    (void)ctx;
    (void)style;
    unsigned h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return (int)((len * 7 + h % 23) * (unsigned)size / 20) - 3;
}

static const struct text_metrics odd = {NULL, odd_width, fake_line_height};

static int ttf_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    (void)style;
    TTF_Font *font = ctx;
    char *copy = malloc(len + 1); /* SDL_ttf wants a NUL-terminated string */
    int w = 0;
    assert_non_null(copy);
    memcpy(copy, s, len);
    copy[len] = '\0';
    assert_int_equal(TTF_SetFontSize(font, size), 0);
    assert_int_equal(TTF_SizeUTF8(font, copy, &w, NULL), 0);
    free(copy);
    return w;
}

static int ttf_line_height(void *ctx, enum font_style style, int size)
{
    (void)style;
    TTF_Font *font = ctx;
    assert_int_equal(TTF_SetFontSize(font, size), 0);
    return TTF_FontLineSkip(font);
}

/* ---- helpers ---- */

static bool fit(const struct text_metrics *m, const char *s, int box_w, int box_h, int max_size,
                int min_size, struct text_block *b)
{
    return text_fit(m, 0, s, strlen(s), box_w, box_h, max_size, min_size, TEXT_MAX_LINES, b);
}

static void assert_line(const char *text, const struct text_block *b, size_t i, const char *want)
{
    assert_true(i < b->n_lines);
    const struct text_line *l = &b->lines[i];
    char got[256] = "";
    if (l->len < sizeof got) memcpy(got, text + l->off, l->len);
    assert_string_equal(got, want);
}

static bool *boundaries(const char *t, size_t len)
{
    bool *at = calloc(len + 1, sizeof *at);
    assert_non_null(at);
    for (size_t i = 0; i < len; i += utf8_len(t + i, len - i))
        at[i] = true;
    at[len] = true;
    return at;
}

/* Every guarantee of text.h, checked on any result. */
static void assert_block_valid(const struct text_metrics *m, const char *t, size_t len,
                               const struct text_block *b, int box_w, int box_h, int max_lines)
{
    bool *at = boundaries(t, len);
    int ell = m->width(m->ctx, 0, b->size, ELLIPSIS, strlen(ELLIPSIS));
    ell = ell > 0 ? ell : 0;
    int widest = 0;
    size_t prev_end = 0;
    assert_true(b->n_lines >= 1 && b->n_lines <= (size_t)max_lines);
    assert_true(b->n_lines <= TEXT_MAX_LINES);
    assert_int_equal(b->line_h, m->line_height(m->ctx, 0, b->size));
    assert_int_equal(b->height, (int)b->n_lines * b->line_h);
    assert_true(b->height <= box_h);
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct text_line *l = &b->lines[i];
        assert_true(l->off >= prev_end && l->off + l->len <= len);
        assert_true(at[l->off] && at[l->off + l->len]);
        int w = l->len ? m->width(m->ctx, 0, b->size, t + l->off, l->len) : 0;
        w = w > 0 ? w : 0; /* the engine reads a negative width as 0 */
        if (l->ellipsis) {
            assert_true(i == b->n_lines - 1 && b->truncated);
            w += ell;
        }
        assert_int_equal(l->width, w);
        if (l->width > box_w) /* only a lone character (or a lone ellipsis) may overflow */
            assert_true(count_chars(t + l->off, l->len) + l->ellipsis <= 1);
        widest = l->width > widest ? l->width : widest;
        prev_end = l->off + l->len;
    }
    assert_int_equal(b->width, widest);
    assert_int_equal(b->truncated, b->lines[b->n_lines - 1].ellipsis);
    free(at);
}

static void assert_valid(const struct text_metrics *m, const char *t, const struct text_block *b,
                         int box_w, int box_h)
{
    assert_block_valid(m, t, strlen(t), b, box_w, box_h, TEXT_MAX_LINES);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- fake metrics: exact expectations ---- */

static void fit_wraps_greedily_at_spaces(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "aaa bbb ccc dd";
    assert_true(fit(&fake, t, 70, 500, 20, 20, &b)); /* 7 characters a line */
    assert_int_equal(b.n_lines, 2);
    assert_line(t, &b, 0, "aaa bbb");
    assert_line(t, &b, 1, "ccc dd");
    assert_int_equal(b.lines[0].width, 70);
    assert_int_equal(b.width, 70);
    assert_int_equal(b.height, 50);
    assert_false(b.truncated);
    assert_valid(&fake, t, &b, 70, 500);
}

static void fit_skips_spaces_at_wrapped_line_starts(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "aaa      bbb   ";
    assert_true(fit(&fake, t, 50, 500, 20, 20, &b));
    assert_int_equal(b.n_lines, 2);
    assert_line(t, &b, 0, "aaa");
    assert_line(t, &b, 1, "bbb");
    assert_valid(&fake, t, &b, 50, 500);
}

static void fit_breaks_at_hard_newlines(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "ab\ncd\n\nef\n";
    assert_true(fit(&fake, t, 1000, 500, 20, 20, &b));
    assert_int_equal(b.n_lines, 4);
    assert_line(t, &b, 0, "ab");
    assert_line(t, &b, 1, "cd");
    assert_line(t, &b, 2, "");
    assert_line(t, &b, 3, "ef");
    assert_valid(&fake, t, &b, 1000, 500);

    /* Trailing blank lines are not laid out; a text of blanks is nothing to draw. */
    const char *trailing = "ab\n\n \n\n";
    assert_true(fit(&fake, trailing, 1000, 500, 20, 20, &b));
    assert_int_equal(b.n_lines, 1);
    assert_false(b.truncated);
    assert_false(fit(&fake, " \n\t\n", 1000, 500, 20, 20, &b));
}

static void fit_keeps_french_no_break_spaces_together(void **state)
{
    (void)state;
    struct text_block b;
    const char *quote = "Dites "
                        "\xC2\xAB" NBSP "Bonjour" NBSP "\xC2\xBB"; /* Dites « Bonjour » */
    assert_true(fit(&fake, quote, 120, 500, 20, 20, &b));
    assert_int_equal(b.n_lines, 2);
    assert_line(quote, &b, 0, "Dites");
    assert_line(quote, &b, 1, "\xC2\xAB" NBSP "Bonjour" NBSP "\xC2\xBB");

    const char *bang = "Faites attention" NNBSP "!";
    assert_true(fit(&fake, bang, 170, 500, 20, 20, &b));
    assert_int_equal(b.n_lines, 2);
    assert_line(bang, &b, 1, "attention" NNBSP "!");

    /* The same text with an ordinary space does break before the "!". */
    const char *plain = "Faites attention !";
    assert_true(fit(&fake, plain, 170, 500, 20, 20, &b));
    assert_line(plain, &b, 0, "Faites attention");
    assert_line(plain, &b, 1, "!");
}

static void fit_breaks_after_hyphens_and_dashes(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "porte-monnaie";
    assert_true(fit(&fake, t, 80, 500, 20, 20, &b));
    assert_int_equal(b.n_lines, 2);
    assert_line(t, &b, 0, "porte-");
    assert_line(t, &b, 1, "monnaie");

    const char *d = "avant" EM_DASH "apres";
    assert_true(fit(&fake, d, 80, 500, 20, 20, &b));
    assert_line(d, &b, 0, "avant" EM_DASH);
    assert_line(d, &b, 1, "apres");

    /* A leading minus sign is not a break: "-5" stays whole. */
    const char *minus = "-5 -5";
    assert_true(fit(&fake, minus, 30, 500, 20, 20, &b));
    assert_line(minus, &b, 0, "-5");
    assert_line(minus, &b, 1, "-5");
}

static void fit_breaks_a_word_wider_than_the_box_between_characters(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "ok \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9" CLEF CLEF CLEF "z";
    assert_true(fit(&fake, t, 30, 1000, 20, 20, &b)); /* 3 characters a line */
    assert_int_equal(b.n_lines, 4);
    assert_line(t, &b, 0, "ok");
    assert_line(t, &b, 1, "\xC3\xA9\xC3\xA9\xC3\xA9");
    assert_line(t, &b, 2, "\xC3\xA9" CLEF CLEF);
    assert_line(t, &b, 3, CLEF "z");
    assert_valid(&fake, t, &b, 30, 1000);
}

static void fit_puts_one_character_per_line_when_none_fits(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "\xC3\xA9" CLEF "a";
    assert_true(fit(&fake, t, 1, 1000, 20, 20, &b));
    assert_int_equal(b.n_lines, 3);
    assert_line(t, &b, 1, CLEF);
    assert_valid(&fake, t, &b, 1, 1000);
}

static void fit_picks_the_largest_size_that_fits(void **state)
{
    (void)state;
    struct text_block b, above;
    const char *t = "Bienvenue aux delegations du congres annuel";
    assert_true(fit(&fake, t, 300, 120, 80, 10, &b));
    assert_false(b.truncated);
    assert_true(b.size < 80);
    assert_valid(&fake, t, &b, 300, 120);
    /* Every size above the chosen one fails to hold the whole text. */
    for (int size = b.size + 1; size <= 80; size++) {
        bool ok = fit(&fake, t, 300, 120, size, size, &above);
        assert_true(!ok || above.truncated);
    }
    assert_true(fit(&fake, "Hi", 300, 120, 80, 10, &b));
    assert_int_equal(b.size, 80);
}

static void fit_ends_with_an_ellipsis_when_text_cannot_fit(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "un deux trois quatre cinq six sept huit neuf dix onze douze";
    assert_true(fit(&fake, t, 105, 50, 40, 20, &b)); /* 2 lines of 10 characters */
    assert_int_equal(b.size, 20);
    assert_int_equal(b.n_lines, 2);
    assert_true(b.truncated);
    assert_true(b.lines[1].ellipsis);
    assert_false(b.lines[0].ellipsis);
    assert_line(t, &b, 0, "un deux");
    assert_line(t, &b, 1, "trois"); /* "trois" + "…" fits whole */
    assert_int_equal(b.lines[1].width, 60);
    assert_valid(&fake, t, &b, 105, 50);

    /* Characters are dropped, not whole words, when the line is one long word. */
    const char *w = "abcdefghijklmnopqrstuvwxyz";
    assert_true(fit(&fake, w, 100, 25, 20, 20, &b));
    assert_int_equal(b.n_lines, 1);
    assert_line(w, &b, 0, "abcdefghi");
    assert_int_equal(b.lines[0].width, 100);
}

static void fit_clamps_max_lines(void **state)
{
    (void)state;
    struct text_block b;
    char t[400] = "";
    for (int i = 0; i < 60; i++)
        strcat(t, "word\n");
    assert_true(text_fit(&fake, 0, t, strlen(t), 500, 100000, 20, 20, 1000, &b));
    assert_int_equal(b.n_lines, TEXT_MAX_LINES);
    assert_true(b.truncated);
    assert_valid(&fake, t, &b, 500, 100000);
    assert_true(text_fit(&fake, 0, t, strlen(t), 500, 100000, 20, 20, 3, &b));
    assert_int_equal(b.n_lines, 3);
}

static void fit_refuses_what_cannot_be_drawn(void **state)
{
    (void)state;
    struct text_block b;
    assert_false(text_fit(&fake, 0, "", 0, 100, 100, 20, 10, 3, &b));
    assert_int_equal(b.n_lines, 0);
    assert_false(text_fit(&fake, 0, NULL, 5, 100, 100, 20, 10, 3, &b));
    assert_false(text_fit(&fake, 0, "abc", 3, 0, 100, 20, 10, 3, &b));
    assert_false(text_fit(&fake, 0, "abc", 3, 100, -5, 20, 10, 3, &b));
    assert_false(text_fit(&fake, 0, "abc", 3, 100, 100, 10, 20, 3, &b)); /* min > max */
    assert_false(text_fit(&fake, 0, "abc", 3, 100, 100, 20, 0, 3, &b));
    assert_false(text_fit(&fake, 0, "abc", 3, 100, 100, 20, 10, 0, &b));
    assert_false(text_fit(NULL, 0, "abc", 3, 100, 100, 20, 10, 3, &b));
    assert_false(text_fit(&fake, 0, "abc", 3, 100, 100, 20, 10, 3, NULL));
    /* Box lower than one line at min_size (11 px < 1.25 * 10). */
    assert_false(text_fit(&fake, 0, "abc", 3, 100, 11, 20, 10, 3, &b));
    assert_int_equal(b.n_lines, 0);
    assert_int_equal(b.size, 0);
}

static void fit_survives_huge_sizes(void **state)
{
    (void)state;
    struct text_block b;
    const char *t = "grand titre";
    assert_true(fit(&fake, t, 1000, 1000, INT32_MAX / 4, 1, &b));
    assert_valid(&fake, t, &b, 1000, 1000);
    assert_false(b.truncated);
    assert_true(fit(&fake, t, INT32_MAX, INT32_MAX, 100, 1, &b));
    assert_int_equal(b.size, 100);
}

static void fit_handles_invalid_utf8(void **state)
{
    (void)state;
    struct text_block b;
    const char t[] = "ab\xFF\xC3 \xE2\x82 \xED\xA0\x80\xC0\xAF\xF4\x90\x80\x80 \x80\x80\x80z";
    assert_true(text_fit(&fake, 0, t, sizeof t - 1, 40, 1000, 20, 20, 24, &b));
    assert_block_valid(&fake, t, sizeof t - 1, &b, 40, 1000, 24);
}

/* A bounded, deterministic fuzz run: random bytes biased towards the interesting ones,
 * random boxes and sizes, fake and hostile metrics; every result must keep every
 * promise of text.h. (Run locally with 300000 runs when changing the engine.) */
static void fit_keeps_its_guarantees_on_random_input(void **state)
{
    (void)state;
    static const char alphabet[] = " \t\n-ab\xC3\xA9\xE2\x80\x94\xC2\xA0\xF0\x9D\x84\x9E\xFF\x80";
    uint32_t seed = 12345;
    char t[200];
    struct text_block b;
    for (int run = 0; run < FUZZ_RUNS; run++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t want = seed >> 16 & 127;
        for (; len < want; len++) {
            seed = seed * 1103515245u + 12345u;
            t[len] = (seed >> 20 & 1) ? (char)(seed >> 8)
                                      : alphabet[(seed >> 9) % (sizeof alphabet - 1)];
        }
        seed = seed * 1103515245u + 12345u;
        int box_w = (int)(seed >> 8 & 511), box_h = (int)(seed >> 17 & 255);
        int min_size = 1 + (int)(seed >> 25 & 15), max_size = min_size + (int)(seed >> 3 & 63);
        int max_lines = 1 + (int)(seed >> 12 & 31);
        const struct text_metrics *m = run % 2 ? &odd : &fake;
        if (text_fit(m, 0, t, len, box_w, box_h, max_size, min_size, max_lines, &b)) {
            assert_true(b.size >= min_size && b.size <= max_size);
            assert_block_valid(m, t, len, &b, box_w, box_h, max_lines);
        } else {
            assert_int_equal(b.n_lines, 0);
        }
    }
}

static int zero_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    (void)ctx, (void)style, (void)size, (void)s, (void)len;
    return 0;
}

/* Lays out text (BIG_WORD bytes) in 800x600 at 12..120 px; returns the seconds spent. */
static double time_big_fit(const struct text_metrics *m, const char *t, struct text_block *b)
{
    double start = now_s();
    assert_true(text_fit(m, 0, t, BIG_WORD, 800, 600, 120, 12, TEXT_MAX_LINES, b));
    return now_s() - start;
}

static void fit_lays_out_a_one_megabyte_word_fast(void **state)
{
    (void)state;
    static char t[BIG_WORD]; /* static: an assert failure must not leak it */
    const struct text_metrics weightless = {NULL, zero_width, fake_line_height};
    struct text_block b;
    for (size_t i = 0; i < BIG_WORD; i++)
        t[i] = (char)('a' + i % 26);
    assert_true(time_big_fit(&fake, t, &b) < 2.0);
    assert_true(b.truncated);
    assert_int_equal(b.size, 12);
    assert_int_equal(b.n_lines, TEXT_MAX_LINES);
    assert_block_valid(&fake, t, BIG_WORD, &b, 800, 600, TEXT_MAX_LINES);

    /* Zero-width glyphs: the whole megabyte fits on one line at the largest size. */
    assert_true(time_big_fit(&weightless, t, &b) < 2.0);
    assert_int_equal(b.n_lines, 1);
    assert_int_equal(b.size, 120);
    assert_int_equal(b.lines[0].len, BIG_WORD);

    /* A megabyte of spaces before a last letter: no line but blanks can be drawn, and
     * the search must not walk the blanks once per line and size. */
    memset(t, ' ', BIG_WORD - 1);
    assert_true(time_big_fit(&fake, t, &b) < 2.0);
    assert_block_valid(&fake, t, BIG_WORD, &b, 800, 600, TEXT_MAX_LINES);
}

static void utf8_len_accepts_only_valid_sequences(void **state)
{
    (void)state;
    assert_int_equal(utf8_len("a", 1), 1);
    assert_int_equal(utf8_len("\xC3\xA9", 2), 2);
    assert_int_equal(utf8_len("\xE2\x80\xA6", 3), 3);
    assert_int_equal(utf8_len(CLEF, 4), 4);
    assert_int_equal(utf8_len("\xF4\x8F\xBF\xBF", 4), 4); /* U+10FFFF */
    assert_int_equal(utf8_len("\xE2\x80\xA6", 2), 1);     /* truncated */
    assert_int_equal(utf8_len("\x80", 1), 1);             /* lone continuation */
    assert_int_equal(utf8_len("\xC0\xAF", 2), 1);         /* overlong '/' */
    assert_int_equal(utf8_len("\xE0\x80\xAF", 3), 1);     /* overlong */
    assert_int_equal(utf8_len("\xF0\x80\x80\xAF", 4), 1); /* overlong */
    assert_int_equal(utf8_len("\xED\xA0\x80", 3), 1);     /* surrogate U+D800 */
    assert_int_equal(utf8_len("\xF4\x90\x80\x80", 4), 1); /* U+110000 */
    assert_int_equal(utf8_len("\xC3\x28", 2), 1);         /* bad continuation */
    assert_int_equal(utf8_len("\xFF", 1), 1);
}

static void sanitize_replaces_invalid_bytes_and_drops_controls(void **state)
{
    (void)state;
    char out[64];
    const char in[] = "a\xFF"
                      "b\r\n\tc\x01\x7F\xC2\x85\xC3\xA9\xED\xA0\x80";
    size_t n = text_sanitize(out, sizeof out, in, sizeof in - 1);
    const char *want = "a\xEF\xBF\xBD"
                       "b\n\tc\xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void sanitize_truncates_at_a_character_boundary(void **state)
{
    (void)state;
    char out[5];
    assert_int_equal(text_sanitize(out, sizeof out, "ab\xC3\xA9\xC3\xA9", 6), 4);
    assert_string_equal(out, "ab\xC3\xA9");
    assert_int_equal(text_sanitize(out, 4, "ab\xC3\xA9", 4), 2);
    assert_string_equal(out, "ab");
    assert_int_equal(text_sanitize(out, 1, "abc", 3), 0);
    assert_string_equal(out, "");
    assert_int_equal(text_sanitize(out, 0, "abc", 3), 0);
}

/* ---- real glyph widths through SDL_ttf ---- */

static int open_font(void **state)
{
    if (TTF_Init() != 0) return -1;
    for (size_t i = 0; i < sizeof font_paths / sizeof *font_paths; i++) {
        TTF_Font *font = TTF_OpenFont(font_paths[i], 20);
        if (font) {
            struct text_metrics *m = malloc(sizeof *m);
            if (!m) {
                TTF_CloseFont(font);
                return -1;
            }
            *m = (struct text_metrics){font, ttf_width, ttf_line_height};
            *state = m;
            return 0;
        }
    }
    print_error("no test font: %s\n", TTF_GetError());
    return -1;
}

static int close_font(void **state)
{
    struct text_metrics *m = *state;
    if (m) {
        TTF_CloseFont(m->ctx);
        free(m);
    }
    TTF_Quit();
    return 0;
}

static int tw(const struct text_metrics *m, int size, const char *s)
{
    return m->width(m->ctx, 0, size, s, strlen(s));
}

static void ttf_wraps_at_spaces_and_newlines(void **state)
{
    const struct text_metrics *m = *state;
    struct text_block b;
    const char *t = "Bienvenue aux journées\nEntrée libre";
    int box_w = tw(m, 30, "Bienvenue aux") + 1;
    assert_true(fit(m, t, box_w, 1000, 30, 30, &b));
    assert_int_equal(b.n_lines, 3);
    assert_line(t, &b, 0, "Bienvenue aux");
    assert_line(t, &b, 1, "journées");
    assert_line(t, &b, 2, "Entrée libre");
    assert_valid(m, t, &b, box_w, 1000);
}

static void ttf_keeps_no_break_spaces_and_breaks_hyphens(void **state)
{
    const struct text_metrics *m = *state;
    struct text_block b;
    const char *t = "Dites "
                    "\xC2\xAB" NBSP "Bonjour" NBSP "\xC2\xBB, attention" NNBSP "! Porte-monnaie";
    int box_w = tw(m, 24, "\xC2\xAB" NBSP "Bonjour" NBSP "\xC2\xBB,") + 2;
    assert_true(fit(m, t, box_w, 1000, 24, 24, &b));
    assert_valid(m, t, &b, box_w, 1000);
    for (size_t i = 0; i < b.n_lines; i++) {
        const struct text_line *l = &b.lines[i];
        /* No line starts with the closing guillemet or the "!". */
        assert_false(l->len >= 2 && memcmp(t + l->off, "\xC2\xBB", 2) == 0);
        assert_false(l->len >= 1 && t[l->off] == '!');
        assert_false(l->len >= 3 && memcmp(t + l->off, NNBSP, 3) == 0);
    }
    box_w = tw(m, 24, "Porte-") + 1;
    const char *h = "Porte-monnaie";
    assert_true(fit(m, h, box_w, 1000, 24, 24, &b));
    assert_line(h, &b, 0, "Porte-");
}

static void ttf_breaks_long_words_only_between_characters(void **state)
{
    const struct text_metrics *m = *state;
    struct text_block b;
    const char *t = "Ééàçüœ" CLEF "ñø" CLEF "ÉÉÉÉÉÉÉÉàààààà" CLEF CLEF "ßßßß";
    for (int box_w = 8; box_w < 120; box_w += 7) {
        if (fit(m, t, box_w, 2000, 20, 20, &b)) assert_valid(m, t, &b, box_w, 2000);
    }
}

static void ttf_shrinks_to_the_largest_size_that_fits(void **state)
{
    const struct text_metrics *m = *state;
    struct text_block b, above;
    const char *t = "Délégation du Québec – Conférence internationale des villes durables";
    assert_true(fit(m, t, 420, 150, 72, 10, &b));
    assert_false(b.truncated);
    assert_true(b.size < 72);
    assert_valid(m, t, &b, 420, 150);
    bool ok = fit(m, t, 420, 150, b.size + 1, b.size + 1, &above);
    assert_true(!ok || above.truncated);
}

static void ttf_ellipsis_line_fits_the_box(void **state)
{
    const struct text_metrics *m = *state;
    struct text_block b;
    const char *t = "Une très longue annonce qui ne tiendra jamais dans une si petite boîte, "
                    "même à la plus petite taille de police autorisée par la mise en page";
    for (int box_w = 60; box_w < 400; box_w += 37) {
        assert_true(fit(m, t, box_w, 40, 40, 14, &b));
        assert_true(b.truncated);
        assert_int_equal(b.size, 14);
        assert_true(b.lines[b.n_lines - 1].width <= box_w);
        assert_valid(m, t, &b, box_w, 40);
    }
}

int main(void)
{
    const struct CMUnitTest fake_tests[] = {
        cmocka_unit_test(fit_wraps_greedily_at_spaces),
        cmocka_unit_test(fit_skips_spaces_at_wrapped_line_starts),
        cmocka_unit_test(fit_breaks_at_hard_newlines),
        cmocka_unit_test(fit_keeps_french_no_break_spaces_together),
        cmocka_unit_test(fit_breaks_after_hyphens_and_dashes),
        cmocka_unit_test(fit_breaks_a_word_wider_than_the_box_between_characters),
        cmocka_unit_test(fit_puts_one_character_per_line_when_none_fits),
        cmocka_unit_test(fit_picks_the_largest_size_that_fits),
        cmocka_unit_test(fit_ends_with_an_ellipsis_when_text_cannot_fit),
        cmocka_unit_test(fit_clamps_max_lines),
        cmocka_unit_test(fit_refuses_what_cannot_be_drawn),
        cmocka_unit_test(fit_survives_huge_sizes),
        cmocka_unit_test(fit_handles_invalid_utf8),
        cmocka_unit_test(fit_keeps_its_guarantees_on_random_input),
        cmocka_unit_test(fit_lays_out_a_one_megabyte_word_fast),
        cmocka_unit_test(utf8_len_accepts_only_valid_sequences),
        cmocka_unit_test(sanitize_replaces_invalid_bytes_and_drops_controls),
        cmocka_unit_test(sanitize_truncates_at_a_character_boundary),
    };
    const struct CMUnitTest ttf_tests[] = {
        cmocka_unit_test(ttf_wraps_at_spaces_and_newlines),
        cmocka_unit_test(ttf_keeps_no_break_spaces_and_breaks_hyphens),
        cmocka_unit_test(ttf_breaks_long_words_only_between_characters),
        cmocka_unit_test(ttf_shrinks_to_the_largest_size_that_fits),
        cmocka_unit_test(ttf_ellipsis_line_fits_the_box),
    };
    int failed = cmocka_run_group_tests_name("text_fake_metrics", fake_tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("text_ttf_metrics", ttf_tests, open_font, close_font);
    return failed;
}
