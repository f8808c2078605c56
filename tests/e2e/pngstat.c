/* pngstat — facts about a PNG, decoded with SDL_image, for the end-to-end tests:
 * `pngstat FILE` prints {"w":..,"h":..,"colors":..,"ink":..} where colors counts distinct
 * colours (capped) and ink is the share of pixels unlike the most common colour. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLORS 4096

static size_t count_colors(const Uint32 *px, size_t n, Uint32 *common, size_t *common_n)
{
    static Uint32 seen[MAX_COLORS];
    static size_t hits[MAX_COLORS];
    size_t k = 0;
    *common_n = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < k && seen[j] != px[i])
            j++;
        if (j == k && k < MAX_COLORS) seen[k] = px[i], hits[k++] = 0;
        if (j < k && ++hits[j] > *common_n) *common_n = hits[j], *common = seen[j];
    }
    return k;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: pngstat FILE.png\n");
        return 2;
    }
    SDL_Surface *raw = IMG_Load(argv[1]);
    SDL_Surface *s = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    if (!s) {
        fprintf(stderr, "pngstat: %s: %s\n", argv[1], SDL_GetError());
        return 1;
    }
    /* Sample a grid: exact counts are not needed, and it keeps 4K images fast. */
    size_t step = 3, n = 0;
    Uint32 *sample = malloc(sizeof *sample * (size_t)(s->w / step + 1) * (size_t)(s->h / step + 1));
    for (int y = 0; sample && y < s->h; y += (int)step)
        for (int x = 0; x < s->w; x += (int)step)
            sample[n++] = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xf0f0f0;
    Uint32 common = 0;
    size_t common_n = 0, colors = sample ? count_colors(sample, n, &common, &common_n) : 0;
    printf("{\"w\": %d, \"h\": %d, \"colors\": %zu, \"ink\": %.4f}\n", s->w, s->h, colors,
           n ? 1.0 - (double)common_n / n : 0.0);
    free(sample);
    SDL_FreeSurface(s);
    SDL_FreeSurface(raw);
    return 0;
}
