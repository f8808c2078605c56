/* fonts — typefaces from fonts/fonts.list, measured and drawn with SDL_ttf.
 * Render thread only (SDL_ttf faces are not thread-safe).
 *
 * One TTF_Font per face, resized with TTF_SetFontSize only when the size changes: text
 * is laid out and rasterised once per content change, so resizing is rare. A line is
 * split into runs by direction, script and which face has the glyph (bidi.c), each
 * shaped by SDL_ttf's HarfBuzz with its direction and script, and the runs are placed
 * left to right in display order; characters no face has are skipped, not boxes. */
#include "fonts.h"

#include "bidi.h"
#include "log.h"
#include "text.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FACES      8 /* regular, bold, then fallbacks */
#define FIRST_FALLBACK 2
#define LINE_SPACING   1.2         /* baseline distance / size: tighter than the fonts' own gap */
#define MAX_LINE_BYTES (64 * 1024) /* longer runs are measured in pieces by the caller */

struct fonts {
    TTF_Font *face[MAX_FACES];
    int size[MAX_FACES]; /* current size of each face, px */
    size_t n_faces;
    char *scratch; /* NUL-terminated copy of a run: SDL_ttf wants C strings */
    size_t scratch_cap;
    struct text_metrics metrics;
};

static TTF_Font *open_first(const char *const *paths, size_t n, const char *role)
{
    for (size_t i = 0; i < n; i++) {
        TTF_Font *f = TTF_OpenFont(paths[i], 32);
        if (f) return f;
    }
    if (n) log_warn("no usable %s font among %zu candidates", role, n);
    return NULL;
}

/* Reads "role path path..." lines. env overrides the regular and bold roles. */
static void load_list(struct fonts *f, const char *list_path)
{
    FILE *in = list_path ? fopen(list_path, "r") : NULL;
    char line[2048];
    const char *env[2] = {getenv("VITRINE_FONT_REGULAR"), getenv("VITRINE_FONT_BOLD")};
    for (int i = 0; i < 2; i++)
        if (env[i] && *env[i]) f->face[i] = open_first(&env[i], 1, i ? "bold" : "regular");
    f->n_faces = FIRST_FALLBACK;
    while (in && fgets(line, sizeof line, in)) {
        const char *paths[16];
        size_t n = 0;
        char *save = NULL;
        char *role = strtok_r(line, " \t\r\n", &save);
        if (!role || role[0] == '#') continue;
        for (char *p; n < 16 && (p = strtok_r(NULL, " \t\r\n", &save));)
            paths[n++] = p;
        if (!strcmp(role, "regular") && !f->face[0])
            f->face[0] = open_first(paths, n, role);
        else if (!strcmp(role, "bold") && !f->face[1])
            f->face[1] = open_first(paths, n, role);
        else if (!strcmp(role, "fallback"))
            for (size_t i = 0; i < n && f->n_faces < MAX_FACES; i++)
                if ((f->face[f->n_faces] = TTF_OpenFont(paths[i], 32))) f->size[f->n_faces++] = 32;
    }
    if (in) fclose(in);
}

static void set_size(struct fonts *f, size_t i, int size)
{
    if (f->size[i] != size && TTF_SetFontSize(f->face[i], size) == 0) f->size[i] = size;
}

/* The face for code point cp: the style's own, else the first fallback that has it,
 * else -1 (skip the character). */
static int face_for(struct fonts *f, enum font_style style, Uint32 cp)
{
    if (cp < 0x20 || TTF_GlyphIsProvided32(f->face[style], cp)) return (int)style;
    for (size_t i = FIRST_FALLBACK; i < f->n_faces; i++)
        if (TTF_GlyphIsProvided32(f->face[i], cp)) return (int)i;
    return -1;
}

struct key_ctx {
    struct fonts *f;
    enum font_style style;
};

static int key_face(void *ctx, uint32_t cp)
{
    const struct key_ctx *k = ctx;
    return face_for(k->f, k->style, cp);
}

/* Calls fn for each run of s that one face draws in one direction and script, leftmost
 * first, with the face set up to shape it. Returns false if fn failed. */
typedef bool (*run_fn)(struct fonts *f, int face, const char *s, size_t len, void *ctx);

static bool for_each_run(struct fonts *f, enum font_style style, const char *s, size_t len,
                         bool rtl, run_fn fn, void *ctx)
{
    struct bidi_run runs[BIDI_MAX_RUNS];
    struct key_ctx k = {f, style};
    size_t n = bidi_runs(s, len, rtl, key_face, &k, runs, BIDI_MAX_RUNS);
    for (size_t i = 0; i < n; i++) {
        const struct bidi_run *r = &runs[i];
        if (r->key < 0) continue; /* no face has these characters: skipped, not boxes */
        TTF_Font *face = f->face[r->key];
        TTF_SetFontDirection(face, r->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(face, r->script);
        if (!fn(f, r->key, s + r->off, r->len, ctx)) return false;
    }
    return true;
}

static const char *cstr(struct fonts *f, const char *s, size_t len)
{
    if (len + 1 > f->scratch_cap) {
        char *p = realloc(f->scratch, len + 1);
        if (!p) return NULL;
        f->scratch = p;
        f->scratch_cap = len + 1;
    }
    memcpy(f->scratch, s, len);
    f->scratch[len] = '\0';
    return f->scratch;
}

struct measure {
    int size;
    int width;
};

static bool measure_run(struct fonts *f, int face, const char *s, size_t len, void *ctx)
{
    struct measure *m = ctx;
    int w = 0;
    const char *c = cstr(f, s, len);
    set_size(f, (size_t)face, m->size);
    if (c && TTF_SizeUTF8(f->face[face], c, &w, NULL) == 0) m->width += w;
    return true;
}

static int metric_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    struct measure m = {size, 0};
    /* The direction only orders the runs; their widths are the same either way. */
    for_each_run(ctx, style, s, len, bidi_is_rtl(s, len), measure_run, &m);
    return m.width;
}

static int metric_line_height(void *ctx, enum font_style style, int size)
{
    (void)ctx;
    (void)style;
    return (int)(size * LINE_SPACING + 0.5);
}

struct fonts *fonts_open(const char *list_path, char *err, size_t errlen)
{
    struct fonts *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    load_list(f, list_path);
    if (!f->face[0] || !f->face[1]) {
        snprintf(err, errlen,
                 "no %s font found (list %s; install fonts-noto-core or fonts-dejavu-core, or "
                 "set VITRINE_FONT_REGULAR and VITRINE_FONT_BOLD)",
                 f->face[0] ? "bold" : "regular", list_path ? list_path : "none");
        fonts_close(f);
        return NULL;
    }
    f->size[0] = f->size[1] = 32;
    f->metrics = (struct text_metrics){f, metric_width, metric_line_height};
    return f;
}

void fonts_close(struct fonts *f)
{
    if (!f) return;
    for (size_t i = MAX_FACES; i-- > 0;)
        if (f->face[i]) TTF_CloseFont(f->face[i]);
    free(f->scratch);
    free(f);
}

const struct text_metrics *fonts_metrics(struct fonts *f)
{
    return &f->metrics;
}

/* Rendering: runs are drawn one by one, then placed side by side on a shared baseline. */
#define MAX_RUNS BIDI_MAX_RUNS

struct runs {
    int size;
    SDL_Color color;
    size_t n;
    SDL_Surface *surf[MAX_RUNS];
    int ascent[MAX_RUNS];
};

static bool render_run(struct fonts *f, int face, const char *s, size_t len, void *ctx)
{
    struct runs *r = ctx;
    if (r->n == MAX_RUNS) return false; /* a pathological mix of scripts: draw what we have */
    const char *c = cstr(f, s, len);
    set_size(f, (size_t)face, r->size);
    SDL_Surface *surf = c ? TTF_RenderUTF8_Blended(f->face[face], c, r->color) : NULL;
    if (!surf) return true;
    r->ascent[r->n] = TTF_FontAscent(f->face[face]);
    r->surf[r->n++] = surf;
    return true;
}

static SDL_Surface *join_runs(struct runs *r)
{
    int w = 0, asc = 0, desc = 0;
    for (size_t i = 0; i < r->n; i++) {
        w += r->surf[i]->w;
        asc = SDL_max(asc, r->ascent[i]);
        desc = SDL_max(desc, r->surf[i]->h - r->ascent[i]);
    }
    if (r->n == 1) return r->surf[0];
    SDL_Surface *out =
        w > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, asc + desc, 32, SDL_PIXELFORMAT_ARGB8888)
              : NULL;
    int x = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (out) {
            SDL_Rect dst = {x, asc - r->ascent[i], r->surf[i]->w, r->surf[i]->h};
            SDL_SetSurfaceBlendMode(r->surf[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(r->surf[i], NULL, out, &dst);
        }
        x += r->surf[i]->w;
        SDL_FreeSurface(r->surf[i]);
    }
    return out;
}

SDL_Surface *fonts_render(struct fonts *f, enum font_style style, int size, const char *s,
                          size_t len, bool rtl, unsigned rgba)
{
    if (len == 0 || len > MAX_LINE_BYTES) return NULL;
    struct runs r = {
        .size = size,
        .color = {(Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8), (Uint8)rgba}};
    for_each_run(f, style, s, len, rtl, render_run, &r);
    return r.n ? join_runs(&r) : NULL;
}
