/* orient — the upright picture's rectangles on a rotated output. The mapping is the one
 * SDL_RenderCopyEx applies to a picture centred on the output and turned clockwise by
 * rotate degrees (what vitrine did before turning each piece once instead of the whole
 * frame every time), so rotated pictures are unchanged to the pixel. */
#include "orient.h"

#include <stdbool.h>

struct orient orient_make(int out_w, int out_h, int rotate)
{
    const bool sideways = rotate == 90 || rotate == 270;
    return (struct orient){rotate, out_w, out_h, sideways ? out_h : out_w,
                           sideways ? out_w : out_h};
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
    SDL_Rect to = orient_rect(o, *dst);
    return SDL_RenderCopy(r, t, NULL, &to);
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
