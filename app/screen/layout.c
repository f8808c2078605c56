/* layout — where everything goes on a slide, as pure arithmetic (see layout.h): the
 * screen's margins, the chrome, the idle screen, and a slide's layout, which tries the
 * slide's design (designs.c) at a few heading sizes and keeps the one that loses least.
 * Called on the render thread when a slide's content or the screen size changes, never
 * per frame. */
#include "layout.h"

#include "cap.h"
#include "designs.h"
#include "draft.h"
#include "feed.h"
#include "labels.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const struct draft_palette urgent_palette = {0xa8001cff, 0x6e0012ff, 0xffd400ff,
                                                    0xffffffff, 0xffffffff, 0xffd9dfff};
static const struct draft_palette idle_palette = {0x14182eff, 0x0b0d1aff, 0x7fd1ffff,
                                                  0xffffffff, 0xe6e8f5ff, 0xb4b9d9ff};

struct layout_rect layout_safe_area(int w, int h, int overscan)
{
    return draft_scale_of(w, h, overscan).safe;
}

/* The content area: the safe area less the chrome's top and bottom bands. */
static struct layout_rect content_area(const struct draft_scale *sc)
{
    int top = draft_px(sc, DRAFT_CHROME_SIZE) * 2;
    int bottom = draft_px(sc, DRAFT_CHROME_SIZE) * 2;
    struct layout_rect r = sc->safe;
    r.y += top;
    r.h -= top + bottom;
    return r;
}

/* A solid yellow banner across the top of the content, on a red slide: unmissable at
 * a glance, from across the hall. Returns the area left below it. */
static struct layout_rect urgent_banner(struct draft *c, struct layout_rect area)
{
    int band = draft_px(&c->sc, 800), pad = draft_px(&c->sc, 150);
    struct layout_rect b = {c->sc.safe.x, area.y, c->sc.safe.w, band};
    draft_push(c, LAYOUT_ELEM_RECT, b, urgent_palette.accent);
    draft_text(c, labels_get(LABEL_URGENT, c->lang),
               (struct layout_rect){b.x + pad, b.y + pad, b.w - 2 * pad, b.h - 2 * pad}, FONT_BOLD,
               draft_px(&c->sc, 420), draft_px(&c->sc, DRAFT_BODY_MIN), 1, urgent_palette.bg_bottom,
               TEXT_ALIGN_LEFT);
    area.y += band + draft_px(&c->sc, 300);
    area.h -= band + draft_px(&c->sc, 300);
    return area;
}

/* Lays the slide out at c->squeeze and returns what was lost: texts cut with an
 * ellipsis, texts dropped for want of room, members hidden behind "+ N more". */
static size_t attempt(struct draft *c, const struct design *d, const struct slide *s, size_t lang,
                      bool has_image, struct layout_rect area)
{
    c->out->n = 0;
    c->out->strings_used = 0;
    c->hidden = 0;
    d->lay(c, s, lang, has_image, s->urgent ? urgent_banner(c, area) : area);
    size_t lost = c->hidden, cut = 0, drawn = 0;
    for (size_t i = 0; i < c->out->n; i++) {
        const struct elem *e = &c->out->e[i];
        if (e->kind != LAYOUT_ELEM_TEXT || e->text == NULL) continue;
        cut += e->block.truncated;
        drawn += e->text == s->title.v[lang] || e->text == s->subtitle.v[lang] ||
                 e->text == s->text.v[lang];
    }
    bool own_subtitle = d->own_subtitle && s->subtitle.v[lang];
    size_t wanted = (s->title.v[lang] != NULL) + own_subtitle + (s->text.v[lang] != NULL);
    return lost + cut + (wanted > drawn ? wanted - drawn : 0);
}

void layout_slide(struct slide_layout *out, const struct feed *feed, const struct slide *s,
                  size_t lang, bool has_image, int w, int h, int overscan,
                  const struct text_metrics *m)
{
    const struct design *d = designs_for(s->type);
    struct draft c;
    draft_begin(&c, out, s->urgent ? &urgent_palette : &d->palette, w, h, overscan, m,
                feed_lang(feed, lang));
    struct layout_rect area = content_area(&c.sc);
    /* Headings at their largest may push the body into an ellipsis or members out of
     * sight: try smaller headings (a few bounded steps) and keep the attempt that loses
     * least, the largest headings on a tie. */
    int best = 0;
    size_t best_loss = SIZE_MAX;
    for (c.squeeze = 0; c.squeeze <= DRAFT_MAX_SQUEEZE && best_loss > 0; c.squeeze++) {
        size_t loss = attempt(&c, d, s, lang, has_image, area);
        if (loss < best_loss) best_loss = loss, best = c.squeeze;
    }
    if (c.squeeze - 1 != best) { /* the last attempt was not the best: redo the best */
        c.squeeze = best;
        attempt(&c, d, s, lang, has_image, area);
    }
}

/* Metrics for layouts whose texts do not matter: image boxes are placed before any text
 * and do not depend on it. */
static int any_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    (void)ctx;
    (void)style;
    (void)s;
    return (int)len * size / 2;
}

static int any_line_height(void *ctx, enum font_style style, int size)
{
    (void)ctx;
    (void)style;
    return size;
}

static void grow_to_images(struct layout_rect *max, const struct slide_layout *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->e[i].kind != LAYOUT_ELEM_IMAGE) continue;
        if (l->e[i].box.w > max->w) max->w = l->e[i].box.w;
        if (l->e[i].box.h > max->h) max->h = l->e[i].box.h;
    }
}

struct layout_rect layout_image_max(enum slide_type type, int w, int h, int overscan)
{
    static const struct text_metrics m = {NULL, any_width, any_line_height};
    static const struct draft_palette plain = {0};
    struct layout_rect max = {0, 0, 0, 0};
    struct slide_layout *out = malloc(sizeof *out);
    if (!out) return max;
    const struct design *d = designs_for(type);
    for (int variant = 0; variant < 4; variant++) {
        struct slide s = {.type = type, .urgent = variant & 1, .image = "image"};
        if (variant & 2) s.link = "https://example.org/";
        struct draft c;
        draft_begin(&c, out, &plain, w, h, overscan, &m, "en");
        struct layout_rect area = content_area(&c.sc);
        for (c.squeeze = 0; c.squeeze <= DRAFT_MAX_SQUEEZE; c.squeeze++) {
            attempt(&c, d, &s, 0, true, area);
            grow_to_images(&max, out);
        }
    }
    free(out);
    return max;
}

/* Extreme: the urgent red; Severe: a deep orange, still unmistakably not a slide. */
static const struct draft_palette alert_extreme = {0xb3001bff, 0x70000fff, 0xffd400ff,
                                                   0xffffffff, 0xffffffff, 0xffd9dfff};
static const struct draft_palette alert_severe = {0xc2410cff, 0x7c2d12ff, 0xffe08aff,
                                                  0xffffffff, 0xffffffff, 0xffe4d1ff};
#define BANNER_MODERATE 0xffb300ff /* amber band, dark text */
#define BANNER_MINOR    0xffe066ff
#define BANNER_TEXT     0x1a1100ff

/* "⚠ ALERTE · Alarme incendie", or the test mark. */
static const char *alert_kicker(struct draft *c, const struct cap_view *v, const struct cap_text *t)
{
    char buf[CAP_HEADLINE_MAX + 64];
    const char *label = labels_get(v->test ? LABEL_ALERT_TEST : LABEL_ALERT, c->lang);
    if (t->event[0] && !v->test)
        snprintf(buf, sizeof buf, "%s  \xc2\xb7  %s", label, t->event);
    else
        snprintf(buf, sizeof buf, "%s", label);
    return draft_keep(c, buf);
}

static void alert_takeover(struct draft *c, const struct cap_view *v, const struct cap_text *t,
                           struct layout_rect area)
{
    int band = draft_px(&c->sc, 800), pad = draft_px(&c->sc, 150);
    struct layout_rect b = {c->sc.safe.x, area.y, c->sc.safe.w, band};
    draft_push(c, LAYOUT_ELEM_RECT, b, c->pal.accent);
    draft_text(c, alert_kicker(c, v, t),
               (struct layout_rect){b.x + pad, b.y + pad, b.w - 2 * pad, b.h - 2 * pad}, FONT_BOLD,
               draft_px(&c->sc, 420), draft_px(&c->sc, DRAFT_BODY_MIN), 1, c->pal.bg_bottom,
               TEXT_ALIGN_LEFT);
    struct layout_rect txt = {area.x, area.y + band + draft_px(&c->sc, 300), area.w,
                              area.h - band - draft_px(&c->sc, 300)};
    struct draft_column col = draft_column_start(c, txt);
    int gap = draft_px(&c->sc, DRAFT_GAP);
    draft_column_add(c, &col, t->headline, FONT_BOLD, c->sc.title_max, DRAFT_TITLE_MIN, 3,
                     txt.h * 2 / 5, c->pal.title, gap);
    draft_column_add(c, &col, t->instruction, FONT_REGULAR, 520, DRAFT_BODY_MIN, 6, txt.h * 2 / 5,
                     c->pal.body, gap);
    draft_column_add(c, &col, t->sender, FONT_REGULAR, DRAFT_BODY_MIN, DRAFT_BODY_MIN, 1, 0,
                     c->pal.muted, gap);
    draft_column_centre(c, &col, gap);
}

/* The band sits on the progress row's top edge: the slide above it stays readable at
 * its top, the chrome (name, clock, progress) is never covered. */
static void alert_banner(struct draft *c, const struct cap_view *v, const struct cap_text *t,
                         struct layout_rect area)
{
    int h = area.h * (c->sc.portrait ? 26 : 30) / 100, pad = draft_px(&c->sc, 200);
    struct layout_rect b = {c->sc.safe.x, area.y + area.h - h, c->sc.safe.w, h};
    draft_push(c, LAYOUT_ELEM_RECT, b,
               v->severity == CAP_MODERATE ? BANNER_MODERATE : BANNER_MINOR);
    struct layout_rect in = {b.x + pad, b.y + pad, b.w - 2 * pad, b.h - 2 * pad};
    struct draft_column col = draft_column_start(c, in);
    int gap = draft_px(&c->sc, 80);
    draft_column_add(c, &col, alert_kicker(c, v, t), FONT_BOLD, DRAFT_BODY_MIN, DRAFT_BODY_MIN, 1,
                     0, BANNER_TEXT, gap);
    draft_column_add(c, &col, t->headline, FONT_BOLD, 450, DRAFT_BODY_MIN, 1, 0, BANNER_TEXT, gap);
    draft_column_add(c, &col, t->instruction, FONT_REGULAR, DRAFT_BODY_MIN, DRAFT_BODY_MIN, 2, 0,
                     BANNER_TEXT, gap);
    draft_column_centre(c, &col, gap);
}

void layout_alert(struct slide_layout *out, const struct cap_view *v, size_t text, int w, int h,
                  int overscan, const struct text_metrics *m)
{
    const struct cap_text *t = &v->text[text < v->n_texts ? text : 0];
    struct draft c;
    draft_begin(&c, out, v->severity == CAP_EXTREME ? &alert_extreme : &alert_severe, w, h,
                overscan, m, t->lang);
    struct layout_rect area = content_area(&c.sc);
    if (v->takeover)
        alert_takeover(&c, v, t, area);
    else
        alert_banner(&c, v, t, area);
}

void layout_idle(struct slide_layout *out, const struct feed *feed, size_t lang, int w, int h,
                 int overscan, const struct text_metrics *m)
{
    struct draft c;
    draft_begin(&c, out, &idle_palette, w, h, overscan, m, feed_lang(feed, lang));
    struct layout_rect safe = c.sc.safe;
    struct layout_rect name = {safe.x, safe.y + safe.h / 5, safe.w, safe.h / 3};
    int used = draft_text(&c, feed_event_name(feed)->v[lang], name, FONT_BOLD, draft_px(&c.sc, 900),
                          draft_px(&c.sc, 400), 3, idle_palette.title, TEXT_ALIGN_CENTRE);
    if (used) out->e[out->n - 1].box.y = name.y + name.h - used; /* sit on the clock */
    out->clock = (struct layout_rect){safe.x, name.y + name.h + draft_px(&c.sc, 300), safe.w,
                                      draft_px(&c.sc, 1800)};
}

void layout_chrome(struct chrome_layout *out, int w, int h, int overscan)
{
    struct draft_scale sc = draft_scale_of(w, h, overscan);
    int size = draft_px(&sc, DRAFT_CHROME_SIZE);
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
