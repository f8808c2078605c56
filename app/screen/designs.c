/* designs — partner, delegation and announcement slides (see designs.h). */
#include "designs.h"

#include "labels.h"

#include <stdio.h>
#include <string.h>

static void design_partner(struct draft *c, const struct slide *s, size_t lang, bool has_image,
                           struct layout_rect area)
{
    struct layout_rect vis, txt;
    draft_split(c, area, (c->sc.portrait ? 0.24 : 0.36) * (1.0 - 0.08 * c->squeeze), &vis, &txt);
    draft_visual(c, draft_square_in(vis, c->sc.portrait ? 0.95 : 0.78), has_image,
                 s->title.v[lang]);

    struct draft_column col = draft_column_start(c, txt);
    int gap = draft_px(&c->sc, DRAFT_GAP);
    draft_kicker(c, &col, LABEL_PARTNER, s->urgent);
    draft_column_add(c, &col, s->title.v[lang], FONT_BOLD,
                     draft_heading(c, c->sc.title_max, DRAFT_TITLE_MIN), DRAFT_TITLE_MIN, 3,
                     txt.h * 2 / 5, c->pal.title, gap);
    draft_column_add(c, &col, s->subtitle.v[lang], FONT_REGULAR,
                     draft_heading(c, c->sc.sub_max, DRAFT_SUB_MIN), DRAFT_SUB_MIN, 3, txt.h / 4,
                     c->pal.accent, gap);
    draft_column_add(c, &col, s->text.v[lang], FONT_REGULAR, DRAFT_BODY_MAX, DRAFT_BODY_MIN, 8, 0,
                     c->pal.body, gap);
    draft_column_centre(c, &col, gap);
}

/* "Suède · 19 novembre": origin and when on one line. */
static const char *joined(struct draft *c, const char *a, const char *b)
{
    char buf[512];
    if (a && b)
        snprintf(buf, sizeof buf, "%s  ·  %s", a, b);
    else
        snprintf(buf, sizeof buf, "%s", a ? a : b ? b : "");
    return buf[0] ? draft_keep(c, buf) : NULL;
}

/* The member grid's geometry for a given width. */
struct grid {
    int cols, gap_x, gap_y, size, line, cell_h;
};

static struct grid member_grid(const struct draft *c, int width)
{
    struct grid g;
    g.cols = (!c->sc.portrait && width > draft_px(&c->sc, 9000)) ? 2 : 1;
    g.gap_x = draft_px(&c->sc, 300);
    g.gap_y = draft_px(&c->sc, 160);
    g.size = draft_px(&c->sc, DRAFT_BODY_MIN);
    g.line = c->m->line_height(c->m->ctx, FONT_BOLD, g.size);
    g.cell_h = 2 * g.line + g.gap_y;
    return g;
}

/* Height the whole member list would take (no "+ N more"). */
static int members_height(const struct draft *c, const struct slide *s, int width)
{
    struct grid g = member_grid(c, width);
    size_t rows = (s->n_members + (size_t)g.cols - 1) / (size_t)g.cols;
    return rows > 1000 ? 1000 * g.cell_h : (int)rows * g.cell_h;
}

static void layout_members(struct draft *c, const struct slide *s, size_t lang,
                           struct layout_rect r)
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
        draft_push(c, LAYOUT_ELEM_RECT,
                   (struct layout_rect){cell.x - draft_px(&c->sc, 100), cell.y,
                                        draft_px(&c->sc, 30), more ? line : 2 * line},
                   c->pal.accent);
        if (more) {
            char others[64], count[24];
            snprintf(count, sizeof count, "%zu", s->n_members - shown);
            labels_format(others, sizeof others, LABEL_MORE, c->lang, count);
            draft_text(c, draft_keep(c, others), cell, FONT_BOLD, size, size, 1, c->pal.accent,
                       TEXT_ALIGN_LEFT);
            break;
        }
        const struct member *mb = &s->members[i];
        draft_text(c, mb->name, cell, FONT_BOLD, size, size, 1, c->pal.title, TEXT_ALIGN_LEFT);
        cell.y += line;
        draft_text(c, mb->role.v[lang], cell, FONT_REGULAR, size, size, 1, c->pal.muted,
                   TEXT_ALIGN_LEFT);
    }
}

static void design_delegation(struct draft *c, const struct slide *s, size_t lang, bool has_image,
                              struct layout_rect area)
{
    (void)has_image; /* a delegation shows its members, not a picture */
    int gap = draft_px(&c->sc, DRAFT_GAP);
    /* Top-aligned, a little below the chrome, so the grid starts right under the
     * heading and gets all the height that is left. */
    area.y += gap;
    area.h -= gap;
    struct draft_column col = draft_column_start(c, area);
    draft_kicker(c, &col, LABEL_DELEGATION, s->urgent);
    draft_column_add(c, &col, s->title.v[lang], FONT_BOLD,
                     draft_heading(c, c->sc.title_max, DRAFT_TITLE_MIN), DRAFT_TITLE_MIN, 3,
                     area.h / 4, c->pal.title, gap);
    draft_column_add(c, &col, joined(c, s->subtitle.v[lang], s->when.v[lang]), FONT_REGULAR,
                     DRAFT_SUB_MIN, DRAFT_SUB_MIN, 2, area.h / 6, c->pal.accent, gap);
    /* The members are the point of the slide: the text only gets what they leave. */
    int grid_w = area.w - draft_px(&c->sc, 100);
    int room = area.y + area.h - col.y - members_height(c, s, grid_w) - gap * 2;
    if (room > 0)
        draft_column_add(c, &col, s->text.v[lang], FONT_REGULAR, DRAFT_BODY_MAX, DRAFT_BODY_MIN, 3,
                         room < area.h / 4 ? room : area.h / 4, c->pal.body, gap * 2);
    int left = area.y + area.h - col.y;
    if (left > 0)
        layout_members(c, s, lang,
                       (struct layout_rect){area.x + draft_px(&c->sc, 100), col.y,
                                            area.w - draft_px(&c->sc, 100), left});
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
static void label_row(struct draft *c, struct draft_column *col, enum label which,
                      const char *value, int gap)
{
    if (!value) return;
    const char *lab = labels_get(which, c->lang);
    int size = draft_px(&c->sc, DRAFT_BODY_MAX);
    int lw = c->m->width(c->m->ctx, FONT_BOLD, size, lab, strlen(lab)) + draft_px(&c->sc, 150);
    struct layout_rect lr = {col->r.x, col->y, lw, col->r.y + col->r.h - col->y};
    if (draft_text(c, lab, lr, FONT_BOLD, size, draft_px(&c->sc, DRAFT_BODY_MIN), 1, c->pal.accent,
                   TEXT_ALIGN_LEFT) == 0)
        return;
    struct layout_rect vr = {col->r.x + lw, col->y, col->r.w - lw, lr.h};
    int h = draft_text(c, value, vr, FONT_REGULAR, size, draft_px(&c->sc, DRAFT_BODY_MIN), 2,
                       c->pal.body, TEXT_ALIGN_LEFT);
    int lh = c->out->e[c->out->n - (h ? 2 : 1)].box.h;
    col->y += (h > lh ? h : lh) + gap;
}

static void design_announcement(struct draft *c, const struct slide *s, size_t lang, bool has_image,
                                struct layout_rect area)
{
    bool qr = s->link != NULL;
    bool pictured = s->image != NULL; /* drawn, or its fallback if it did not load */
    struct layout_rect vis = {0}, txt = area;
    if (qr || pictured) draft_split(c, area, c->sc.portrait ? 0.32 : 0.30, &vis, &txt);
    if (c->sc.portrait) { /* visuals under the text read better on a tall screen */
        struct layout_rect t = txt;
        txt = (struct layout_rect){area.x, area.y, area.w, t.h};
        vis.y = area.y + area.h - vis.h;
    }
    if (pictured && qr) {
        struct layout_rect top = vis, bottom = vis;
        top.h = bottom.h = vis.h / 2;
        bottom.y += vis.h / 2;
        draft_visual(c, draft_square_in(top, 0.9), has_image, s->title.v[lang]);
        vis = bottom;
    } else if (pictured) {
        draft_visual(c, draft_square_in(vis, 0.85), has_image, s->title.v[lang]);
    }
    if (qr) {
        int cap = draft_px(&c->sc, 900);
        struct layout_rect q = vis;
        q.h -= cap;
        q = draft_square_in(q, 0.92);
        draft_push(c, LAYOUT_ELEM_RECT, q, 0xffffffffu); /* the code draws its own quiet zone */
        struct elem *e = draft_push(c, LAYOUT_ELEM_QR, q, 0x000000ffu);
        if (e) e->text = s->link, e->len = strlen(s->link);
        draft_text(c, labels_get(LABEL_SCAN, c->lang),
                   (struct layout_rect){vis.x, q.y + q.h + draft_px(&c->sc, 80), vis.w, cap},
                   FONT_REGULAR, draft_px(&c->sc, DRAFT_BODY_MIN), draft_px(&c->sc, DRAFT_BODY_MIN),
                   2, c->pal.muted, TEXT_ALIGN_CENTRE);
    }
    struct draft_column col = draft_column_start(c, txt);
    int gap = draft_px(&c->sc, DRAFT_GAP);
    draft_kicker(c, &col, LABEL_ANNOUNCEMENT, s->urgent);
    draft_column_add(c, &col, s->title.v[lang], FONT_BOLD,
                     draft_heading(c, c->sc.title_max, DRAFT_TITLE_MIN), DRAFT_TITLE_MIN, 3,
                     txt.h * 2 / 5, c->pal.title, gap);
    label_row(c, &col, LABEL_WHEN, s->when.v[lang], gap / 2);
    label_row(c, &col, LABEL_WHERE, s->where.v[lang], gap);
    draft_column_add(c, &col, s->text.v[lang], FONT_REGULAR, DRAFT_BODY_MAX, DRAFT_BODY_MIN, 8, 0,
                     c->pal.body, gap);
    draft_column_centre(c, &col, gap);
}

/* A sessions slide is drawn by board.c from its programme; without one it never shows
 * (the schedule skips it), so this is only its heading, for layouts made without a
 * programme at hand. */
static void design_sessions(struct draft *c, const struct slide *s, size_t lang, bool has_image,
                            struct layout_rect area)
{
    (void)has_image;
    struct draft_column col = draft_column_start(c, area);
    int gap = draft_px(&c->sc, DRAFT_GAP);
    draft_kicker(c, &col, LABEL_SESSIONS, s->urgent);
    draft_column_add(c, &col, s->title.v[lang], FONT_BOLD,
                     draft_heading(c, c->sc.title_max, DRAFT_TITLE_MIN), DRAFT_TITLE_MIN, 3, 0,
                     c->pal.title, gap);
    draft_column_centre(c, &col, gap);
}

static const struct design designs[] = {
    [SLIDE_PARTNER] = {.palette = {0x1b1f4bff, 0x2d1b54ff, 0x7fd1ffff, 0xffffffff, 0xe6e8f5ff,
                                   0xb4b9d9ff},
                       .own_subtitle = true,
                       .lay = design_partner},
    [SLIDE_DELEGATION] = {.palette = {0x0c3440ff, 0x0a2530ff, 0xf2c14eff, 0xffffffff, 0xe3f0f2ff,
                                      0xa9c6cbff},
                          .own_subtitle = false,
                          .lay = design_delegation},
    [SLIDE_ANNOUNCEMENT] = {.palette = {0x3a1240ff, 0x24102eff, 0xff8a65ff, 0xffffffff, 0xf3e6f2ff,
                                        0xcbb3cfff},
                            .own_subtitle = true,
                            .lay = design_announcement},
    [SLIDE_SESSIONS] = {.palette = {0x0e2233ff, 0x081521ff, 0x63e6beff, 0xffffffff, 0xe3edf5ff,
                                    0x98adc2ff},
                        .own_subtitle = false,
                        .lay = design_sessions},
};

const struct design *designs_for(enum slide_type type)
{
    return (size_t)type < sizeof designs / sizeof designs[0] ? &designs[type] : &designs[0];
}
