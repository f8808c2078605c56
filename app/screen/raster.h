/* raster — a slide's pieces rasterised into textures, each once, at exactly its size on
 * screen (so composing a slide never scales: in the software renderer a scaled copy
 * costs as much as redrawing it). Render thread only. */
#ifndef VITRINE_RASTER_H
#define VITRINE_RASTER_H

#include "layout.h"

#include <SDL.h>
#include <stdbool.h>

struct fonts;

/* s turned clockwise by rotate (0, 90, 180, 270) degrees into a new ARGB8888 surface,
 * pixel for pixel (no resampling), or NULL when out of memory. */
SDL_Surface *raster_turn(SDL_Surface *s, int rotate);

/* A texture of s turned by rotate (NULL stays NULL), alpha-blended, sampled smoothly or
 * not. Every piece is turned here, once, so a rotated screen composes its slides and
 * places its chrome with plain copies, like an upright one. */
SDL_Texture *raster_texture(SDL_Renderer *r, SDL_Surface *s, bool smooth, int rotate);

/* An antialiased disc of diameter side in colour rgba (0xRRGGBBAA). */
SDL_Texture *raster_disc(SDL_Renderer *r, int side, unsigned rgba);

/* A QR code of text at a whole number of pixels per module (crisp for phone cameras)
 * with its quiet zone, as large as fits in *box; *box shrinks to it, centred (upright
 * coordinates); the texture is turned by rotate. */
SDL_Texture *raster_qr(SDL_Renderer *r, const char *text, SDL_Rect *box, int rotate);

/* image scaled (smoothly, once) to dst's size, turned by rotate. */
SDL_Texture *raster_image(SDL_Renderer *r, SDL_Surface *image, const SDL_Rect *dst, int rotate);

/* A wrapped line keeps the direction of its paragraph (the text after the last newline
 * before it): the second line of an English sentence quoting Arabic stays English. */
bool raster_line_is_rtl(const struct elem *e, const struct text_line *ln);

/* Line ln of text element e, with its ellipsis when cut, right to left or not. */
SDL_Surface *raster_line(struct fonts *fonts, const struct elem *e, const struct text_line *ln,
                         bool rtl);

/* s on one line fitted to max_w: shrunk down to 80% of size, then cut with an ellipsis;
 * NULL when nothing fits. */
SDL_Surface *raster_fitted_line(struct fonts *fonts, const char *s, enum font_style style, int size,
                                int max_w, unsigned color);

#endif
