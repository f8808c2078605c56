/* raster — pieces of a slide as textures, made once when the slide is prepared. */
#include "raster.h"

#include "bidi.h"
#include "fonts.h"
#include "shrink.h"

#include <qrencode.h>
#include <string.h>

SDL_Surface *raster_turn(SDL_Surface *s, int rotate)
{
    SDL_Surface *src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    const bool sideways = rotate == 90 || rotate == 270;
    SDL_Surface *d =
        src ? SDL_CreateRGBSurfaceWithFormat(0, sideways ? s->h : s->w, sideways ? s->w : s->h, 32,
                                             SDL_PIXELFORMAT_ARGB8888)
            : NULL;
    for (int y = 0; d && y < src->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)src->pixels + y * src->pitch);
        for (int x = 0; x < src->w; x++) {
            /* (x, y) lands where orient_rect puts the 1x1 rectangle at (x, y) */
            int tx = rotate == 90    ? src->h - 1 - y
                     : rotate == 180 ? src->w - 1 - x
                     : rotate == 270 ? y
                                     : x;
            int ty = rotate == 90    ? x
                     : rotate == 180 ? src->h - 1 - y
                     : rotate == 270 ? src->w - 1 - x
                                     : y;
            ((Uint32 *)((Uint8 *)d->pixels + ty * d->pitch))[tx] = row[x];
        }
    }
    SDL_FreeSurface(src);
    return d;
}

SDL_Texture *raster_texture(SDL_Renderer *r, SDL_Surface *s, bool smooth, int rotate)
{
    if (!s) return NULL;
    SDL_Surface *turned = rotate ? raster_turn(s, rotate) : NULL;
    if (rotate && !turned) return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, turned ? turned : s);
    SDL_FreeSurface(turned);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(t, smooth ? SDL_ScaleModeLinear : SDL_ScaleModeNearest);
    }
    return t;
}

/* Every piece is rasterised at exactly its size on screen, so drawing a frame never
 * scales: in the software renderer a scaled copy costs as much as redrawing it. */

/* An antialiased disc of diameter side in colour rgba. */
SDL_Texture *raster_disc(SDL_Renderer *r, int side, unsigned rgba)
{
    SDL_Surface *s =
        side > 0 ? SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888)
                 : NULL;
    if (!s) return NULL;
    const double c = side / 2.0, rad = c - 1;
    const Uint32 rgb = rgba >> 8;
    for (int y = 0; y < side; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < side; x++) {
            double d = SDL_sqrt((x + 0.5 - c) * (x + 0.5 - c) + (y + 0.5 - c) * (y + 0.5 - c));
            double a = SDL_clamp(rad - d + 0.5, 0.0, 1.0) * (rgba & 0xff);
            row[x] = ((Uint32)a << 24) | rgb;
        }
    }
    SDL_Texture *t = raster_texture(r, s, false, 0); /* round: the same turned */
    SDL_FreeSurface(s);
    return t;
}

#define QR_QUIET 4 /* modules: the quiet zone ISO/IEC 18004 asks for */

/* A QR code at a whole number of pixels per module (crisp for phone cameras), as large
 * as fits in *box with its quiet zone; *box shrinks to the code's real size, centred. */
SDL_Texture *raster_qr(SDL_Renderer *r, const char *text, SDL_Rect *box, int rotate)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return NULL;
    /* The code plus its quiet zone, QR_QUIET modules of white on every side: without
     * it, phones misread codes shown on dark or busy surroundings. */
    int n = qr->width, side = n + 2 * QR_QUIET, k = SDL_min(box->w, box->h) / side;
    SDL_Surface *s =
        k > 0 ? SDL_CreateRGBSurfaceWithFormat(0, side * k, side * k, 32, SDL_PIXELFORMAT_ARGB8888)
              : NULL;
    for (int y = 0; s && y < side * k; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        int my = y / k - QR_QUIET;
        for (int x = 0; x < side * k; x++) {
            int mx = x / k - QR_QUIET;
            bool dark = my >= 0 && my < n && mx >= 0 && mx < n && (qr->data[my * n + mx] & 1);
            row[x] = dark ? 0xff000000u : 0xffffffffu;
        }
    }
    QRcode_free(qr);
    if (s)
        *box = (SDL_Rect){box->x + (box->w - s->w) / 2, box->y + (box->h - s->h) / 2, s->w, s->h};
    SDL_Texture *t = raster_texture(r, s, false, rotate);
    SDL_FreeSurface(s);
    return t;
}

/* The image scaled (smoothly, once) to the size it is shown at. */
SDL_Texture *raster_image(SDL_Renderer *r, SDL_Surface *image, const SDL_Rect *dst, int rotate)
{
    if (dst->w == image->w && dst->h == image->h) return raster_texture(r, image, false, rotate);
    /* Smaller (a variant of the slide with less room than the largest, which decoding
     * shrank to): area averaging, as decoding does. Larger (a small logo): linear. */
    const bool smaller = dst->w <= image->w && dst->h <= image->h;
    SDL_Surface *s =
        smaller ? shrink_surface(image, dst->w, dst->h)
                : SDL_CreateRGBSurfaceWithFormat(0, dst->w, dst->h, 32, image->format->format);
    if (!s) return NULL;
    if (!smaller && SDL_SoftStretchLinear(image, NULL, s, NULL))
        SDL_BlitScaled(image, NULL, s, NULL);
    SDL_Texture *t = raster_texture(r, s, false, rotate);
    SDL_FreeSurface(s);
    return t;
}

/* --- text lines ------------------------------------------------------------------- */

#define ELLIPSIS      "\xe2\x80\xa6"
#define MAX_TEXT_LINE 4096 /* bytes of one drawn line (with the ellipsis) */

bool raster_line_is_rtl(const struct elem *e, const struct text_line *ln)
{
    size_t start = ln->off;
    while (start > 0 && e->text[start - 1] != '\n')
        start--;
    return bidi_is_rtl(e->text + start, e->len - start);
}

SDL_Surface *raster_line(struct fonts *fonts, const struct elem *e, const struct text_line *ln,
                         bool rtl)
{
    if (!ln->ellipsis)
        return fonts_render(fonts, e->style, e->block.size, e->text + ln->off, ln->len, rtl,
                            e->color);
    char buf[MAX_TEXT_LINE];
    size_t n = ln->len < sizeof buf - sizeof ELLIPSIS ? ln->len : sizeof buf - sizeof ELLIPSIS;
    memcpy(buf, e->text + ln->off, n);
    memcpy(buf + n, ELLIPSIS, sizeof ELLIPSIS);
    return fonts_render(fonts, e->style, e->block.size, buf, n + sizeof ELLIPSIS - 1, rtl,
                        e->color);
}

SDL_Surface *raster_fitted_line(struct fonts *fonts, const char *s, enum font_style style, int size,
                                int max_w, unsigned color)
{
    struct text_block b;
    const struct text_metrics *m = fonts_metrics(fonts);
    int line_h = m->line_height(m->ctx, style, size);
    if (max_w <= 0 || !text_fit(m, style, s, strlen(s), max_w, line_h, size, size * 4 / 5, 1, &b))
        return NULL;
    struct elem e = {.kind = LAYOUT_ELEM_TEXT,
                     .color = color,
                     .style = style,
                     .text = s,
                     .len = strlen(s),
                     .block = b};
    return raster_line(fonts, &e, &b.lines[0], bidi_is_rtl(s, strlen(s)));
}
