/* text — the text layout engine: word wrap, shrink-to-fit, then ellipsis, on UTF-8.
 * Pure: fonts are seen only through struct text_metrics, so the engine is unit tested
 * and fuzzed without SDL (render.c plugs SDL_ttf in).
 *
 * Guarantees, for any bytes and any box: lines never split a UTF-8 sequence; every
 * line fits the box width (except a single character wider than the box, which is then
 * the only thing on its line); the block fits the box height whenever one line at
 * min_size does; when the text does not fit at min_size, the last line that fits ends
 * with an ellipsis. Breaks happen at spaces and after hyphens, never at a no-break
 * space (U+00A0, U+202F: French puts them before « » : ; ! ?), and inside a word only
 * when the word alone is wider than the box. */
#ifndef VITRINE_TEXT_H
#define VITRINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_MAX_LINES 24

/* The faces of a font family. Here, not in fonts.h, so the pure modules (layout, the
 * text engine) name them without depending on SDL_ttf. */
enum font_style { FONT_REGULAR, FONT_BOLD };

/* Where a block's lines sit in the box it was given. A right-to-left paragraph in a
 * left-aligned block starts on the right (the renderer sees to it). */
enum text_align { TEXT_ALIGN_LEFT, TEXT_ALIGN_CENTRE, TEXT_ALIGN_RIGHT };

/* A font family as the layout sees it. */
struct text_metrics {
    void *ctx;
    /* Width in pixels of the UTF-8 bytes s[0..len) at size px. */
    int (*width)(void *ctx, enum font_style style, int size, const char *s, size_t len);
    /* Distance between baselines in pixels at size px. */
    int (*line_height)(void *ctx, enum font_style style, int size);
};

struct text_line {
    size_t off;    /* byte offset into the source text */
    size_t len;    /* bytes, trailing spaces excluded */
    int width;     /* pixels, ellipsis included */
    bool ellipsis; /* draw "…" after these bytes */
};

struct text_block {
    int size;   /* chosen font size, px */
    int line_h; /* px */
    int width;  /* px: widest line */
    int height; /* px: n_lines * line_h */
    size_t n_lines;
    bool truncated; /* the ellipsis was needed */
    struct text_line lines[TEXT_MAX_LINES];
};

/* Lays out text (len bytes) in a box of box_w x box_h pixels, trying sizes from max_size
 * down to min_size (inclusive) and at most max_lines lines (<= TEXT_MAX_LINES). Returns
 * false only when nothing can be drawn (empty text, box smaller than one line at
 * min_size, bad arguments); out is then an empty block. */
bool text_fit(const struct text_metrics *m, enum font_style style, const char *text, size_t len,
              int box_w, int box_h, int max_size, int min_size, int max_lines,
              struct text_block *out);

/* Copies src (len bytes) to dst (cap bytes, NUL-terminated), replacing every invalid
 * UTF-8 sequence by U+FFFD and dropping control characters other than tab and newline
 * (a hard line break for text_fit); returns the bytes written (without the NUL).
 * Truncates at a character boundary. */
size_t text_sanitize(char *dst, size_t cap, const char *src, size_t len);

#endif
