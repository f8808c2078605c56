/* orient — the upright picture's rectangles on a rotated output. The mapping is the one
 * SDL_RenderCopyEx applies to a picture centred on the output and turned clockwise by
 * rotate degrees, so a slide turned once into a texture and the chrome placed piece by
 * piece line up to the pixel. */
#include "orient.h"

#include <stdbool.h>

struct orient orient_make(int out_w, int out_h, int rotate)
{
    const bool sideways = rotate == 90 || rotate == 270;
    return (struct orient){rotate, out_w, out_h, sideways ? out_h : out_w,
                           sideways ? out_w : out_h};
}

struct orient orient_upright(const struct orient *o)
{
    return (struct orient){0, o->lw, o->lh, o->lw, o->lh};
}

SDL_Rect orient_rect(const struct orient *o, SDL_Rect r)
{
    switch (o->rotate) {
    case 90: /* the top edge goes to the right */
        return (SDL_Rect){o->lh - r.y - r.h, r.x, r.h, r.w};
    case 180:
        return (SDL_Rect){o->lw - r.x - r.w, o->lh - r.y - r.h, r.w, r.h};
    case 270: /* the top edge goes to the left */
        return (SDL_Rect){r.y, o->lw - r.x - r.w, r.h, r.w};
    default:
        return r;
    }
}

int orient_copy(SDL_Renderer *r, const struct orient *o, SDL_Texture *t, const SDL_Rect *dst)
{
    if (o->rotate == 0) return SDL_RenderCopy(r, t, NULL, dst);
    /* RenderCopyEx turns dst about its centre: centre it on the covered rectangle. */
    SDL_Rect to = orient_rect(o, *dst);
    SDL_FRect at = {to.x + (to.w - dst->w) / 2.0f, to.y + (to.h - dst->h) / 2.0f, (float)dst->w,
                    (float)dst->h};
    return SDL_RenderCopyExF(r, t, NULL, &at, o->rotate, NULL, SDL_FLIP_NONE);
}

int orient_fill(SDL_Renderer *r, const struct orient *o, SDL_Rect r_up)
{
    SDL_Rect to = orient_rect(o, r_up);
    return SDL_RenderFillRect(r, &to);
}

int orient_clip(SDL_Renderer *r, const struct orient *o, const SDL_Rect *clip)
{
    if (!clip) return SDL_RenderSetClipRect(r, NULL);
    SDL_Rect to = orient_rect(o, *clip);
    return SDL_RenderSetClipRect(r, &to);
}
