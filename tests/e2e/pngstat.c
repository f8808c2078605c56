/* pngstat — facts about a PNG, decoded with SDL_image, for the end-to-end tests:
 * `pngstat FILE [X Y W H]...` prints {"w":..,"h":..,"colors":..,"ink":..,"boxes":[..]}
 * where colors counts distinct colours (to 4 bits a channel), ink is the share of
 * pixels unlike the most common colour, and boxes gives, for each box, the share of
 * its pixels that stand out from their row's background (text drawn there). */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BINS     4096 /* colours at 4 bits a channel */
#define CONTRAST 48   /* luma difference (0..255) that counts as drawn, not background */

static unsigned bin(Uint32 px)
{
    return (px >> 12 & 0xf00) | (px >> 8 & 0xf0) | (px >> 4 & 0xf);
}

static int luma(Uint32 px)
{
    return (int)(((px >> 16 & 0xff) * 299 + (px >> 8 & 0xff) * 587 + (px & 0xff) * 114) / 1000);
}

static Uint32 pixel(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
}

/* Distinct colours and the share of pixels unlike the commonest, on a 3-pixel grid:
 * exact counts are not needed, and it keeps 4K images fast. */
static void whole(const SDL_Surface *s, size_t *colors, double *ink)
{
    static size_t hits[BINS];
    size_t n = 0, best = 0;
    *colors = 0;
    for (int y = 0; y < s->h; y += 3)
        for (int x = 0; x < s->w; x += 3, n++)
            if (hits[bin(pixel(s, x, y))]++ == 0) ++*colors;
    for (size_t i = 0; i < BINS; i++)
        if (hits[i] > best) best = hits[i];
    *ink = n ? 1.0 - (double)best / n : 0.0;
}

/* Backgrounds here are horizontal bands (a vertical gradient), so each row's commonest
 * colour is its background; a pixel is ink when its luma differs from it by CONTRAST. */
static double box_ink(const SDL_Surface *s, int bx, int by, int bw, int bh)
{
    int x0 = SDL_max(bx, 0), y0 = SDL_max(by, 0);
    int x1 = SDL_min(bx + bw, s->w), y1 = SDL_min(by + bh, s->h);
    size_t n = 0, inked = 0;
    for (int y = y0; y < y1; y++) {
        static size_t hits[BINS];
        memset(hits, 0, sizeof hits);
        unsigned mode = 0;
        Uint32 bg = 0;
        for (int x = x0; x < x1; x++) {
            Uint32 px = pixel(s, x, y);
            if (++hits[bin(px)] > mode) mode = (unsigned)hits[bin(px)], bg = px;
        }
        for (int x = x0; x < x1; x++, n++)
            inked += abs(luma(pixel(s, x, y)) - luma(bg)) > CONTRAST;
    }
    return n ? (double)inked / n : 0.0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || (argc - 2) % 4) {
        fprintf(stderr, "usage: pngstat FILE.png [X Y W H]...\n");
        return 2;
    }
    SDL_Surface *raw = IMG_Load(argv[1]);
    SDL_Surface *s = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    if (!s) {
        fprintf(stderr, "pngstat: %s: %s\n", argv[1], SDL_GetError());
        return 1;
    }
    size_t colors;
    double ink;
    whole(s, &colors, &ink);
    printf("{\"w\": %d, \"h\": %d, \"colors\": %zu, \"ink\": %.4f, \"boxes\": [", s->w, s->h,
           colors, ink);
    for (int i = 2; i + 3 < argc; i += 4)
        printf("%s%.4f", i > 2 ? ", " : "",
               box_ink(s, atoi(argv[i]), atoi(argv[i + 1]), atoi(argv[i + 2]), atoi(argv[i + 3])));
    printf("]}\n");
    SDL_FreeSurface(s);
    SDL_FreeSurface(raw);
    return 0;
}
