/* fuzz_image_decode — libFuzzer target for image_decode (app/content/image.c): the probe, then
 * SDL_image's PNG/JPEG decoders on untrusted bytes. Only inputs whose header says at
 * most DECODE_MAX_SIDE pixels a side are decoded, so each run stays fast; the probe
 * target covers the refusals. A decoded surface must be ARGB8888 and exactly the size
 * the header announced (it is below IMAGE_MAX_DISPLAY, so not scaled): a decoder that
 * sees another size than the probe means the probe can be bypassed. Runs on libFuzzer's
 * thread only. */
#include "image.h"
#include "utf8_check.h"

#include <SDL.h>
#include <stdint.h>
#include <string.h>

#define ERR_BYTES       128
#define DECODE_MAX_SIDE 512 /* pixels: larger inputs are only probed */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int w = 0, h = 0;
    const char *format = NULL;
    char err[ERR_BYTES];
    if (!image_probe(data, size, &w, &h, &format, err, sizeof err)) return 0;
    if (w > DECODE_MAX_SIDE || h > DECODE_MAX_SIDE) return 0;

    SDL_Surface *s = image_decode(data, size, err, sizeof err);
    if (s == NULL) {
        FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL && err[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(s->format->format == SDL_PIXELFORMAT_ARGB8888);
    FUZZ_ASSERT(s->w == w && s->h == h);
    FUZZ_ASSERT(s->pixels != NULL && s->pitch >= 4 * s->w);
    /* Touch the last pixel row: the surface really is that big. */
    const uint8_t *last = (const uint8_t *)s->pixels + (size_t)(s->h - 1) * (size_t)s->pitch;
    volatile uint8_t sink = last[4 * (size_t)s->w - 1];
    (void)sink;
    SDL_FreeSurface(s);
    return 0;
}
