/* output — the screen and its renderer (see output.h). */
#include "output.h"

#include "log.h"
#include "options.h"
#include "platform.h"

#include <SDL.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

bool output_open_headless(struct output *out, const struct options *o)
{
    out->w = o->width ? o->width : OUTPUT_HEADLESS_W;
    out->h = o->height ? o->height : OUTPUT_HEADLESS_H;
    out->surface = SDL_CreateRGBSurfaceWithFormat(0, out->w, out->h, 32, SDL_PIXELFORMAT_ARGB8888);
    out->renderer = out->surface ? SDL_CreateSoftwareRenderer(out->surface) : NULL;
    return out->renderer != NULL;
}

/* True when the renderer is OpenGL drawn by a CPU rasteriser (llvmpipe, softpipe): on
 * a machine without a GPU, SDL's own software renderer does the same work for a
 * quarter of the memory and CPU (measured under Xvfb: 127 MB / 4.8% vs 32 MB / 1.1%).
 * A Pi's V3D GPU is real hardware and keeps OpenGL ES. */
static bool gl_is_software(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) || strncmp(info.name, "opengl", 6) != 0) return false;
    typedef const unsigned char *(*get_string_fn)(unsigned);
    get_string_fn get = (get_string_fn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const char *name = get ? (const char *)get(0x1F01 /* GL_RENDERER */) : NULL;
    return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") ||
                    strstr(name, "Software Rasterizer"));
}

/* Any DRM render node: without one, Mesa can only rasterise on the CPU. */
static bool have_gpu(void)
{
    glob_t g;
    bool found = glob("/dev/dri/renderD*", 0, NULL, &g) == 0 && g.gl_pathc > 0;
    globfree(&g);
    return found;
}

/* r if it can draw into textures, else the first other driver's renderer that can.
 * render.c composes every slide into a target texture once, so a renderer without
 * them shows nothing: SDL's desktop-OpenGL renderer on KMS/DRM (EGL on GBM, Mesa's
 * llvmpipe) came up without them in the Debian 12 VM (tests/system), the screen black
 * with "could not compose a slide", while its OpenGL ES 2 renderer (a Pi's V3D path)
 * draws. NULL (a clear start-up error) when no driver can. */
static SDL_Renderer *with_targets(SDL_Window *w, SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (!r || SDL_GetRendererInfo(r, &info)) return r;
    if (info.flags & SDL_RENDERER_TARGETTEXTURE) return r;
    char name[32];
    snprintf(name, sizeof name, "%s", info.name);
    log_info("renderer %s cannot draw into textures here: trying SDL's other renderers", name);
    SDL_DestroyRenderer(r);
    for (int i = 0, n = SDL_GetNumRenderDrivers(); i < n; i++) {
        SDL_RendererInfo d;
        if (SDL_GetRenderDriverInfo(i, &d) || !strcmp(d.name, name) ||
            !(d.flags & SDL_RENDERER_TARGETTEXTURE))
            continue;
        r = SDL_CreateRenderer(w, i, SDL_RENDERER_PRESENTVSYNC);
        if (!r) r = SDL_CreateRenderer(w, i, 0);
        if (r && !SDL_GetRendererInfo(r, &info) && (info.flags & SDL_RENDERER_TARGETTEXTURE))
            return r;
        if (r) SDL_DestroyRenderer(r);
    }
    SDL_SetError("no renderer can draw into textures (%s cannot)", name);
    return NULL;
}

static SDL_Renderer *create_renderer(SDL_Window *w)
{
    const char *asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    bool choose = !(asked && *asked);
    if (choose && !have_gpu()) { /* not even a GL context: Mesa's memory stays mapped */
        log_info("no GPU render node: using SDL's software renderer");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_Renderer *sw = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
        if (sw) return sw; /* KMS/DRM has no window framebuffer: let SDL choose */
    }
    SDL_Renderer *r = SDL_CreateRenderer(w, -1, SDL_RENDERER_PRESENTVSYNC);
    if (!r) r = SDL_CreateRenderer(w, -1, 0);
    if (!r || !choose) return r;
    r = with_targets(w, r);
    if (!r) return NULL;
    bool on_cpu = gl_is_software(r);
    if (!platform_prefer_software(SDL_GetCurrentVideoDriver(), on_cpu)) {
        if (on_cpu)
            log_info("OpenGL is a CPU rasteriser here, kept: no other way onto this screen");
        return r;
    }
    log_info("OpenGL is a CPU rasteriser here: using SDL's software renderer instead");
    SDL_DestroyRenderer(r);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_Renderer *sw = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
    if (sw) return sw;
    /* A driver without window framebuffers we did not know of: GL it is, after all. */
    log_info("SDL's software renderer failed (%s): back to OpenGL", SDL_GetError());
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, NULL);
    r = SDL_CreateRenderer(w, -1, SDL_RENDERER_PRESENTVSYNC);
    return r ? r : SDL_CreateRenderer(w, -1, 0);
}

bool output_open_window(struct output *out, const struct options *o)
{
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int w = o->width ? o->width : OUTPUT_WINDOWED_W, h = o->height ? o->height : OUTPUT_WINDOWED_H;
    if (!o->windowed && !o->width)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    else if (!o->windowed)
        flags |= SDL_WINDOW_FULLSCREEN;
    out->window =
        SDL_CreateWindow("vitrine", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!out->window) return false;
    if (!o->windowed) SDL_ShowCursor(SDL_DISABLE);
    out->renderer = create_renderer(out->window);
    if (!out->renderer || SDL_GetRendererOutputSize(out->renderer, &out->w, &out->h)) return false;
    const char *drv = SDL_GetCurrentVideoDriver();
    out->can_block = drv && (!strcmp(drv, "x11") || !strcmp(drv, "wayland"));
    return true;
}

void output_close(struct output *out)
{
    if (out->renderer) SDL_DestroyRenderer(out->renderer);
    if (out->window) SDL_DestroyWindow(out->window);
    SDL_FreeSurface(out->surface);
}

void output_log(const struct output *out)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(out->renderer, &info) == 0)
        log_info("output %dx%d, video driver %s, renderer %s", out->w, out->h,
                 out->window ? SDL_GetCurrentVideoDriver() : "none (headless)", info.name);
}
