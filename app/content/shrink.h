/* shrink — scales an SDL surface down by area averaging: every output pixel is the
 * mean of the source area it covers (fractional edges weighted by their coverage), with
 * the colours weighted by alpha, so transparent pixels never darken a logo's edges.
 * Sharper than a linear stretch and free of its aliasing past a factor of 2, in one
 * pass, whatever the factor.
 *
 * The source may be in any format SDL can blit (what SDL_image decodes: RGB24, RGBA32,
 * paletted with or without a colour key): it is read a band of rows at a time through a
 * small ARGB8888 strip, so shrinking a 4096x4096 decode costs the strip and the
 * output, never a converted copy of the whole image. Any thread: surfaces only. */
#ifndef VITRINE_SHRINK_H
#define VITRINE_SHRINK_H

struct SDL_Surface;

/* A new ARGB8888 surface of w x h (each at least 1, at most the source's) averaged
 * from src, or NULL (SDL_GetError says why). src is not changed. */
struct SDL_Surface *shrink_surface(struct SDL_Surface *src, int w, int h);

/* The size a w x h image is drawn at inside a box_w x box_h box, aspect kept and never
 * larger than the image: exact integers, the same arithmetic as the renderer's fit, so
 * an image shrunk to it is drawn without another scaling. A box side <= 0: no limit. */
void shrink_fit(int w, int h, int box_w, int box_h, int *out_w, int *out_h);

#endif
