/* fuzz_text — libFuzzer target for the text layout engine (app/screen/text.c).
 *
 * Input: an 8-byte header picks the box and sizes, the rest is the text (any bytes):
 *   bytes 0-1  box_w, signed 16-bit (0 and negative included)
 *   bytes 2-3  box_h, signed 16-bit
 *   byte  4    max_size, signed
 *   byte  5    min_size, signed
 *   byte  6    max_lines, signed (above TEXT_MAX_LINES too)
 *   byte  7    style: bit 3 picks the face, the low bits the fake font's line spacing
 * The fake font is deterministic: each byte is 1..7 units wide, a unit being size/8 px,
 * so widths add up exactly over any split. The header's guarantees are checked on every
 * result, then text_sanitize and utf8_len get the same text. Runs on libFuzzer's
 * thread only. */
#include "text.h"
#include "utf8.h"
#include "utf8_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_BYTES 8
#define ELLIPSIS     "\xE2\x80\xA6" /* U+2026, as text.h names it */

struct fake_font {
    const char *text; /* the text under layout, to check what width() is asked about */
    size_t len;
    int spacing; /* extra line spacing, eighths of the size */
};

static int byte_width(unsigned char c, int size)
{
    return ((1 + c % 7) * size + 7) / 8;
}

static int fake_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    (void)ctx;
    (void)style;
    FUZZ_ASSERT(size > 0);
    FUZZ_ASSERT(s != NULL || len == 0);
    long w = 0;
    for (size_t i = 0; i < len; i++) /* reads every byte: ASan checks the range */
        w += byte_width((unsigned char)s[i], size);
    return w > INT32_MAX ? INT32_MAX : (int)w;
}

static int fake_line_height(void *ctx, enum font_style style, int size)
{
    const struct fake_font *font = ctx;
    (void)style;
    FUZZ_ASSERT(size > 0);
    return size + (size * font->spacing + 7) / 8;
}

static int16_t read_i16(const uint8_t *p)
{
    return (int16_t)(uint16_t)(p[0] | p[1] << 8);
}

/* Byte offsets where a character starts, in valid UTF-8: 1 at each, 0 inside one. */
static unsigned char *char_starts(const char *text, size_t len)
{
    unsigned char *starts = calloc(len + 1, 1);
    if (starts == NULL) return NULL;
    size_t i = 0;
    while (i < len) {
        starts[i] = 1;
        i += utf8_check_seq((const unsigned char *)text + i, len - i);
    }
    starts[len] = 1;
    return starts;
}

static void check_line(const struct text_line *line, const char *text, size_t len,
                       const unsigned char *starts, int box_w, int size)
{
    FUZZ_ASSERT(line->off <= len && line->len <= len - line->off);
    /* The width is what the font says for these bytes, plus the ellipsis. */
    int width = fake_width(NULL, 0, size, text + line->off, line->len);
    if (line->ellipsis) width += fake_width(NULL, 0, size, ELLIPSIS, strlen(ELLIPSIS));
    FUZZ_ASSERT(line->width == width);
    if (starts != NULL) { /* valid UTF-8: lines begin and end on character boundaries */
        FUZZ_ASSERT(starts[line->off]);
        FUZZ_ASSERT(starts[line->off + line->len]);
    }
    if (line->width > box_w) {
        /* Only a single character wider than the box may overflow it. */
        const size_t one = utf8_len(text + line->off, len - line->off);
        FUZZ_ASSERT(line->len <= one);
    }
}

/* Only blanks and newlines may fall between lines (breaks drop them), and after the last
 * line too unless the text was cut with an ellipsis: no character silently disappears. */
static void check_nothing_lost(const struct text_block *b, const char *text, size_t len)
{
    size_t pos = 0;
    for (size_t i = 0; i <= b->n_lines; i++) {
        const bool last = i == b->n_lines;
        if (last && b->truncated) return;
        const size_t next = last ? len : b->lines[i].off;
        for (; pos < next; pos++)
            FUZZ_ASSERT(text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n');
        if (!last) pos = b->lines[i].off + b->lines[i].len;
    }
}

static void check_block(const struct text_block *b, bool ok, const char *text, size_t len,
                        int box_w, int box_h, int max_size, int min_size, int max_lines)
{
    if (!ok) {
        FUZZ_ASSERT(b->n_lines == 0); /* "out is then an empty block" */
        return;
    }
    FUZZ_ASSERT(len > 0);
    FUZZ_ASSERT(b->size >= min_size && b->size <= max_size && b->size > 0);
    FUZZ_ASSERT(b->n_lines >= 1 && b->n_lines <= TEXT_MAX_LINES);
    FUZZ_ASSERT(max_lines > 0 && b->n_lines <= (size_t)max_lines);
    FUZZ_ASSERT(b->line_h > 0);
    FUZZ_ASSERT(b->height == (int)b->n_lines * b->line_h);
    FUZZ_ASSERT(b->height <= box_h);

    unsigned char *starts = utf8_check_valid(text, len) ? char_starts(text, len) : NULL;
    int widest = 0;
    size_t end = 0;
    bool any_ellipsis = false;
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct text_line *line = &b->lines[i];
        check_line(line, text, len, starts, box_w, b->size);
        FUZZ_ASSERT(line->off >= end); /* in order, never overlapping */
        end = line->off + line->len;
        if (line->width > widest) widest = line->width;
        any_ellipsis |= line->ellipsis;
        /* The ellipsis ends the block: it goes on the last line that fits. */
        FUZZ_ASSERT(!line->ellipsis || i + 1 == b->n_lines);
    }
    FUZZ_ASSERT(b->width == widest);
    FUZZ_ASSERT(any_ellipsis == b->truncated);
    check_nothing_lost(b, text, len);
    free(starts);
}

static void fuzz_fit(const uint8_t *data, const char *text, size_t len)
{
    const int box_w = read_i16(data), box_h = read_i16(data + 2);
    const int max_size = (int8_t)data[4], min_size = (int8_t)data[5];
    const int max_lines = (int8_t)data[6], style = data[7];
    struct fake_font font = {text, len, style & 7};
    const struct text_metrics m = {&font, fake_width, fake_line_height};

    struct text_block b;
    memset(&b, 0xA5, sizeof b); /* garbage in: text_fit must fill in everything */
    const enum font_style face = style & 8 ? FONT_BOLD : FONT_REGULAR;
    const bool ok = text_fit(&m, face, text, len, box_w, box_h, max_size, min_size, max_lines, &b);
    check_block(&b, ok, text, len, box_w, box_h, max_size, min_size, max_lines);
}

static void fuzz_utf8_len(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const size_t n = utf8_len(text + i, len - i);
        FUZZ_ASSERT(n >= 1 && n <= 4 && n <= len - i);
        const size_t strict = utf8_check_seq((const unsigned char *)text + i, len - i);
        if (strict != 0) FUZZ_ASSERT(n == strict); /* well-formed sequences are read whole */
        i += n;
    }
}

/* The control characters text_sanitize drops: C0 but tab and newline (text.h says "other
 * than tab"; text.c keeps newline too, as the layout breaks lines there), DEL and C1. */
static bool is_dropped_control(const char *s, size_t avail)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x20) return u[0] != '\t' && u[0] != '\n';
    if (u[0] == 0x7F) return true;
    return avail >= 2 && u[0] == 0xC2 && u[1] < 0xA0;
}

static void fuzz_sanitize(const uint8_t *data, const char *text, size_t len)
{
    /* Every capacity from 1 byte to room for all of it (3 bytes per U+FFFD), by the header. */
    const size_t room = 3 * len + 1;
    const size_t cap = 1 + (size_t)(uint16_t)read_i16(data) % room;
    char *dst = malloc(cap);
    if (dst == NULL) return;
    const size_t n = text_sanitize(dst, cap, text, len);
    FUZZ_ASSERT(n < cap && dst[n] == '\0' && strlen(dst) == n);
    FUZZ_ASSERT(utf8_check_valid(dst, n));
    for (size_t i = 0; i < n; i += utf8_check_seq((const unsigned char *)dst + i, n - i))
        FUZZ_ASSERT(!is_dropped_control(dst + i, n - i));
    free(dst);
}

/* With room to spare, clean text comes out unchanged. */
static void fuzz_sanitize_identity(const char *text, size_t len)
{
    if (!utf8_check_valid(text, len)) return;
    for (size_t i = 0; i < len; i += utf8_check_seq((const unsigned char *)text + i, len - i))
        if (is_dropped_control(text + i, len - i)) return;
    char *dst = malloc(3 * len + 1);
    if (dst == NULL) return;
    const size_t n = text_sanitize(dst, 3 * len + 1, text, len);
    FUZZ_ASSERT(n == len && memcmp(dst, text, len) == 0);
    free(dst);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEADER_BYTES) return 0;
    const size_t len = size - HEADER_BYTES;
    /* A heap copy of exactly len bytes, not NUL-terminated: reads past it are caught. */
    char *text = malloc(len ? len : 1);
    if (text == NULL) return 0;
    memcpy(text, data + HEADER_BYTES, len);
    fuzz_fit(data, text, len);
    fuzz_utf8_len(text, len);
    fuzz_sanitize(data, text, len);
    fuzz_sanitize_identity(text, len);
    free(text);
    return 0;
}
