/* raster — a slide's pieces rasterised into textures, each once, at exactly its size on
 * screen (so composing a slide never scales: in the software renderer a scaled copy
 * costs as much as redrawing it). Render thread only. */
#ifndef VITRINE_RASTER_H
#define VITRINE_RASTER_H

#include <SDL.h>
#include <stdbool.h>

/* A texture of s (NULL stays NULL), alpha-blended, sampled smoothly or not. */
SDL_Texture *raster_texture(SDL_Renderer *r, SDL_Surface *s, bool smooth);

/* An antialiased disc of diameter side in colour rgba (0xRRGGBBAA). */
SDL_Texture *raster_disc(SDL_Renderer *r, int side, unsigned rgba);

/* A QR code of text at a whole number of pixels per module (crisp for phone cameras)
 * with its quiet zone, as large as fits in *box; *box shrinks to it, centred. */
SDL_Texture *raster_qr(SDL_Renderer *r, const char *text, SDL_Rect *box);

/* image scaled (smoothly, once) to dst's size. */
SDL_Texture *raster_image(SDL_Renderer *r, SDL_Surface *image, const SDL_Rect *dst);

#endif
