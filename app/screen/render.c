/* render — layouts to pixels. Render thread only: it owns the SDL_Renderer's textures.
 *
 * A view is prepared once, when its slide becomes current: every drawable piece is
 * rasterised at its size on screen, the pieces are composed upright into one picture,
 * the picture is turned once to the output's orientation (--rotate), and the pieces
 * are freed. A frame is then one picture copy (two during a transition: the old one
 * opaque, the new one over it at the fade's alpha, or both shifted for a slide) plus
 * the chrome placed on top, never recomposed: per frame, a rotated screen costs what
 * an upright one does. The chrome's changing texts (clock, progress, stale mark) are
 * cached by their string, so the clock is rasterised once a minute. */
#include "render.h"

#include "bidi.h"
#include "board.h"
#include "cap.h"
#include "bundle.h"
#include "fonts.h"
#include "log.h"
#include "orient.h"
#include "raster.h"

#include <SDL.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Background gradient: filled bands, too fine to see, cheap to draw (a stretched gradient
 * texture costs ~10 ms a frame in the software renderer). */
#define GRADIENT_BANDS 48

/* The chrome's changing strings, each rasterised again only when it changes. */
enum chrome_slot {
    CHROME_SLOT_NAME,     /* the event name */
    CHROME_SLOT_CLOCK,    /* the small clock, or the idle screen's large one */
    CHROME_SLOT_PROGRESS, /* "3 / 9" */
    CHROME_SLOT_STALE,    /* the stale-content mark */
    CHROME_SLOTS
};

struct piece {
    SDL_Texture *tex; /* NULL: a filled rectangle in colour */
    SDL_Rect dst;
    unsigned color;
    SDL_Rect clip; /* w == 0: none. Text stays in its box whatever the glyphs do
                      (stacked marks, tall scripts) */
};

struct view {
    struct render *rd;
    struct slide_layout *layout;
    struct piece *pieces; /* while the picture is composed; a banner keeps them */
    size_t n, cap;
    SDL_Texture *picture; /* the whole slide, at the output's size and orientation */
};

struct cached_text {
    char key[256];
    int size;
    enum font_style style;
    unsigned color;
    SDL_Texture *tex;
    int w, h;
};

struct render {
    SDL_Renderer *r;
    struct render_config cfg;
    struct orient o;    /* the upright (logical) picture on the output */
    int lw, lh;         /* logical size */
    Uint32 format;      /* of pictures: opaque where the renderer offers it */
    SDL_Texture *spare; /* a released picture, reused by the next view: no 8 MB churn */
    struct chrome_layout chrome;
    struct cached_text texts[CHROME_SLOTS];
    bool drawing; /* inside a frame: an upload now is one per frame, the cost to avoid */
    struct {
        unsigned long prepared, frames;   /* views built, frames drawn */
        unsigned long up_prep, up_frames; /* pixel uploads (textures from surfaces) */
        unsigned long pictures, reused;   /* slide pictures created, spare ones reused */
    } stats;
};

/* Counts a texture made from CPU pixels: the exit report tells uploads while preparing
 * slides from uploads while drawing frames, so a test can see a frame re-uploads
 * nothing (on a GPU an upload is a bus transfer, the cost this design avoids). */
static SDL_Texture *uploaded(struct render *rd, SDL_Texture *t)
{
    if (t) ++*(rd->drawing ? &rd->stats.up_frames : &rd->stats.up_prep);
    return t;
}

/* Pictures without an alpha channel where the renderer has the format: SDL's software
 * blitter then fades one with a single per-texture alpha (its fast path, about twice
 * as fast as per-pixel blending) and copies one without blending at all. */
static Uint32 picture_format(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) == 0)
        for (Uint32 i = 0; i < info.num_texture_formats; i++)
            if (info.texture_formats[i] == SDL_PIXELFORMAT_RGB888) return SDL_PIXELFORMAT_RGB888;
    return SDL_PIXELFORMAT_ARGB8888;
}

/* The renderer as used, once: its name, whether presenting waits for the display's
 * vertical blank (asked for by the caller; the driver decides), and for OpenGL the GL
 * renderer string (llvmpipe is Mesa on the CPU, V3D or VC4 a Pi's GPU). */
static void log_renderer(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info)) return;
    const char *gl = NULL;
    if (!strncmp(info.name, "opengl", 6)) {
        typedef const unsigned char *(*get_string_fn)(unsigned);
        get_string_fn get = (get_string_fn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
        gl = get ? (const char *)get(0x1F01 /* GL_RENDERER */) : NULL;
    }
    log_info("renderer %s: vsync %s, max texture %dx%d%s%s", info.name,
             info.flags & SDL_RENDERER_PRESENTVSYNC ? "on" : "off", info.max_texture_width,
             info.max_texture_height, gl ? ", GL renderer " : "", gl ? gl : "");
}

struct render *render_new(SDL_Renderer *r, const struct render_config *cfg)
{
    struct render *rd = calloc(1, sizeof *rd);
    if (!rd) return NULL;
    rd->r = r;
    rd->cfg = *cfg;
    rd->o = orient_make(cfg->out_w, cfg->out_h, cfg->rotate);
    rd->lw = rd->o.lw;
    rd->lh = rd->o.lh;
    rd->format = picture_format(r);
    layout_chrome(&rd->chrome, rd->lw, rd->lh, cfg->overscan);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    log_renderer(r);
    return rd;
}

void render_log_stats(const struct render *rd)
{
    log_info("texture uploads: %lu preparing %lu views, %lu drawing %lu frames; slide pictures: "
             "%lu created, %lu reused",
             rd->stats.up_prep, rd->stats.prepared, rd->stats.up_frames, rd->stats.frames,
             rd->stats.pictures, rd->stats.reused);
}

void render_free(struct render *rd)
{
    if (!rd) return;
    for (size_t i = CHROME_SLOTS; i-- > 0;)
        if (rd->texts[i].tex) SDL_DestroyTexture(rd->texts[i].tex);
    if (rd->spare) SDL_DestroyTexture(rd->spare);
    free(rd);
}

void render_logical_size(const struct render *rd, int *w, int *h)
{
    *w = rd->lw;
    *h = rd->lh;
}

/* --- views ------------------------------------------------------------------------ */

static struct piece *add_piece(struct view *v, SDL_Texture *tex, SDL_Rect dst, unsigned color)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 32;
        struct piece *p = realloc(v->pieces, cap * sizeof *p);
        if (!p) {
            if (tex) SDL_DestroyTexture(tex);
            return NULL;
        }
        v->pieces = p;
        v->cap = cap;
    }
    struct piece *p = &v->pieces[v->n++];
    *p = (struct piece){tex, dst, color, {0, 0, 0, 0}};
    return p;
}

/* Each line is its own texture, centred on its line slot. A right-to-left paragraph in
 * a left-aligned block starts on the right: its lines share their right edge. */
static void add_text(struct view *v, const struct elem *e)
{
    const struct text_block *b = &e->block;
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct text_line *ln = &b->lines[i];
        const bool rtl = raster_line_is_rtl(e, ln);
        SDL_Surface *s = raster_line(v->rd->cfg.fonts, e, ln, rtl);
        if (!s) continue;
        int x = e->box.x;
        if (e->align == TEXT_ALIGN_CENTRE)
            x += (b->width - ln->width) / 2;
        else if (e->align == TEXT_ALIGN_RIGHT || (e->align == TEXT_ALIGN_LEFT && rtl))
            x += b->width - ln->width;
        SDL_Rect dst = {x, e->box.y + (int)i * b->line_h + (b->line_h - s->h) / 2, s->w, s->h};
        struct piece *p =
            add_piece(v, uploaded(v->rd, raster_texture(v->rd->r, s, false, v->rd->cfg.rotate)),
                      dst, 0xffffffffu);
        /* the block, plus a third of a line above and below for accents and descenders */
        if (p)
            p->clip = (SDL_Rect){e->box.x, e->box.y - b->line_h / 3, e->box.w,
                                 e->box.h + b->line_h * 2 / 3};
        SDL_FreeSurface(s);
    }
}

static SDL_Rect fit(SDL_Rect box, int w, int h)
{
    if (w <= 0 || h <= 0) return box;
    double k = SDL_min((double)box.w / w, (double)box.h / h);
    int fw = (int)(w * k), fh = (int)(h * k);
    return (SDL_Rect){box.x + (box.w - fw) / 2, box.y + (box.h - fh) / 2, fw, fh};
}

static void add_elem(struct view *v, const struct elem *e, SDL_Surface *image)
{
    SDL_Rect box = {e->box.x, e->box.y, e->box.w, e->box.h};
    switch (e->kind) {
    case LAYOUT_ELEM_TEXT:
        add_text(v, e);
        break;
    case LAYOUT_ELEM_RECT:
        add_piece(v, NULL, box, e->color);
        break;
    case LAYOUT_ELEM_DISC:
        add_piece(v, uploaded(v->rd, raster_disc(v->rd->r, SDL_min(box.w, box.h), e->color)), box,
                  0xffffffffu);
        break;
    case LAYOUT_ELEM_IMAGE:
        if (!image) break;
        box = fit(box, image->w, image->h);
        add_piece(v, uploaded(v->rd, raster_image(v->rd->r, image, &box, v->rd->cfg.rotate)), box,
                  0xffffffffu);
        break;
    case LAYOUT_ELEM_QR: {
        SDL_Texture *t = uploaded(v->rd, raster_qr(v->rd->r, e->text, &box, v->rd->cfg.rotate));
        add_piece(v, t, box, 0xffffffffu);
        break;
    }
    }
}

static void free_pieces(struct view *v)
{
    for (size_t i = v->n; i-- > 0;)
        if (v->pieces[i].tex) SDL_DestroyTexture(v->pieces[i].tex);
    free(v->pieces);
    v->pieces = NULL;
    v->n = v->cap = 0;
}

static void draw_view(struct render *rd, const struct view *v);

/* A picture-sized target texture, cleared and made the render target: the spare one
 * when its size fits. */
static SDL_Texture *begin_target(struct render *rd, int w, int h)
{
    SDL_Texture *t = NULL;
    int tw = 0, th = 0;
    if (rd->spare && SDL_QueryTexture(rd->spare, NULL, NULL, &tw, &th) == 0 && tw == w && th == h)
        t = rd->spare, rd->spare = NULL, rd->stats.reused++;
    else if ((t = SDL_CreateTexture(rd->r, rd->format, SDL_TEXTUREACCESS_TARGET, w, h)))
        rd->stats.pictures++;
    if (!t || SDL_SetRenderTarget(rd->r, t)) {
        if (t) SDL_DestroyTexture(t);
        return NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
    SDL_RenderClear(rd->r);
    return t;
}

/* The view's pieces (each already turned) composed once into the output-sized picture:
 * no full-screen intermediate, no whole-picture rotation. */
static SDL_Texture *compose_picture(struct render *rd, const struct view *v)
{
    SDL_Texture *t = begin_target(rd, rd->o.out_w, rd->o.out_h);
    if (t) draw_view(rd, v);
    SDL_SetRenderTarget(rd->r, NULL);
    return t;
}

/* A view of l (which it takes over, freed on failure) with its pieces rasterised. */
static struct view *view_pieces(struct render *rd, struct slide_layout *l, SDL_Surface *image)
{
    struct view *v = calloc(1, sizeof *v);
    if (!v) {
        free(l);
        return NULL;
    }
    v->rd = rd;
    v->layout = l;
    rd->stats.prepared++;
    for (size_t i = 0; i < l->n; i++)
        add_elem(v, &l->e[i], image);
    return v;
}

static struct view *view_build(struct render *rd, struct slide_layout *l, SDL_Surface *image)
{
    struct view *v = view_pieces(rd, l, image);
    if (!v) return NULL;
    v->picture = compose_picture(rd, v);
    free_pieces(v);    /* the picture holds them all now */
    if (!v->picture) { /* out of (video) memory: the caller keeps what is on screen */
        log_warn("could not compose a slide: %s", SDL_GetError());
        render_view_free(v);
        return NULL;
    }
    return v;
}

struct view *render_view_slide(struct render *rd, const struct bundle *b, size_t slide, size_t lang,
                               int64_t wall_s, int64_t *relayout_s)
{
    struct slide_layout *l = malloc(sizeof *l);
    if (!l) return NULL;
    const struct feed *feed = bundle_feed(b);
    const struct slide *s = feed_slide(feed, slide);
    bool stale = false;
    const struct programme *p = bundle_programme(b, slide, &stale);
    *relayout_s = INT64_MAX;
    if (s->type == SLIDE_SESSIONS && p) {
        layout_board(l, feed, s, lang, p, stale, wall_s, rd->lw, rd->lh, rd->cfg.overscan,
                     fonts_metrics(rd->cfg.fonts), relayout_s);
        return view_build(rd, l, NULL);
    }
    SDL_Surface *image = bundle_image(b, slide);
    layout_slide(l, feed, s, lang, image != NULL, rd->lw, rd->lh, rd->cfg.overscan,
                 fonts_metrics(rd->cfg.fonts));
    return view_build(rd, l, image);
}

struct view *render_view_idle(struct render *rd, const struct feed *feed, size_t lang)
{
    struct slide_layout *l = malloc(sizeof *l);
    if (!l) return NULL;
    layout_idle(l, feed, lang, rd->lw, rd->lh, rd->cfg.overscan, fonts_metrics(rd->cfg.fonts));
    return view_build(rd, l, NULL);
}

struct view *render_view_alert(struct render *rd, const struct cap_view *cv, size_t text)
{
    struct slide_layout *l = malloc(sizeof *l);
    if (!l) return NULL;
    layout_alert(l, cv, text, rd->lw, rd->lh, rd->cfg.overscan, fonts_metrics(rd->cfg.fonts));
    if (cv->takeover) return view_build(rd, l, NULL);
    /* A banner keeps its pieces, drawn over whatever slide runs: a band and a few lines
     * each frame, not a second full-screen picture to blend. */
    return view_pieces(rd, l, NULL);
}

void render_view_free(struct view *v)
{
    if (!v) return;
    free_pieces(v);
    if (v->picture && !v->rd->spare)
        v->rd->spare = v->picture; /* the next slide's picture: same size, no new 8 MB */
    else if (v->picture)
        SDL_DestroyTexture(v->picture);
    free(v->layout);
    free(v);
}

const struct slide_layout *render_view_layout(const struct view *v)
{
    return v->layout;
}

/* --- frames ------------------------------------------------------------------------ */

static void set_color(SDL_Renderer *r, unsigned c, Uint8 alpha)
{
    SDL_SetRenderDrawColor(r, (Uint8)(c >> 24), (Uint8)(c >> 16), (Uint8)(c >> 8),
                           (Uint8)((c & 0xff) * alpha / 255));
}

static Uint8 mix(unsigned a, unsigned b, int shift, double t)
{
    double x = (a >> shift) & 0xff, y = (b >> shift) & 0xff;
    return (Uint8)(x + (y - x) * t + 0.5);
}

static void draw_gradient(struct render *rd, const struct slide_layout *l)
{
    for (int i = 0; i < GRADIENT_BANDS; i++) {
        double t = i / (GRADIENT_BANDS - 1.0);
        int y0 = rd->lh * i / GRADIENT_BANDS, y1 = rd->lh * (i + 1) / GRADIENT_BANDS;
        SDL_Rect band = {0, y0, rd->lw, y1 - y0};
        SDL_SetRenderDrawColor(rd->r, mix(l->bg_top, l->bg_bottom, 24, t),
                               mix(l->bg_top, l->bg_bottom, 16, t),
                               mix(l->bg_top, l->bg_bottom, 8, t), 255);
        orient_fill(rd->r, &rd->o, band);
    }
}

/* The view's pieces on the current target, through the output's orientation. */
static void draw_pieces(struct render *rd, const struct view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        const struct piece *p = &v->pieces[i];
        if (!p->tex) {
            set_color(rd->r, p->color, 255);
            orient_fill(rd->r, &rd->o, p->dst);
            continue;
        }
        SDL_SetTextureColorMod(p->tex, (Uint8)(p->color >> 24), (Uint8)(p->color >> 16),
                               (Uint8)(p->color >> 8));
        SDL_SetTextureAlphaMod(p->tex, (Uint8)(p->color & 0xff));
        if (p->clip.w) orient_clip(rd->r, &rd->o, &p->clip);
        orient_copy(rd->r, &rd->o, p->tex, &p->dst);
        if (p->clip.w) orient_clip(rd->r, &rd->o, NULL);
    }
}

/* A view on its picture, once. */
static void draw_view(struct render *rd, const struct view *v)
{
    draw_gradient(rd, v->layout);
    draw_pieces(rd, v);
}

/* The chrome's changing strings: rasterised again only when the string changes. */
static const struct cached_text *chrome_text(struct render *rd, enum chrome_slot slot,
                                             const char *s, enum font_style style, int size,
                                             unsigned color, int max_w)
{
    struct cached_text *c = &rd->texts[slot];
    if (c->tex && c->size == size && c->style == style && c->color == color && !strcmp(c->key, s))
        return c;
    if (c->tex) SDL_DestroyTexture(c->tex);
    c->tex = NULL;
    snprintf(c->key, sizeof c->key, "%s", s);
    c->size = size;
    c->style = style;
    c->color = color;
    SDL_Surface *surf = raster_fitted_line(rd->cfg.fonts, s, style, size, max_w, color);
    if (surf) {
        c->w = surf->w;
        c->h = surf->h;
        c->tex = uploaded(rd, raster_texture(rd->r, surf, false, rd->cfg.rotate));
        SDL_FreeSurface(surf);
    }
    return c;
}

/* How each chrome string is drawn in its box (shrunk to the box if needed). */
static const struct chrome_look {
    enum font_style style;
    unsigned color; /* 0xRRGGBBAA */
    enum text_align align;
} chrome_looks[CHROME_SLOTS] = {
    [CHROME_SLOT_NAME] = {FONT_BOLD, 0xffffffd0, TEXT_ALIGN_LEFT},
    [CHROME_SLOT_CLOCK] = {FONT_BOLD, 0xffffffff, TEXT_ALIGN_RIGHT},
    [CHROME_SLOT_PROGRESS] = {FONT_REGULAR, 0xffffffb0, TEXT_ALIGN_LEFT},
    [CHROME_SLOT_STALE] = {FONT_REGULAR, 0xffd400ff, TEXT_ALIGN_RIGHT},
};

static void draw_chrome_text(struct render *rd, const struct orient *o, enum chrome_slot slot,
                             const char *s, struct layout_rect box)
{
    const struct chrome_look *look = &chrome_looks[slot];
    if (!s || !*s) return;
    const struct cached_text *c =
        chrome_text(rd, slot, s, look->style, rd->chrome.text_size, look->color, box.w);
    if (!c->tex) return;
    int x = look->align == TEXT_ALIGN_RIGHT    ? box.x + box.w - c->w
            : look->align == TEXT_ALIGN_CENTRE ? box.x + (box.w - c->w) / 2
                                               : box.x;
    SDL_Rect dst = {x, box.y + (box.h - c->h) / 2, c->w, c->h};
    SDL_Rect clip = {box.x, box.y - box.h / 3, box.w, box.h * 5 / 3};
    orient_clip(rd->r, o, &clip);
    orient_copy(rd->r, o, c->tex, &dst);
    orient_clip(rd->r, o, NULL);
}

/* The chrome, on top of the slide's picture, through the output's orientation o. */
static void draw_chrome(struct render *rd, const struct orient *o, const struct frame *f,
                        unsigned accent)
{
    const struct chrome_layout *ch = &rd->chrome;
    draw_chrome_text(rd, o, CHROME_SLOT_NAME, f->event_name, ch->name);
    if (!f->big_clock) draw_chrome_text(rd, o, CHROME_SLOT_CLOCK, f->clock, ch->clock);
    draw_chrome_text(rd, o, CHROME_SLOT_PROGRESS, f->progress, ch->progress);
    draw_chrome_text(rd, o, CHROME_SLOT_STALE, f->stale, ch->stale);
    if (f->progress) {
        SDL_Rect track = {ch->bar.x, ch->bar.y, ch->bar.w, ch->bar.h};
        set_color(rd->r, 0xffffff30, 255);
        orient_fill(rd->r, o, track);
        track.w = (int)(ch->bar.w * SDL_clamp(f->elapsed, 0.0, 1.0));
        set_color(rd->r, accent, 255);
        if (track.w > 0) orient_fill(rd->r, o, track);
    }
}

static void draw_big_clock(struct render *rd, const struct orient *o, const struct frame *f)
{
    const struct layout_rect *b = f->big_clock;
    const struct cached_text *c = chrome_text(rd, CHROME_SLOT_CLOCK, f->clock ? f->clock : "",
                                              FONT_BOLD, b->h * 2 / 3, 0x7fd1ffff, b->w);
    if (c->tex) {
        SDL_Rect dst = {b->x + (b->w - c->w) / 2, b->y, c->w, c->h};
        orient_copy(rd->r, o, c->tex, &dst);
    }
}

/* A view's picture shifted dx upright pixels (the slide transition) at alpha. */
static void draw_picture(struct render *rd, const struct view *v, int dx, Uint8 alpha)
{
    SDL_SetTextureBlendMode(v->picture, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(v->picture, alpha);
    SDL_Rect at = orient_rect(&rd->o, (SDL_Rect){dx, 0, rd->lw, rd->lh});
    SDL_RenderCopy(rd->r, v->picture, NULL, &at);
}

/* The frame on the output: pictures, then the chrome. Every picture covers the whole
 * output, so nothing is cleared first. */
static void compose(struct render *rd, const struct frame *f)
{
    const struct orient *o = &rd->o;
    if (f->alert && f->alert->picture) { /* a takeover: nothing of the slideshow shows */
        draw_picture(rd, f->alert, 0, 255);
        draw_chrome(rd, o, &(struct frame){.event_name = f->event_name, .clock = f->clock},
                    f->alert->layout->accent);
        return;
    }
    if (!f->cur) { /* nothing to show (outside screen hours): black */
        SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
        SDL_RenderClear(rd->r);
        return;
    }
    double t = f->prev ? SDL_clamp(f->t, 0.0, 1.0) : 1.0;
    if (f->prev && f->kind == TRANSITION_SLIDE) {
        int dx = (int)(rd->lw * (1.0 - t) + 0.5);
        draw_picture(rd, f->prev, dx - rd->lw, 255);
        draw_picture(rd, f->cur, dx, 255);
    } else if (f->prev && f->kind == TRANSITION_FADE && t < 1.0) {
        draw_picture(rd, f->prev, 0, 255);
        draw_picture(rd, f->cur, 0, (Uint8)(255 * t));
    } else {
        draw_picture(rd, f->cur, 0, 255);
    }
    if (f->big_clock) draw_big_clock(rd, o, f);
    if (f->alert) draw_pieces(rd, f->alert); /* a banner */
    draw_chrome(rd, o, f, f->cur->layout->accent);
}

void render_frame(struct render *rd, const struct frame *f)
{
    rd->drawing = true;
    compose(rd, f);
    rd->drawing = false;
    rd->stats.frames++;
    SDL_RenderPresent(rd->r);
}

static SDL_Surface *read_pixels(SDL_Renderer *r, int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s && SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch)) {
        log_warn("could not read the frame back: %s", SDL_GetError());
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

SDL_Surface *render_snapshot(struct render *rd, const struct frame *f, bool logical)
{
    compose(rd, f);
    SDL_Surface *s = read_pixels(rd->r, rd->cfg.out_w, rd->cfg.out_h);
    if (!s || !logical || rd->cfg.rotate == 0) return s;
    SDL_Surface *upright = raster_turn(s, 360 - rd->cfg.rotate); /* turned back */
    SDL_FreeSurface(s);
    return upright;
}
