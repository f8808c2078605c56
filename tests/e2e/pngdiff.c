/* pngdiff — how far two pictures of the same size are apart, for the end-to-end tests
 * (the GPU renderer against the software one, a rotated slide against the upright):
 * `pngdiff A.png B.png [THRESHOLD]` prints {"w":..,"h":..,"over":..,"max":..} where
 * over is the share of pixels with a channel differing by more than THRESHOLD
 * (default 24) and max the largest channel difference. Exit 1 if the sizes differ. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

static SDL_Surface *load(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    SDL_Surface *s = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_FreeSurface(raw);
    if (!s) fprintf(stderr, "pngdiff: %s: %s\n", path, IMG_GetError());
    return s;
}

static int channel_diff(Uint32 a, Uint32 b)
{
    int worst = 0;
    for (int shift = 0; shift < 24; shift += 8) {
        int d = abs((int)(a >> shift & 0xff) - (int)(b >> shift & 0xff));
        worst = d > worst ? d : worst;
    }
    return worst;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pngdiff A.png B.png [THRESHOLD]\n");
        return 2;
    }
    int threshold = argc > 3 ? atoi(argv[3]) : 24;
    SDL_Surface *a = load(argv[1]), *b = load(argv[2]);
    if (!a || !b || a->w != b->w || a->h != b->h) {
        if (a && b) fprintf(stderr, "pngdiff: %dx%d against %dx%d\n", a->w, a->h, b->w, b->h);
        return 1;
    }
    size_t over = 0;
    int max = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint32 *ra = (const Uint32 *)((const Uint8 *)a->pixels + y * a->pitch);
        const Uint32 *rb = (const Uint32 *)((const Uint8 *)b->pixels + y * b->pitch);
        for (int x = 0; x < a->w; x++) {
            int d = channel_diff(ra[x], rb[x]);
            over += d > threshold;
            max = d > max ? d : max;
        }
    }
    printf("{\"w\":%d,\"h\":%d,\"over\":%.6f,\"max\":%d}\n", a->w, a->h,
           (double)over / ((double)a->w * a->h), max);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return 0;
}
