/* orient — where a point of the upright (logical) picture lands on the output when the
 * screen is rotated by vitrine itself (--rotate: SDL's KMS/DRM path ignores the Pi's
 * rotation settings). Every piece is turned once when it is rasterised (raster), then
 * placed through this mapping with plain copies. Render thread only. */
#ifndef VITRINE_ORIENT_H
#define VITRINE_ORIENT_H

#include <SDL.h>

struct orient {
    int rotate;       /* 0, 90, 180, 270: clockwise, as SDL_RenderCopyEx turns */
    int out_w, out_h; /* the output, pixels */
    int lw, lh;       /* the upright picture: out size, swapped for 90 and 270 */
};

/* The mapping for an output of out_w x out_h turned by rotate degrees. */
struct orient orient_make(int out_w, int out_h, int rotate);

/* The output rectangle that the upright rectangle r covers. */
SDL_Rect orient_rect(const struct orient *o, SDL_Rect r);

/* Copies t, already turned (raster_texture), so that it covers orient_rect(dst). */
int orient_copy(SDL_Renderer *r, const struct orient *o, SDL_Texture *t, const SDL_Rect *dst);

/* Fills the upright rectangle r in the current draw colour. */
int orient_fill(SDL_Renderer *r, const struct orient *o, SDL_Rect r_up);

/* Clips drawing to the upright rectangle clip (NULL: no clip). */
int orient_clip(SDL_Renderer *r, const struct orient *o, const SDL_Rect *clip);

#endif
