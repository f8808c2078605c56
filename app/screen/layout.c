/* layout — the slide designs as arithmetic. Pure; called on the render thread when a
 * slide's content or the screen size changes, never per frame.
 *
 * Type scale: every size is a multiple of u = 1% of the screen height (so body text is
 * at least 3u, legible from 5 m on a 1080p screen), capped by the width on portrait
 * screens. Each design is a column of text blocks stacked top to bottom and centred
 * vertically, with a visual column (badge, logo card, QR code) beside it on landscape
 * screens and above it on portrait ones. */
#include "layout.h"

#include "feed.h"
#include "labels.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Colours, 0xRRGGBBAA. One palette per slide type, one for urgent slides. */
struct palette {
    unsigned bg_top, bg_bottom, accent, title, body, muted;
};

static const struct palette palettes[] = {
    [SLIDE_PARTNER] = {0x1b1f4bff, 0x2d1b54ff, 0x7fd1ffff, 0xffffffff, 0xe6e8f5ff, 0xb4b9d9ff},
    [SLIDE_DELEGATION] = {0x0c3440ff, 0x0a2530ff, 0xf2c14eff, 0xffffffff, 0xe3f0f2ff, 0xa9c6cbff},
    [SLIDE_ANNOUNCEMENT] = {0x3a1240ff, 0x24102eff, 0xff8a65ff, 0xffffffff, 0xf3e6f2ff, 0xcbb3cfff},
};
static const struct palette urgent_palette = {0xa8001cff, 0x6e0012ff, 0xffd400ff,
                                              0xffffffff, 0xffffffff, 0xffd9dfff};
static const struct palette idle_palette = {0x14182eff, 0x0b0d1aff, 0x7fd1ffff,
                                            0xffffffff, 0xe6e8f5ff, 0xb4b9d9ff};

/* Sizes in hundredths of u. */
#define KICKER_SIZE        300
#define TITLE_MAX          720
#define TITLE_MAX_PORTRAIT 520 /* a tall screen is narrow: long titles need the lines */
#define TITLE_MIN          420
#define SUB_MAX            440
#define SUB_MAX_PORTRAIT   380
#define SUB_MIN            320
#define BODY_MAX           370
#define BODY_MIN           300 /* 3% of the screen height: the legibility floor */
#define CHROME_SIZE        300
#define GAP                220 /* between blocks */

struct scale {
    int w, h;
    double u; /* px per 1% of height, width-capped */
    struct layout_rect safe;
    bool portrait;
    int title_max, sub_max; /* hundredths of u */
};

static int px(const struct scale *sc, int hundredths)
{
    return (int)(sc->u * hundredths / 100.0 + 0.5);
}

struct layout_rect layout_safe_area(int w, int h, int overscan)
{
    int mx = w * (LAYOUT_SAFE_MARGIN + overscan) / 100;
    int my = h * (LAYOUT_SAFE_MARGIN + overscan) / 100;
    return (struct layout_rect){mx, my, w - 2 * mx, h - 2 * my};
}

static struct scale make_scale(int w, int h, int overscan)
{
    struct scale sc = {w,
                       h,
                       h / 100.0,
                       layout_safe_area(w, h, overscan),
                       h > w,
                       h > w ? TITLE_MAX_PORTRAIT : TITLE_MAX,
                       h > w ? SUB_MAX_PORTRAIT : SUB_MAX};
    /* Body text stays at 3% of the height even on portrait screens, as asked, but
     * titles must not become a few letters per line: the width caps the unit at 1.8%
     * of the width (1080 px wide -> 19.4 px, close to the height's 19.2). */
    if (sc.u > w * 0.018) sc.u = w * 0.018;
    if (sc.u < h * 0.03 * 100 / BODY_MIN)
        sc.u = h * 0.03 * 100 / BODY_MIN; /* never below the 3% floor for body */
    return sc;
}

static struct elem *push(struct slide_layout *out, enum layout_elem_kind kind,
                         struct layout_rect box, unsigned color)
{
    if (out->n == LAYOUT_MAX_ELEMS) return NULL;
    struct elem *e = &out->e[out->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->box = box;
    e->color = color;
    return e;
}

/* Keeps a generated string in the layout so elements can point at it. */
static const char *keep(struct slide_layout *out, const char *s)
{
    size_t n = strlen(s) + 1;
    if (out->strings_used + n > sizeof out->strings) return "";
    char *p = out->strings + out->strings_used;
    memcpy(p, s, n);
    out->strings_used += n;
    return p;
}

int layout_text(struct slide_layout *out, const struct text_metrics *m, const char *text,
                struct layout_rect box, enum font_style style, int max_size, int min_size,
                int max_lines, unsigned color, enum text_align align)
{
    struct text_block b;
    if (!text || !*text || box.w <= 0 || box.h <= 0 || out->n == LAYOUT_MAX_ELEMS) return 0;
    if (!text_fit(m, style, text, strlen(text), box.w, box.h, max_size, min_size, max_lines, &b))
        return 0;
    int x = box.x;
    if (align == TEXT_ALIGN_CENTRE)
        x += (box.w - b.width) / 2;
    else if (align == TEXT_ALIGN_RIGHT)
        x += box.w - b.width;
    struct elem *e =
        push(out, LAYOUT_ELEM_TEXT, (struct layout_rect){x, box.y, b.width, b.height}, color);
    e->style = style;
    e->text = text;
    e->len = strlen(text);
    e->align = align;
    e->block = b;
    return b.height;
}

/* Everything one layout call needs, so helpers take one argument. */
struct ctx {
    struct slide_layout *out;
    const struct text_metrics *m;
    struct scale sc;
    struct palette pal;
    const char *lang;
    int squeeze;   /* 0..MAX_SQUEEZE: how much headings give up so the body fits */
    size_t hidden; /* content that did not fit: members behind "+ N more", dropped texts */
};

#define MAX_SQUEEZE  4
#define SQUEEZE_STEP 12 /* percent of a heading's size given up per step */

static int heading(const struct ctx *c, int max, int floor)
{
    int v = max * (100 - SQUEEZE_STEP * c->squeeze) / 100;
    return v > floor ? v : floor;
}

/* A column of text blocks, filled top to bottom, centred vertically when done. */
struct column {
    struct layout_rect r;
    int y;        /* next free pixel row */
    size_t first; /* first element placed in this column */
};

static struct column column_start(const struct ctx *c, struct layout_rect r)
{
    return (struct column){r, r.y, c->out->n};
}

/* Adds a block of at most max_h pixels (0: all that is left) and a gap after it. */
static void column_add(struct ctx *c, struct column *col, const char *text, enum font_style style,
                       int max_size, int min_size, int max_lines, int max_h, unsigned color,
                       int gap)
{
    int left = col->r.y + col->r.h - col->y;
    int h = max_h > 0 && max_h < left ? max_h : left;
    int used =
        layout_text(c->out, c->m, text, (struct layout_rect){col->r.x, col->y, col->r.w, h}, style,
                    px(&c->sc, max_size), px(&c->sc, min_size), max_lines, color, TEXT_ALIGN_LEFT);
    if (used) col->y += used + gap;
}

static void column_centre(struct ctx *c, struct column *col, int last_gap)
{
    int used = col->y - col->r.y - last_gap;
    int shift = (col->r.h - used) / 2;
    if (shift <= 0) return;
    for (size_t i = col->first; i < c->out->n; i++)
        c->out->e[i].box.y += shift;
}

/* The content area: the safe area less the chrome's top and bottom bands. */
static struct layout_rect content_area(const struct scale *sc)
{
    int top = px(sc, CHROME_SIZE) * 2;
    int bottom = px(sc, CHROME_SIZE) * 2;
    struct layout_rect r = sc->safe;
    r.y += top;
    r.h -= top + bottom;
    return r;
}

/* Splits the content area into a visual box and a text column. frac: the visual's share. */
static void split(const struct ctx *c, struct layout_rect area, double frac,
                  struct layout_rect *visual, struct layout_rect *text)
{
    int gap = px(&c->sc, 400);
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

static struct layout_rect square_in(struct layout_rect r, double frac)
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

static void add_kicker(struct ctx *c, struct column *col, enum label which, bool urgent)
{
    if (urgent) return; /* the urgent banner says it, louder */
    const char *k = labels_get(which, c->lang);
    column_add(c, col, k, FONT_BOLD, KICKER_SIZE, KICKER_SIZE, 1, 0, c->pal.accent,
               px(&c->sc, 120));
}

static void visual_badge(struct ctx *c, struct layout_rect box, const char *name)
{
    char ini[16];
    initials(name ? name : "?", ini, sizeof ini);
    push(c->out, LAYOUT_ELEM_DISC, box, c->pal.accent);
    struct layout_rect inner = {box.x + box.w / 6, box.y + box.h / 4, box.w * 2 / 3, box.h / 2};
    int size = inner.h;
    layout_text(c->out, c->m, keep(c->out, ini), inner, FONT_BOLD, size, size / 3, 1,
                c->pal.bg_bottom, TEXT_ALIGN_CENTRE);
    /* centre the initials vertically in the disc */
    struct elem *e = &c->out->e[c->out->n - 1];
    if (e->kind == LAYOUT_ELEM_TEXT) e->box.y = box.y + (box.h - e->box.h) / 2;
}

/* A logo or picture sits on a light card: dark logos stay visible on dark themes. */
static void visual_image(struct ctx *c, struct layout_rect box)
{
    int pad = box.w / 12;
    push(c->out, LAYOUT_ELEM_RECT, box, 0xf7f7fbff);
    push(c->out, LAYOUT_ELEM_IMAGE,
         (struct layout_rect){box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad},
         0xffffffff);
}

/* The slide's picture, or where there is none (no logo, or it failed to load) the
 * designed fallback: a badge with the initials of name. */
static void visual(struct ctx *c, struct layout_rect box, bool has_image, const char *name)
{
    if (has_image)
        visual_image(c, box);
    else
        visual_badge(c, box, name);
}

static void layout_partner(struct ctx *c, const struct slide *s, size_t lang, bool has_image,
                           struct layout_rect area)
{
    struct layout_rect vis, txt;
    split(c, area, (c->sc.portrait ? 0.24 : 0.36) * (1.0 - 0.08 * c->squeeze), &vis, &txt);
    visual(c, square_in(vis, c->sc.portrait ? 0.95 : 0.78), has_image, s->title.v[lang]);

    struct column col = column_start(c, txt);
    int gap = px(&c->sc, GAP);
    add_kicker(c, &col, LABEL_PARTNER, s->urgent);
    column_add(c, &col, s->title.v[lang], FONT_BOLD, heading(c, c->sc.title_max, TITLE_MIN),
               TITLE_MIN, 3, txt.h * 2 / 5, c->pal.title, gap);
    column_add(c, &col, s->subtitle.v[lang], FONT_REGULAR, heading(c, c->sc.sub_max, SUB_MIN),
               SUB_MIN, 3, txt.h / 4, c->pal.accent, gap);
    column_add(c, &col, s->text.v[lang], FONT_REGULAR, BODY_MAX, BODY_MIN, 8, 0, c->pal.body, gap);
    column_centre(c, &col, gap);
}

/* "Suède · 19 novembre": origin and when on one line. */
static const char *joined(struct ctx *c, const char *a, const char *b)
{
    char buf[512];
    if (a && b)
        snprintf(buf, sizeof buf, "%s  ·  %s", a, b);
    else
        snprintf(buf, sizeof buf, "%s", a ? a : b ? b : "");
    return buf[0] ? keep(c->out, buf) : NULL;
}

/* The member grid's geometry for a given width. */
struct grid {
    int cols, gap_x, gap_y, size, line, cell_h;
};

static struct grid member_grid(const struct ctx *c, int width)
{
    struct grid g;
    g.cols = (!c->sc.portrait && width > px(&c->sc, 9000)) ? 2 : 1;
    g.gap_x = px(&c->sc, 300);
    g.gap_y = px(&c->sc, 160);
    g.size = px(&c->sc, BODY_MIN);
    g.line = c->m->line_height(c->m->ctx, FONT_BOLD, g.size);
    g.cell_h = 2 * g.line + g.gap_y;
    return g;
}

/* Height the whole member list would take (no "+ N more"). */
static int members_height(const struct ctx *c, const struct slide *s, int width)
{
    struct grid g = member_grid(c, width);
    size_t rows = (s->n_members + (size_t)g.cols - 1) / (size_t)g.cols;
    return rows > 1000 ? 1000 * g.cell_h : (int)rows * g.cell_h;
}

static void layout_members(struct ctx *c, const struct slide *s, size_t lang, struct layout_rect r)
{
    struct grid g = member_grid(c, r.w);
    int cols = g.cols, gap_x = g.gap_x, size = g.size, line = g.line, cell_h = g.cell_h;
    int rows = cell_h > 0 ? (r.h + g.gap_y) / cell_h : 0;
    size_t room = (size_t)rows * (size_t)cols, shown = s->n_members;
    if (room == 0 || s->n_members == 0) return;
    if (shown > room) shown = room - 1; /* the last cell says how many more there are */
    c->hidden += s->n_members - shown;
    int cw = (r.w - gap_x * (cols - 1)) / cols;
    size_t rows_used = (shown + (shown < s->n_members) + cols - 1) / cols;
    for (size_t i = 0; i <= shown && i < room; i++) {
        int col = (int)(i / rows_used), row = (int)(i % rows_used);
        struct layout_rect cell = {r.x + col * (cw + gap_x), r.y + row * cell_h, cw, line};
        bool more = i == shown;
        if (more && shown == s->n_members) break;
        /* an accent rule to the left of each entry */
        push(c->out, LAYOUT_ELEM_RECT,
             (struct layout_rect){cell.x - px(&c->sc, 100), cell.y, px(&c->sc, 30),
                                  more ? line : 2 * line},
             c->pal.accent);
        if (more) {
            char others[64], count[24];
            snprintf(count, sizeof count, "%zu", s->n_members - shown);
            labels_format(others, sizeof others, LABEL_MORE, c->lang, count);
            layout_text(c->out, c->m, keep(c->out, others), cell, FONT_BOLD, size, size, 1,
                        c->pal.accent, TEXT_ALIGN_LEFT);
            break;
        }
        const struct member *mb = &s->members[i];
        layout_text(c->out, c->m, mb->name, cell, FONT_BOLD, size, size, 1, c->pal.title,
                    TEXT_ALIGN_LEFT);
        cell.y += line;
        layout_text(c->out, c->m, mb->role.v[lang], cell, FONT_REGULAR, size, size, 1, c->pal.muted,
                    TEXT_ALIGN_LEFT);
    }
}

static void layout_delegation(struct ctx *c, const struct slide *s, size_t lang,
                              struct layout_rect area)
{
    int gap = px(&c->sc, GAP);
    /* Top-aligned, a little below the chrome, so the grid starts right under the
     * heading and gets all the height that is left. */
    area.y += gap;
    area.h -= gap;
    struct column col = column_start(c, area);
    add_kicker(c, &col, LABEL_DELEGATION, s->urgent);
    column_add(c, &col, s->title.v[lang], FONT_BOLD, heading(c, c->sc.title_max, TITLE_MIN),
               TITLE_MIN, 3, area.h / 4, c->pal.title, gap);
    column_add(c, &col, joined(c, s->subtitle.v[lang], s->when.v[lang]), FONT_REGULAR, SUB_MIN,
               SUB_MIN, 2, area.h / 6, c->pal.accent, gap);
    /* The members are the point of the slide: the text only gets what they leave. */
    int grid_w = area.w - px(&c->sc, 100);
    int room = area.y + area.h - col.y - members_height(c, s, grid_w) - gap * 2;
    if (room > 0)
        column_add(c, &col, s->text.v[lang], FONT_REGULAR, BODY_MAX, BODY_MIN, 3,
                   room < area.h / 4 ? room : area.h / 4, c->pal.body, gap * 2);
    int left = area.y + area.h - col.y;
    if (left > 0)
        layout_members(
            c, s, lang,
            (struct layout_rect){area.x + px(&c->sc, 100), col.y, area.w - px(&c->sc, 100), left});
    /* A short delegation sits in the middle of the screen rather than at its top. */
    int bottom = area.y;
    for (size_t i = col.first; i < c->out->n; i++)
        if (c->out->e[i].box.y + c->out->e[i].box.h > bottom)
            bottom = c->out->e[i].box.y + c->out->e[i].box.h;
    int shift = (area.y + area.h - bottom) / 2;
    for (size_t i = col.first; shift > 0 && i < c->out->n; i++)
        c->out->e[i].box.y += shift;
}

/* "Quand" label and its value on one row. */
static void label_row(struct ctx *c, struct column *col, enum label which, const char *value,
                      int gap)
{
    if (!value) return;
    const char *lab = labels_get(which, c->lang);
    int size = px(&c->sc, BODY_MAX);
    int lw = c->m->width(c->m->ctx, FONT_BOLD, size, lab, strlen(lab)) + px(&c->sc, 150);
    struct layout_rect lr = {col->r.x, col->y, lw, col->r.y + col->r.h - col->y};
    if (layout_text(c->out, c->m, lab, lr, FONT_BOLD, size, px(&c->sc, BODY_MIN), 1, c->pal.accent,
                    TEXT_ALIGN_LEFT) == 0)
        return;
    struct layout_rect vr = {col->r.x + lw, col->y, col->r.w - lw, lr.h};
    int h = layout_text(c->out, c->m, value, vr, FONT_REGULAR, size, px(&c->sc, BODY_MIN), 2,
                        c->pal.body, TEXT_ALIGN_LEFT);
    int lh = c->out->e[c->out->n - (h ? 2 : 1)].box.h;
    col->y += (h > lh ? h : lh) + gap;
}

static void layout_announcement(struct ctx *c, const struct slide *s, size_t lang, bool has_image,
                                struct layout_rect area)
{
    bool qr = s->link != NULL;
    bool pictured = s->image != NULL; /* drawn, or its fallback if it did not load */
    struct layout_rect vis = {0}, txt = area;
    if (qr || pictured) split(c, area, c->sc.portrait ? 0.32 : 0.30, &vis, &txt);
    if (c->sc.portrait) { /* visuals under the text read better on a tall screen */
        struct layout_rect t = txt;
        txt = (struct layout_rect){area.x, area.y, area.w, t.h};
        vis.y = area.y + area.h - vis.h;
    }
    if (pictured && qr) {
        struct layout_rect top = vis, bottom = vis;
        top.h = bottom.h = vis.h / 2;
        bottom.y += vis.h / 2;
        visual(c, square_in(top, 0.9), has_image, s->title.v[lang]);
        vis = bottom;
    } else if (pictured) {
        visual(c, square_in(vis, 0.85), has_image, s->title.v[lang]);
    }
    if (qr) {
        int cap = px(&c->sc, 900);
        struct layout_rect q = vis;
        q.h -= cap;
        q = square_in(q, 0.92);
        push(c->out, LAYOUT_ELEM_RECT, q, 0xffffffffu); /* the code draws its own quiet zone */
        struct elem *e = push(c->out, LAYOUT_ELEM_QR, q, 0x000000ffu);
        if (e) e->text = s->link, e->len = strlen(s->link);
        layout_text(c->out, c->m, labels_get(LABEL_SCAN, c->lang),
                    (struct layout_rect){vis.x, q.y + q.h + px(&c->sc, 80), vis.w, cap},
                    FONT_REGULAR, px(&c->sc, BODY_MIN), px(&c->sc, BODY_MIN), 2, c->pal.muted,
                    TEXT_ALIGN_CENTRE);
    }
    struct column col = column_start(c, txt);
    int gap = px(&c->sc, GAP);
    add_kicker(c, &col, LABEL_ANNOUNCEMENT, s->urgent);
    column_add(c, &col, s->title.v[lang], FONT_BOLD, heading(c, c->sc.title_max, TITLE_MIN),
               TITLE_MIN, 3, txt.h * 2 / 5, c->pal.title, gap);
    label_row(c, &col, LABEL_WHEN, s->when.v[lang], gap / 2);
    label_row(c, &col, LABEL_WHERE, s->where.v[lang], gap);
    column_add(c, &col, s->text.v[lang], FONT_REGULAR, BODY_MAX, BODY_MIN, 8, 0, c->pal.body, gap);
    column_centre(c, &col, gap);
}

static void begin(struct ctx *c, struct slide_layout *out, const struct palette *pal, int w, int h,
                  int overscan, const struct text_metrics *m, const char *lang)
{
    out->w = w;
    out->h = h;
    out->n = 0;
    out->strings_used = 0;
    *c = (struct ctx){out, m, make_scale(w, h, overscan), *pal, lang ? lang : "en", 0, 0};
    out->safe = c->sc.safe;
    out->bg_top = pal->bg_top;
    out->bg_bottom = pal->bg_bottom;
    out->accent = pal->accent;
    out->clock = (struct layout_rect){0};
}

static size_t attempt(struct ctx *c, const struct slide *s, size_t lang, bool has_image,
                      struct layout_rect area);
static void design(struct ctx *c, const struct slide *s, size_t lang, bool has_image,
                   struct layout_rect area);

void layout_slide(struct slide_layout *out, const struct feed *feed, const struct slide *s,
                  size_t lang, bool has_image, int w, int h, int overscan,
                  const struct text_metrics *m)
{
    struct ctx c;
    begin(&c, out, s->urgent ? &urgent_palette : &palettes[s->type], w, h, overscan, m,
          feed_lang(feed, lang));
    struct layout_rect area = content_area(&c.sc);
    /* Headings at their largest may push the body into an ellipsis or members out of
     * sight: try smaller headings (a few bounded steps) and keep the attempt that loses
     * least, the largest headings on a tie. */
    int best = 0;
    size_t best_loss = SIZE_MAX;
    for (c.squeeze = 0; c.squeeze <= MAX_SQUEEZE && best_loss > 0; c.squeeze++) {
        size_t loss = attempt(&c, s, lang, has_image, area);
        if (loss < best_loss) best_loss = loss, best = c.squeeze;
    }
    if (c.squeeze - 1 != best) { /* the last attempt was not the best: redo the best */
        c.squeeze = best;
        attempt(&c, s, lang, has_image, area);
    }
}

/* Lays the slide out at c->squeeze and returns what was lost: texts cut with an
 * ellipsis, texts dropped for want of room, members hidden behind "+ N more". */
static size_t attempt(struct ctx *c, const struct slide *s, size_t lang, bool has_image,
                      struct layout_rect area)
{
    c->out->n = 0;
    c->out->strings_used = 0;
    c->hidden = 0;
    design(c, s, lang, has_image, area);
    size_t lost = c->hidden, cut = 0, drawn = 0;
    for (size_t i = 0; i < c->out->n; i++) {
        const struct elem *e = &c->out->e[i];
        if (e->kind != LAYOUT_ELEM_TEXT || e->text == NULL) continue;
        cut += e->block.truncated;
        drawn += e->text == s->title.v[lang] || e->text == s->subtitle.v[lang] ||
                 e->text == s->text.v[lang];
    }
    /* a delegation's subtitle is drawn joined with its date, as a new string */
    bool own_subtitle = s->type != SLIDE_DELEGATION && s->subtitle.v[lang];
    size_t wanted = (s->title.v[lang] != NULL) + own_subtitle + (s->text.v[lang] != NULL);
    return lost + cut + (wanted > drawn ? wanted - drawn : 0);
}

static void design(struct ctx *c, const struct slide *s, size_t lang, bool has_image,
                   struct layout_rect area)
{
    struct slide_layout *out = c->out;
    if (s->urgent) {
        /* A solid yellow banner across the top of the content, on a red slide:
         * unmissable at a glance, from across the hall. */
        int band = px(&c->sc, 800), pad = px(&c->sc, 150);
        struct layout_rect b = {c->sc.safe.x, area.y, c->sc.safe.w, band};
        push(out, LAYOUT_ELEM_RECT, b, urgent_palette.accent);
        layout_text(out, c->m, labels_get(LABEL_URGENT, c->lang),
                    (struct layout_rect){b.x + pad, b.y + pad, b.w - 2 * pad, b.h - 2 * pad},
                    FONT_BOLD, px(&c->sc, 420), px(&c->sc, BODY_MIN), 1, urgent_palette.bg_bottom,
                    TEXT_ALIGN_LEFT);
        area.y += band + px(&c->sc, 300);
        area.h -= band + px(&c->sc, 300);
    }
    switch (s->type) {
    case SLIDE_PARTNER:
        layout_partner(c, s, lang, has_image, area);
        break;
    case SLIDE_DELEGATION:
        layout_delegation(c, s, lang, area);
        break;
    case SLIDE_ANNOUNCEMENT:
        layout_announcement(c, s, lang, has_image, area);
        break;
    }
}

void layout_idle(struct slide_layout *out, const struct feed *feed, size_t lang, int w, int h,
                 int overscan, const struct text_metrics *m)
{
    struct ctx c;
    begin(&c, out, &idle_palette, w, h, overscan, m, feed_lang(feed, lang));
    struct layout_rect safe = c.sc.safe;
    struct layout_rect name = {safe.x, safe.y + safe.h / 5, safe.w, safe.h / 3};
    int used = layout_text(out, m, feed_event_name(feed)->v[lang], name, FONT_BOLD, px(&c.sc, 900),
                           px(&c.sc, 400), 3, idle_palette.title, TEXT_ALIGN_CENTRE);
    if (used) out->e[out->n - 1].box.y = name.y + name.h - used; /* sit on the clock */
    out->clock =
        (struct layout_rect){safe.x, name.y + name.h + px(&c.sc, 300), safe.w, px(&c.sc, 1800)};
}

void layout_chrome(struct chrome_layout *out, int w, int h, int overscan)
{
    struct scale sc = make_scale(w, h, overscan);
    int size = px(&sc, CHROME_SIZE);
    int line = (int)(size * 1.25 + 0.5);
    struct layout_rect s = sc.safe;
    int clock_w = s.w / 4;
    out->safe = s;
    out->text_size = size;
    out->name = (struct layout_rect){s.x, s.y, s.w - clock_w - size, line};
    out->clock = (struct layout_rect){s.x + s.w - clock_w, s.y, clock_w, line};
    int bar_h = size / 5 > 2 ? size / 5 : 2;
    out->bar = (struct layout_rect){s.x, s.y + s.h - bar_h, s.w, bar_h};
    int row_y = out->bar.y - line - size / 3;
    out->progress = (struct layout_rect){s.x, row_y, s.w / 2, line};
    out->stale = (struct layout_rect){s.x + s.w / 2, row_y, s.w / 2, line};
}
