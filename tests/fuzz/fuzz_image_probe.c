/* fuzz_image_probe — libFuzzer target for the image header checks (image_probe in
 * app/content/image.c). The input is the encoded file. An accepted header has a known format and
 * a size within 1..IMAGE_MAX_SIDE; a refused one leaves a terminated, non-empty reason,
 * even in a tiny error buffer, and the answer never depends on the buffer's size. Pure:
 * nothing is decoded. Runs on libFuzzer's thread only. */
#include "image.h"
#include "utf8_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ERR_BYTES 128

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int w = -1, h = -1;
    const char *format = NULL;
    char err[ERR_BYTES];
    memset(err, 'x', sizeof err);
    const bool ok = image_probe(data, size, &w, &h, &format, err, sizeof err);
    if (ok) {
        FUZZ_ASSERT(w >= 1 && w <= IMAGE_MAX_SIDE && h >= 1 && h <= IMAGE_MAX_SIDE);
        FUZZ_ASSERT(format != NULL);
        FUZZ_ASSERT(strcmp(format, "png") == 0 || strcmp(format, "jpeg") == 0);
    } else {
        FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL && err[0] != '\0');
    }

    /* Again with an exactly sized small buffer (1..8 bytes): ASan sees any overflow. */
    const size_t small = 1 + size % 8;
    char *tiny = malloc(small);
    if (tiny == NULL) return 0;
    int w2 = -1, h2 = -1;
    const char *format2 = NULL;
    const bool ok2 = image_probe(data, size, &w2, &h2, &format2, tiny, small);
    FUZZ_ASSERT(ok2 == ok);
    if (ok2)
        FUZZ_ASSERT(w2 == w && h2 == h && strcmp(format2, format) == 0);
    else
        FUZZ_ASSERT(memchr(tiny, '\0', small) != NULL);
    free(tiny);
    return 0;
}
