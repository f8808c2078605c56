/* floor — the cheapest honest slideshow SDL2 can do, the benchmark's yardstick.
 *
 * Each slide (a gradient, a title, a line of text, like a vitrine partner slide) is
 * rendered once into a texture at start; showing the deck is then nothing while a
 * slide holds, and during a cross-fade one opaque copy of the old slide plus one
 * blended copy of the new one per frame, about 60 frames a second. Nothing is drawn
 * unless the picture changes. vitrine's transition frames are measured against this.
 *
 *   vitrine-floor [--headless] [--size WxH] [--run-for S] [--hold-ms N] [--fade-ms N]
 *                 [--slides N] --font FILE.ttf
 *
 * Prints, like vitrine's exit report, "frame time in transitions: median X ms, p99 Y
 * ms, max Z ms over N" (the time to draw and present one frame). */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SLIDES  16
#define MAX_SAMPLES 8192
#define FRAME_MS    16

struct opts {
    bool headless;
    int w, h, slides, hold_ms, fade_ms;
    double run_for;
    const char *font;
};

struct samples {
    float ms[MAX_SAMPLES];
    size_t n;
};

static double now_ms(void)
{
    return SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, struct samples *s)
{
    if (s->n == 0) {
        fprintf(stderr, "floor: %s: none\n", what);
        return;
    }
    qsort(s->ms, s->n, sizeof s->ms[0], cmp_float);
    fprintf(stderr, "floor: %s: median %.2f ms, p99 %.2f ms, max %.2f ms over %zu\n", what,
            s->ms[s->n / 2], s->ms[(s->n * 99) / 100], s->ms[s->n - 1], s->n);
}

static bool parse(int argc, char **argv, struct opts *o)
{
    *o = (struct opts){false, 1920, 1080, 6, 3000, 500, 30, NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--headless"))
            o->headless = true;
        else if (!strcmp(a, "--size") && v && sscanf(v, "%dx%d", &o->w, &o->h) == 2)
            i++;
        else if (!strcmp(a, "--run-for") && v)
            o->run_for = atof(argv[++i]);
        else if (!strcmp(a, "--hold-ms") && v)
            o->hold_ms = atoi(argv[++i]);
        else if (!strcmp(a, "--fade-ms") && v)
            o->fade_ms = atoi(argv[++i]);
        else if (!strcmp(a, "--slides") && v)
            o->slides = atoi(argv[++i]);
        else if (!strcmp(a, "--font") && v)
            o->font = argv[++i];
        else
            return false;
    }
    return o->font && o->w > 0 && o->h > 0 && o->slides >= 2 && o->slides <= MAX_SLIDES &&
           o->fade_ms > 0 && o->hold_ms >= 0;
}

static void blit_text(SDL_Surface *dst, TTF_Font *font, const char *text, int y)
{
    SDL_Surface *t = TTF_RenderUTF8_Blended(font, text, (SDL_Color){255, 255, 255, 255});
    if (!t) return;
    SDL_Rect at = {(dst->w - t->w) / 2, y, t->w, t->h};
    SDL_BlitSurface(t, NULL, dst, &at);
    SDL_FreeSurface(t);
}

/* Slide i, once: a two-colour vertical gradient in bands, a title and a tagline. */
static SDL_Texture *make_slide(SDL_Renderer *r, int w, int h, int i, TTF_Font *big, TTF_Font *small)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) return NULL;
    const int bands = 48;
    for (int b = 0; b < bands; b++) {
        SDL_Rect band = {0, h * b / bands, w, h * (b + 1) / bands - h * b / bands};
        Uint8 k = (Uint8)(20 + 60 * b / bands);
        SDL_FillRect(s, &band,
                     SDL_MapRGB(s->format, k, (Uint8)(k / 2 + 10 * i), (Uint8)(90 + 20 * i)));
    }
    char title[64];
    snprintf(title, sizeof title, "Partner %d", i + 1);
    blit_text(s, big, title, h / 3);
    blit_text(s, small, "Research talent for industry — la recherche au service des entreprises",
              h / 3 + TTF_FontLineSkip(big) + h / 40);
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    return t;
}

/* The fade's frame at progress t: the old slide, the new one over it at alpha t. */
static void draw_fade(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t)
{
    SDL_SetTextureBlendMode(from, SDL_BLENDMODE_NONE);
    SDL_RenderCopy(r, from, NULL, NULL);
    SDL_SetTextureBlendMode(to, SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(to, (Uint8)(255 * t + 0.5));
    SDL_RenderCopy(r, to, NULL, NULL);
}

static void draw_still(SDL_Renderer *r, SDL_Texture *t)
{
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    SDL_RenderCopy(r, t, NULL, NULL);
}

static void sample(struct samples *s, double ms)
{
    if (s->n < MAX_SAMPLES) s->ms[s->n++] = (float)ms;
}

/* Returns false on a quit request (a window's close button). */
static bool pump(void)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        if (ev.type == SDL_QUIT) return false;
    return true;
}

static void run(SDL_Renderer *r, SDL_Texture **slides, const struct opts *o)
{
    static struct samples fade, still;
    const double start = now_ms(), period = o->hold_ms + o->fade_ms;
    long drawn_slide = -1;
    bool first = true;
    while (pump()) {
        double now = now_ms() - start;
        if (now >= o->run_for * 1000) break;
        long k = (long)(now / period); /* slide k fades in, then holds */
        double in = now - k * period;
        int cur = (int)(k % o->slides), prev = (int)((k + o->slides - 1) % o->slides);
        bool fading = k > 0 && in < o->fade_ms;
        if (fading || drawn_slide != k || first) {
            double t0 = now_ms();
            if (fading)
                draw_fade(r, slides[prev], slides[cur], in / o->fade_ms);
            else
                draw_still(r, slides[cur]);
            SDL_RenderPresent(r);
            sample(fading ? &fade : &still, now_ms() - t0);
            drawn_slide = fading ? -1 : k;
            first = false;
        }
        double next = fading ? FRAME_MS : period - in; /* asleep until the next fade */
        SDL_Delay((Uint32)(next > 1 ? next : 1));
    }
    report("frame time in transitions", &fade);
    report("frame time otherwise", &still);
}

int main(int argc, char **argv)
{
    struct opts o;
    if (!parse(argc, argv, &o)) {
        fprintf(stderr, "usage: vitrine-floor [--headless] [--size WxH] [--run-for S] "
                        "[--hold-ms N] [--fade-ms N] [--slides N] --font FILE.ttf\n");
        return 2;
    }
    if (!o.headless) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(o.headless ? SDL_INIT_EVENTS : SDL_INIT_VIDEO) || TTF_Init()) {
        fprintf(stderr, "floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *target = NULL;
    SDL_Window *win = NULL;
    SDL_Renderer *r = NULL;
    if (o.headless) {
        target = SDL_CreateRGBSurfaceWithFormat(0, o.w, o.h, 32, SDL_PIXELFORMAT_ARGB8888);
        r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    } else {
        win =
            SDL_CreateWindow("floor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.w, o.h, 0);
        r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    }
    TTF_Font *big = TTF_OpenFont(o.font, o.h / 9), *small = TTF_OpenFont(o.font, o.h / 27);
    if (!r || !big || !small) {
        fprintf(stderr, "floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Texture *slides[MAX_SLIDES] = {0};
    for (int i = 0; i < o.slides; i++)
        if (!(slides[i] = make_slide(r, o.w, o.h, i, big, small))) {
            fprintf(stderr, "floor: %s\n", SDL_GetError());
            return 1;
        }
    fprintf(stderr, "floor: %d slides of %dx%d ready\n", o.slides, o.w, o.h);
    run(r, slides, &o);
    for (int i = 0; i < o.slides; i++)
        SDL_DestroyTexture(slides[i]);
    TTF_CloseFont(small);
    TTF_CloseFont(big);
    SDL_DestroyRenderer(r);
    if (win) SDL_DestroyWindow(win);
    SDL_FreeSurface(target);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
