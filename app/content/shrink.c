/* shrink — area-averaging downscale (see shrink.h). */
#include "shrink.h"

#include <SDL.h>

#include <stdlib.h>

#define BAND_ROWS 16 /* source rows converted per blit: few calls, a small strip */

/* Running sums of one output row, premultiplied: alpha, and each colour times alpha. */
struct sums {
    double *v; /* 4 per output pixel: a, r*a, g*a, b*a */
};

/* The source read through the strip: rows [first, first + BAND_ROWS) are in it. */
struct reader {
    SDL_Surface *src, *strip;
    int first;
    SDL_bool keyed; /* a colour key leaves its pixels out of the blit: clear first */
};

static const Uint32 *source_row(struct reader *rd, int y)
{
    if (y < rd->first || y >= rd->first + BAND_ROWS) {
        rd->first = y;
        SDL_Rect band = {0, y, rd->src->w, SDL_min(BAND_ROWS, rd->src->h - y)};
        if (rd->keyed) SDL_FillRect(rd->strip, NULL, 0);
        if (SDL_BlitSurface(rd->src, &band, rd->strip, NULL) != 0) return NULL;
    }
    return (const Uint32 *)((const Uint8 *)rd->strip->pixels +
                            (size_t)(y - rd->first) * (size_t)rd->strip->pitch);
}

/* Adds source row `row` with vertical weight wy to out: each output column takes the
 * source pixels under it, the edge ones by the share of them it covers. */
static void add_row(const Uint32 *row, int src_w, int dst_w, double wy, double *out)
{
    const double sx = (double)src_w / dst_w;
    for (int ox = 0; ox < dst_w; ox++) {
        const double x0 = ox * sx, x1 = x0 + sx;
        const int last = SDL_min((int)SDL_ceil(x1), src_w);
        double a = 0, r = 0, g = 0, b = 0;
        for (int ix = (int)x0; ix < last; ix++) {
            const double wx = SDL_min(ix + 1.0, x1) - SDL_max((double)ix, x0);
            const Uint32 p = row[ix];
            const double pa = (double)(p >> 24) * wx;
            a += pa;
            r += (double)(p >> 16 & 0xFF) * pa;
            g += (double)(p >> 8 & 0xFF) * pa;
            b += (double)(p & 0xFF) * pa;
        }
        double *o = out + 4 * (size_t)ox;
        o[0] += a * wy, o[1] += r * wy, o[2] += g * wy, o[3] += b * wy;
    }
}

static Uint32 channel(double v)
{
    return v <= 0 ? 0 : v >= 255 ? 255 : (Uint32)(v + 0.5);
}

/* One output row from its sums: alpha over the area, colours un-premultiplied (a fully
 * transparent pixel is transparent black, as SDL_image gives). */
static void emit_row(const double *sum, int dst_w, double area, Uint32 *out)
{
    for (int ox = 0; ox < dst_w; ox++) {
        const double *s = sum + 4 * (size_t)ox;
        out[ox] = s[0] > 0 ? channel(s[0] / area) << 24 | channel(s[1] / s[0]) << 16 |
                                 channel(s[2] / s[0]) << 8 | channel(s[3] / s[0])
                           : 0;
    }
}

/* Fills dst from rd's source, output row by output row. */
static int average(struct reader *rd, SDL_Surface *dst, double *sum)
{
    const int sw = rd->src->w, sh = rd->src->h;
    const double sy = (double)sh / dst->h, area = (double)sw / dst->w * sy;
    for (int oy = 0; oy < dst->h; oy++) {
        const double y0 = oy * sy, y1 = y0 + sy;
        const int last = SDL_min((int)SDL_ceil(y1), sh);
        SDL_memset(sum, 0, sizeof *sum * 4 * (size_t)dst->w);
        for (int iy = (int)y0; iy < last; iy++) {
            const Uint32 *row = source_row(rd, iy);
            if (!row) return -1;
            add_row(row, sw, dst->w, SDL_min(iy + 1.0, y1) - SDL_max((double)iy, y0), sum);
        }
        emit_row(sum, dst->w, area,
                 (Uint32 *)((Uint8 *)dst->pixels + (size_t)oy * (size_t)dst->pitch));
    }
    return 0;
}

struct SDL_Surface *shrink_surface(struct SDL_Surface *src, int w, int h)
{
    if (!src || w < 1 || h < 1 || w > src->w || h > src->h) {
        SDL_SetError("shrink: bad size %dx%d for a %dx%d image", w, h, src ? src->w : 0,
                     src ? src->h : 0);
        return NULL;
    }
    SDL_BlendMode mode;
    SDL_GetSurfaceBlendMode(src, &mode);
    struct reader rd = {src, NULL, -BAND_ROWS, SDL_HasColorKey(src)};
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    rd.strip = SDL_CreateRGBSurfaceWithFormat(0, src->w, BAND_ROWS, 32, SDL_PIXELFORMAT_ARGB8888);
    double *sum = calloc(4 * (size_t)w, sizeof *sum);
    /* Copy the pixels, alpha included, rather than blend them onto the strip. */
    int rc = dst && rd.strip && sum ? SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_NONE) : -1;
    if (rc == 0) rc = average(&rd, dst, sum);
    SDL_SetSurfaceBlendMode(src, mode);
    if (rc != 0 && !sum) SDL_OutOfMemory();
    free(sum);
    SDL_FreeSurface(rd.strip);
    if (rc == 0) return dst;
    SDL_FreeSurface(dst);
    return NULL;
}

void shrink_fit(int w, int h, int box_w, int box_h, int *out_w, int *out_h)
{
    *out_w = w, *out_h = h;
    if (box_w <= 0 || box_h <= 0 || (w <= box_w && h <= box_h)) return;
    /* The tighter side fills its box; the other follows, rounded down as the renderer's
     * fit does. 64 bits: 8192 x 8192 products. */
    if ((long long)box_w * h <= (long long)box_h * w) {
        *out_w = box_w;
        *out_h = (int)SDL_max(1, (long long)h * box_w / w);
    } else {
        *out_h = box_h;
        *out_w = (int)SDL_max(1, (long long)w * box_h / h);
    }
}
