/* text — word wrap, shrink-to-fit and ellipsis on UTF-8, measured only through
 * struct text_metrics. Pure and reentrant (no global state): the render thread calls it
 * with SDL_ttf metrics, the tests and the fuzzer with fake ones.
 *
 * The cost is bounded for hostile input (a 1 MB word, 64 KiB of spaces): a line is
 * found by galloping over character counts (1, 2, 4... then halving), so each line costs
 * O(log n) measurements of at most about twice what fits, and font sizes are tried by
 * binary search. Prefix widths are assumed to grow with the prefix; when a font breaks
 * that (kerning, shaping), the result may be a little less greedy but every line is still
 * measured and still fits. */
#include "text.h"

#include "utf8.h"

#include <limits.h>
#include <string.h>

#define ELLIPSIS     "\xE2\x80\xA6" /* U+2026 */
#define REPLACEMENT  "\xEF\xBF\xBD" /* U+FFFD */
#define UTF8_MAX_LEN 4

/* What every measurement of one text_fit call shares. */
struct run {
    const struct text_metrics *m;
    enum font_style style;
    const char *t;
    size_t len;
    int box_w; /* px */
    int box_h; /* px */
};

enum fit { FIT_ALL, FIT_OVERFLOW, FIT_NO_ROOM };

/* C0 controls (tab and newline kept: the layout uses them), DEL and C1 controls. */
static bool is_control(const unsigned char *u, size_t n)
{
    if (n == 1) return (u[0] < 0x20 && u[0] != '\t' && u[0] != '\n') || u[0] == 0x7F;
    return n == 2 && u[0] == 0xC2 && u[1] < 0xA0;
}

size_t text_sanitize(char *dst, size_t cap, const char *src, size_t len)
{
    size_t out = 0;
    if (!dst || cap == 0) return 0;
    if (!src) len = 0;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_len(src + i, len - i);
        const unsigned char *u = (const unsigned char *)src + i;
        bool valid = n > 1 || u[0] < 0x80;
        const char *piece = valid ? src + i : REPLACEMENT;
        size_t piece_len = valid ? n : sizeof REPLACEMENT - 1;
        i += n;
        if (valid && is_control(u, n)) continue;
        if (piece_len >= cap - out) break; /* no room for this character and the NUL */
        memcpy(dst + out, piece, piece_len);
        out += piece_len;
    }
    dst[out] = '\0';
    return out;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* A line may end after these: '-' and U+2010 hyphen, U+2013 en dash, U+2014 em dash. */
static bool is_dash(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 1) return u[0] == '-';
    return n == 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x90 || u[2] == 0x93 || u[2] == 0x94);
}

/* End of [s, e) without its trailing blanks. */
static size_t trim(const struct run *r, size_t s, size_t e)
{
    while (e > s && is_blank(r->t[e - 1]))
        e--;
    return e;
}

/* Width of [s, e) at size; never negative. */
static int width_of(const struct run *r, int size, size_t s, size_t e)
{
    if (e <= s) return 0;
    int w = r->m->width(r->m->ctx, r->style, size, r->t + s, e - s);
    return w > 0 ? w : 0;
}

/* Width of [s, e) at size, trailing blanks excluded. */
static int measure(const struct run *r, int size, size_t s, size_t e)
{
    return width_of(r, size, s, trim(r, s, e));
}

/* The largest character boundary e in [ok, end], stopping at a newline, such that
 * [s, e) without trailing blanks, plus extra px, fits the box width; ok is taken as
 * fitting. Gallops (1, 2, 4... characters) then halves, so it measures O(log n) times
 * and never far past what fits. The end of the last non-blank character ("ink") is
 * tracked while stepping, so a long run of blanks is never walked back over. */
static size_t gallop(const struct run *r, int size, size_t s, size_t ok, size_t end, int extra)
{
    size_t ok_ink = trim(r, s, ok), step = 1;
    bool halving = false;
    while (step > 0) {
        size_t e = ok, ink = ok_ink;
        for (size_t i = 0; i < step && e < end && r->t[e] != '\n'; i++) {
            e += utf8_len(r->t + e, end - e);
            if (!is_blank(r->t[e - 1])) ink = e; /* blanks are single bytes */
        }
        if (e == ok) break;
        if (ink == ok_ink || (long long)width_of(r, size, s, ink) + extra <= r->box_w) {
            ok = e;
            ok_ink = ink;
            step = halving ? step / 2 : step * 2;
        } else {
            halving = true;
            step /= 2;
        }
    }
    return ok;
}

/* The next place after p where a line may end: before a run of blanks, after a dash
 * that follows a word, or at a newline / the end of the text. Returns p itself at a
 * newline or the end, and gives up with any position past limit (a 1 MB word is not
 * scanned to its end once the line is known to be shorter). No-break spaces (U+00A0,
 * U+202F) are ordinary characters here. */
static size_t next_break(const struct run *r, size_t p, size_t limit)
{
    size_t i = p;
    bool word = false;
    while (i < r->len && i <= limit && is_blank(r->t[i]))
        i++;
    while (i < r->len && i <= limit && r->t[i] != '\n' && !is_blank(r->t[i])) {
        size_t n = utf8_len(r->t + i, r->len - i);
        bool dash = is_dash(r->t + i, n);
        i += n;
        if (dash && word) return i;
        word = true;
    }
    return i;
}

/* Where the line starting at s ends: the last break whose text fits, else (a word wider
 * than the box) as many characters as fit, at least one. *width gets the line's width. */
static size_t line_end(const struct run *r, int size, size_t s, int *width)
{
    *width = 0;
    if (s >= r->len || r->t[s] == '\n') return s;
    size_t first = s + utf8_len(r->t + s, r->len - s);
    size_t fit = gallop(r, size, s, first, r->len, 0);
    size_t best = s;
    for (size_t e = next_break(r, s, fit); e > best && e <= fit; e = next_break(r, e, fit))
        best = e;
    /* A font whose prefixes do not grow monotonically could make best overflow; fit was
     * measured (or is a single character), so it is the safe answer. */
    if (best != s) {
        *width = measure(r, size, s, best);
        if (*width <= r->box_w) return best;
    }
    *width = measure(r, size, s, fit);
    return fit;
}

static int line_height(const struct run *r, int size)
{
    int h = r->m->line_height(r->m->ctx, r->style, size);
    return h > 0 ? h : 1;
}

static void finish(struct text_block *b)
{
    b->width = 0;
    for (size_t i = 0; i < b->n_lines; i++)
        if (b->lines[i].width > b->width) b->width = b->lines[i].width;
    b->height = (int)b->n_lines * b->line_h; /* <= box_h: n_lines <= box_h / line_h */
}

/* Greedy wrap at one size into at most max_lines lines (and what box_h allows). */
static enum fit layout(const struct run *r, int size, int max_lines, struct text_block *b)
{
    int line_h = line_height(r, size);
    int cap = r->box_h / line_h < max_lines ? r->box_h / line_h : max_lines;
    memset(b, 0, sizeof *b);
    b->size = size;
    b->line_h = line_h;
    if (cap < 1) return FIT_NO_ROOM;
    size_t pos = 0;
    while (b->n_lines < (size_t)cap) {
        struct text_line *l = &b->lines[b->n_lines++];
        size_t end = line_end(r, size, pos, &l->width);
        l->off = pos;
        l->len = trim(r, pos, end) - pos;
        /* Blanks at a wrap are dropped; a newline ends its line and is consumed once. */
        for (pos = end; pos < r->len && is_blank(r->t[pos]);)
            pos++;
        if (pos < r->len && r->t[pos] == '\n') pos++;
        if (pos >= r->len) {
            finish(b);
            return FIT_ALL;
        }
    }
    finish(b);
    return FIT_OVERFLOW;
}

/* Shortens the last line until it plus "…" fits (never cutting a UTF-8 sequence). */
static void add_ellipsis(const struct run *r, struct text_block *b)
{
    struct text_line *l = &b->lines[b->n_lines - 1];
    int ell = r->m->width(r->m->ctx, r->style, b->size, ELLIPSIS, sizeof ELLIPSIS - 1);
    ell = ell > 0 ? ell : 0;
    size_t end = gallop(r, b->size, l->off, l->off, l->off + l->len, ell);
    long long w = (long long)measure(r, b->size, l->off, end) + ell;
    l->len = trim(r, l->off, end) - l->off;
    l->width = w < INT_MAX ? (int)w : INT_MAX;
    l->ellipsis = true;
    b->truncated = true;
    finish(b);
}

static bool valid_args(const struct text_metrics *m, const char *text, size_t len, int box_w,
                       int box_h, int max_size, int min_size, int max_lines)
{
    return m && m->width && m->line_height && text && len > 0 && box_w > 0 && box_h > 0 &&
           min_size > 0 && min_size <= max_size && max_lines > 0;
}

bool text_fit(const struct text_metrics *m, enum font_style style, const char *text, size_t len,
              int box_w, int box_h, int max_size, int min_size, int max_lines,
              struct text_block *out)
{
    struct text_block probe;
    if (!out) return false;
    memset(out, 0, sizeof *out);
    /* Trailing blank lines would only push the text up (or earn an ellipsis). */
    while (text && len > 0 && (is_blank(text[len - 1]) || text[len - 1] == '\n'))
        len--;
    if (!valid_args(m, text, len, box_w, box_h, max_size, min_size, max_lines)) return false;
    if (max_lines > TEXT_MAX_LINES) max_lines = TEXT_MAX_LINES;
    const struct run r = {m, style, text, len, box_w, box_h};

    /* Most texts fit at the largest size: try it first, then binary search below it. */
    if (layout(&r, max_size, max_lines, out) == FIT_ALL) return true;
    bool found = false;
    int lo = min_size, hi = max_size - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (layout(&r, mid, max_lines, &probe) == FIT_ALL) {
            *out = probe;
            found = true;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (found) return true;

    enum fit f = layout(&r, min_size, max_lines, out);
    if (f == FIT_NO_ROOM) {
        memset(out, 0, sizeof *out);
        return false;
    }
    if (f == FIT_OVERFLOW) add_ellipsis(&r, out);
    return true;
}
