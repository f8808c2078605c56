/* thumb — a small PNG of a frame, for the heartbeat's screenshot: scaled down by
 * halvings (each an exact 2x2 average, so text stays legible rather than aliased) and
 * a last linear step to the width asked, encoded in memory with SDL2_image. Any
 * thread that owns the surface; the render thread makes the frame it is given. */
#ifndef VITRINE_THUMB_H
#define VITRINE_THUMB_H

#include <SDL.h>
#include <stddef.h>

/* frame scaled to width pixels (never up), as PNG bytes (malloc'd, *len of them, its
 * size in *w, *h), or NULL when memory runs out or encoding fails (logged). */
unsigned char *thumb_png(SDL_Surface *frame, int width, size_t *len, int *w, int *h);

#endif
