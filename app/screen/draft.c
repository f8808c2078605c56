/* draft — the toolkit slide designs are written with (see draft.h). */
#include "draft.h"

#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* Sizes in hundredths of u that only this file uses. */
#define KICKER_SIZE        300
#define TITLE_MAX          720
#define TITLE_MAX_PORTRAIT 520 /* a tall screen is narrow: long titles need the lines */
#define SUB_MAX            440
#define SUB_MAX_PORTRAIT   380
#define SQUEEZE_STEP       12 /* percent of a heading's size given up per step */

static struct layout_rect safe_area(int w, int h, int overscan)
{
    int mx = w * (LAYOUT_SAFE_MARGIN + overscan) / 100;
    int my = h * (LAYOUT_SAFE_MARGIN + overscan) / 100;
    return (struct layout_rect){mx, my, w - 2 * mx, h - 2 * my};
}

int draft_px(const struct draft_scale *sc, int hundredths)
{
    return (int)(sc->u * hundredths / 100.0 + 0.5);
}

struct draft_scale draft_scale_of(int w, int h, int overscan)
{
    struct draft_scale sc = {w,
                             h,
                             h / 100.0,
                             safe_area(w, h, overscan),
                             h > w,
                             h > w ? TITLE_MAX_PORTRAIT : TITLE_MAX,
                             h > w ? SUB_MAX_PORTRAIT : SUB_MAX};
    /* Body text stays at 3% of the height even on portrait screens, as asked, but
     * titles must not become a few letters per line: the width caps the unit at 1.8%
     * of the width (1080 px wide -> 19.4 px, close to the height's 19.2). */
    if (sc.u > w * 0.018) sc.u = w * 0.018;
    if (sc.u < h * 0.03 * 100 / DRAFT_BODY_MIN)
        sc.u = h * 0.03 * 100 / DRAFT_BODY_MIN; /* never below the 3% floor for body */
    return sc;
}

void draft_begin(struct draft *c, struct slide_layout *out, const struct draft_palette *pal, int w,
                 int h, int overscan, const struct text_metrics *m, const char *lang)
{
    out->w = w;
    out->h = h;
    out->n = 0;
    out->strings_used = 0;
    *c = (struct draft){out, m, draft_scale_of(w, h, overscan), *pal, lang ? lang : "en", 0, 0};
    out->safe = c->sc.safe;
    out->bg_top = pal->bg_top;
    out->bg_bottom = pal->bg_bottom;
    out->accent = pal->accent;
    out->clock = (struct layout_rect){0};
}

struct elem *draft_push(struct draft *c, enum layout_elem_kind kind, struct layout_rect box,
                        unsigned color)
{
    struct slide_layout *out = c->out;
    if (out->n == LAYOUT_MAX_ELEMS) return NULL;
    struct elem *e = &out->e[out->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->box = box;
    e->color = color;
    return e;
}

const char *draft_keep(struct draft *c, const char *s)
{
    struct slide_layout *out = c->out;
    size_t n = strlen(s) + 1;
    if (out->strings_used + n > sizeof out->strings) return "";
    char *p = out->strings + out->strings_used;
    memcpy(p, s, n);
    out->strings_used += n;
    return p;
}

int draft_text(struct draft *c, const char *text, struct layout_rect box, enum font_style style,
               int max_size, int min_size, int max_lines, unsigned color, enum text_align align)
{
    struct text_block b;
    if (!text || !*text || box.w <= 0 || box.h <= 0 || c->out->n == LAYOUT_MAX_ELEMS) return 0;
    if (!text_fit(c->m, style, text, strlen(text), box.w, box.h, max_size, min_size, max_lines, &b))
        return 0;
    int x = box.x;
    if (align == TEXT_ALIGN_CENTRE)
        x += (box.w - b.width) / 2;
    else if (align == TEXT_ALIGN_RIGHT)
        x += box.w - b.width;
    struct elem *e =
        draft_push(c, LAYOUT_ELEM_TEXT, (struct layout_rect){x, box.y, b.width, b.height}, color);
    e->style = style;
    e->text = text;
    e->len = strlen(text);
    e->align = align;
    e->block = b;
    return b.height;
}

int draft_heading(const struct draft *c, int max, int floor)
{
    int v = max * (100 - SQUEEZE_STEP * c->squeeze) / 100;
    return v > floor ? v : floor;
}

struct draft_column draft_column_start(const struct draft *c, struct layout_rect r)
{
    return (struct draft_column){r, r.y, c->out->n};
}

void draft_column_add(struct draft *c, struct draft_column *col, const char *text,
                      enum font_style style, int max_size, int min_size, int max_lines, int max_h,
                      unsigned color, int gap)
{
    int left = col->r.y + col->r.h - col->y;
    int h = max_h > 0 && max_h < left ? max_h : left;
    int used = draft_text(c, text, (struct layout_rect){col->r.x, col->y, col->r.w, h}, style,
                          draft_px(&c->sc, max_size), draft_px(&c->sc, min_size), max_lines, color,
                          TEXT_ALIGN_LEFT);
    if (used) col->y += used + gap;
}

void draft_column_centre(struct draft *c, struct draft_column *col, int last_gap)
{
    int used = col->y - col->r.y - last_gap;
    int shift = (col->r.h - used) / 2;
    if (shift <= 0) return;
    for (size_t i = col->first; i < c->out->n; i++)
        c->out->e[i].box.y += shift;
}

void draft_split(const struct draft *c, struct layout_rect area, double frac,
                 struct layout_rect *visual, struct layout_rect *text)
{
    int gap = draft_px(&c->sc, 400);
    if (c->sc.portrait) {
        int vh = (int)(area.h * frac);
        *visual = (struct layout_rect){area.x, area.y, area.w, vh};
        *text = (struct layout_rect){area.x, area.y + vh + gap, area.w, area.h - vh - gap};
    } else {
        int vw = (int)(area.w * frac);
        *visual = (struct layout_rect){area.x, area.y, vw, area.h};
        *text = (struct layout_rect){area.x + vw + gap, area.y, area.w - vw - gap, area.h};
    }
}

struct layout_rect draft_square_in(struct layout_rect r, double frac)
{
    int side = (int)((r.w < r.h ? r.w : r.h) * frac);
    return (struct layout_rect){r.x + (r.w - side) / 2, r.y + (r.h - side) / 2, side, side};
}

/* Initials of a name for the monogram badge: first letters of up to two significant
 * words ("Scale AI" -> "SA", "Desjardins" -> "D"), whole UTF-8 characters. */
static void initials(const char *name, char *buf, size_t cap)
{
    static const char *const small[] = {"de",  "du", "des", "la",  "le", "les", "et",
                                        "the", "of", "and", "for", "l",  "d"};
    size_t n = 0, words = 0;
    const char *p = name;
    while (*p && words < 2) {
        while (*p == ' ' || *p == '-' || *p == '\'')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '-' && *p != '\'')
            p++;
        size_t wl = (size_t)(p - w), skip = 0;
        for (size_t i = 0; i < sizeof small / sizeof *small; i++)
            skip |= (strlen(small[i]) == wl && !strncmp(small[i], w, wl));
        if (!wl || skip) continue;
        size_t cl = utf8_len(w, wl);
        if (n + cl + 1 > cap) break;
        memcpy(buf + n, w, cl);
        if (cl == 1 && buf[n] >= 'a' && buf[n] <= 'z')
            buf[n] = (char)(buf[n] - 'a' + 'A'); /* a monogram is capitals */
        n += cl;
        words++;
    }
    buf[n] = '\0';
}

static void visual_badge(struct draft *c, struct layout_rect box, const char *name)
{
    char ini[16];
    initials(name ? name : "?", ini, sizeof ini);
    draft_push(c, LAYOUT_ELEM_DISC, box, c->pal.accent);
    struct layout_rect inner = {box.x + box.w / 6, box.y + box.h / 4, box.w * 2 / 3, box.h / 2};
    int size = inner.h;
    draft_text(c, draft_keep(c, ini), inner, FONT_BOLD, size, size / 3, 1, c->pal.bg_bottom,
               TEXT_ALIGN_CENTRE);
    /* centre the initials vertically in the disc */
    struct elem *e = &c->out->e[c->out->n - 1];
    if (e->kind == LAYOUT_ELEM_TEXT) e->box.y = box.y + (box.h - e->box.h) / 2;
}

/* A logo or picture sits on a light card: dark logos stay visible on dark themes. */
static void visual_image(struct draft *c, struct layout_rect box)
{
    int pad = box.w / 12;
    draft_push(c, LAYOUT_ELEM_RECT, box, 0xf7f7fbff);
    draft_push(c, LAYOUT_ELEM_IMAGE,
               (struct layout_rect){box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad},
               0xffffffff);
}

void draft_visual(struct draft *c, struct layout_rect box, bool has_image, const char *name)
{
    if (has_image)
        visual_image(c, box);
    else
        visual_badge(c, box, name);
}

void draft_kicker(struct draft *c, struct draft_column *col, enum label which, bool urgent)
{
    if (urgent) return; /* the urgent banner says it, louder */
    const char *k = labels_get(which, c->lang);
    draft_column_add(c, col, k, FONT_BOLD, KICKER_SIZE, KICKER_SIZE, 1, 0, c->pal.accent,
                     draft_px(&c->sc, 120));
}
