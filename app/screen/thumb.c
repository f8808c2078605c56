/* thumb — a frame as a small PNG (see thumb.h). */
#include "thumb.h"

#include "log.h"

#include <SDL_image.h>
#include <stdbool.h>
#include <stdlib.h>

#define PNG_SLACK 65536 /* bytes beyond the raw pixels: PNG's worst case on noise */

/* s scaled to w x h, in s's format (32 bits: what SDL_SoftStretchLinear takes). */
static SDL_Surface *stretched(SDL_Surface *s, int w, int h)
{
    SDL_Surface *d = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, s->format->format);
    if (d && SDL_SoftStretchLinear(s, NULL, d, NULL) != 0) {
        SDL_FreeSurface(d);
        return NULL;
    }
    return d;
}

static SDL_Surface *scaled(SDL_Surface *frame, int width, int height)
{
    SDL_Surface *s = SDL_ConvertSurfaceFormat(frame, SDL_PIXELFORMAT_ARGB8888, 0);
    while (s && s->w / 2 >= width && s->h / 2 >= 1) {
        SDL_Surface *half = stretched(s, s->w / 2, s->h / 2);
        SDL_FreeSurface(s);
        s = half;
    }
    if (s && (s->w != width || s->h != height)) {
        SDL_Surface *last = stretched(s, width, height);
        SDL_FreeSurface(s);
        s = last;
    }
    SDL_Surface *rgb = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0) : NULL;
    SDL_FreeSurface(s);
    return rgb; /* no alpha channel: a quarter fewer bytes to compress */
}

unsigned char *thumb_png(SDL_Surface *frame, int width, size_t *len, int *w, int *h)
{
    if (!frame || frame->w < 1 || frame->h < 1 || width < 1) return NULL;
    if (width > frame->w) width = frame->w;
    int height = (int)((long long)frame->h * width / frame->w);
    if (height < 1) height = 1;
    SDL_Surface *small = scaled(frame, width, height);
    const size_t cap = (size_t)width * (size_t)height * 3 + (size_t)height + PNG_SLACK;
    unsigned char *png = small ? malloc(cap) : NULL;
    SDL_RWops *rw = png ? SDL_RWFromMem(png, (int)cap) : NULL;
    const bool ok = rw && IMG_SavePNG_RW(small, rw, 0) == 0;
    const Sint64 size = rw ? SDL_RWtell(rw) : -1;
    if (rw) SDL_RWclose(rw);
    SDL_FreeSurface(small);
    if (!ok || size <= 0) {
        log_warn("could not make the heartbeat's screenshot: %s", SDL_GetError());
        free(png);
        return NULL;
    }
    *len = (size_t)size, *w = width, *h = height;
    return png;
}
