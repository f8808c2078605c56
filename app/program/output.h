/* output — the screen vitrine draws on: a window or the whole screen (X11, Wayland,
 * KMS/DRM) with the renderer chosen for it, or an offscreen surface for --headless; and
 * that choice itself, because it decides whether a screen shows anything at all (a
 * renderer without target textures, or SDL's software renderer on KMS/DRM, is black)
 * and what it costs (OpenGL on a CPU rasteriser against SDL's own software renderer).
 * Render thread (the main thread). */
#ifndef VITRINE_OUTPUT_H
#define VITRINE_OUTPUT_H

#include <stdbool.h>

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Window;
struct options;

#define OUTPUT_HEADLESS_W 1920
#define OUTPUT_HEADLESS_H 1080
#define OUTPUT_WINDOWED_W 1280
#define OUTPUT_WINDOWED_H 720

struct output {
    struct SDL_Window *window;
    struct SDL_Surface *surface; /* headless */
    struct SDL_Renderer *renderer;
    int w, h;
    bool can_block; /* SDL can sleep until an event arrives (X11, Wayland) */
};

/* An offscreen surface of --size (default 1920x1080) with SDL's software renderer. */
bool output_open_headless(struct output *out, const struct options *o);
/* A window (--windowed, or fullscreen at --size or the desktop's size) and its
 * renderer; false with SDL's error set. */
bool output_open_window(struct output *out, const struct options *o);
void output_close(struct output *out);
/* One journal line: size, video driver, renderer. */
void output_log(const struct output *out);

#endif
