/* image — decodes untrusted PNG and JPEG bytes into ARGB8888 surfaces no larger than
 * the box they are drawn in (and IMAGE_MAX_DISPLAY pixels a side), shrunk by area
 * averaging (shrink.h) straight from the decoded pixels. The header is read first (a few
 * bounds-checked bytes, no allocation), so an image asking for gigapixels is refused before libpng
 * or libjpeg allocate anything. Called from the fetch thread (any thread, no global state): it
 * makes surfaces, never textures.
 *
 * SDL_image initialises its codecs lazily on first use, so IMG_Init is optional; the
 * lazy path is not thread-safe, so a program decoding from several threads calls
 * IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG) once at startup. */
#include "image.h"

#include "file.h"
#include "shrink.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PNG_SIG_LEN     8
#define PNG_IHDR_LEN    13
#define PNG_HEADER_LEN  (PNG_SIG_LEN + 8 + PNG_IHDR_LEN) /* signature, chunk head, IHDR */
#define JPEG_SOF_LEN    7 /* segment length (2), precision (1), height (2), width (2) */
#define IMAGE_FORMAT_PX SDL_PIXELFORMAT_ARGB8888

static unsigned long be16(const unsigned char *p)
{
    return (unsigned long)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
    return be16(p) << 16 | be16(p + 2);
}

/* NULL on success, else the reason. */
static const char *probe_png(const unsigned char *d, size_t len, unsigned long *w, unsigned long *h)
{
    if (len < PNG_HEADER_LEN) return "truncated PNG header";
    if (be32(d + PNG_SIG_LEN) != PNG_IHDR_LEN || memcmp(d + PNG_SIG_LEN + 4, "IHDR", 4) != 0)
        return "corrupt PNG header (no IHDR chunk first)";
    *w = be32(d + PNG_SIG_LEN + 8);
    *h = be32(d + PNG_SIG_LEN + 12);
    return NULL;
}

/* Start-of-frame markers carry the size; C4 (DHT), C8 (reserved) and CC (DAC) do not. */
static bool is_sof(unsigned char marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/* Walks the marker segments after SOI up to the frame header. Each step moves forward
 * at least two bytes, so this ends on any input. NULL on success, else the reason. */
static const char *probe_jpeg(const unsigned char *d, size_t len, unsigned long *w,
                              unsigned long *h)
{
    size_t i = 2;
    while (i < len) {
        if (d[i] != 0xFF) return "corrupt JPEG header (expected a marker)";
        while (i < len && d[i] == 0xFF) /* fill bytes */
            i++;
        if (i >= len) break;
        unsigned char marker = d[i++];
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            continue; /* markers without a segment */
        if (marker == 0xD9 || marker == 0xDA)
            return "corrupt JPEG header (image data before the frame header)";
        if (len - i < 2) break;
        size_t seg = be16(d + i);
        if (seg < 2 || (is_sof(marker) && seg < JPEG_SOF_LEN))
            return "corrupt JPEG header (bad segment length)";
        if (is_sof(marker)) {
            if (len - i < JPEG_SOF_LEN) break;
            *h = be16(d + i + 3);
            *w = be16(d + i + 5);
            return NULL;
        }
        i += seg;
    }
    return "truncated JPEG header";
}

/* From i, inside entropy-coded data, to the next marker: FF00 is a stuffed byte and
 * FFD0..FFD7 are restart markers, both part of the data. */
static size_t skip_scan(const unsigned char *d, size_t len, size_t i)
{
    for (;;) {
        const unsigned char *ff = memchr(d + i, 0xFF, len - i);
        if (!ff || (size_t)(ff - d) + 1 >= len) return len;
        i = (size_t)(ff - d);
        if (d[i + 1] != 0x00 && (d[i + 1] < 0xD0 || d[i + 1] > 0xD7)) return i;
        i += 2;
    }
}

/* libjpeg pads a truncated JPEG with grey and SDL_image reports success, so a file cut
 * short (a power cut while the cache wrote it) would show half a logo. A complete file
 * reaches EOI after its scans: walk the segments (skipping their payloads, so an EXIF
 * thumbnail's own EOI does not count) and the entropy-coded data after each SOS. */
static bool jpeg_complete(const unsigned char *d, size_t len)
{
    size_t i = 2;
    while (i + 1 < len) {
        if (d[i] != 0xFF) return false;
        unsigned char marker = d[i + 1];
        if (marker == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        i += 2;
        if (marker == 0xD9) return true;
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;
        if (len - i < 2 || be16(d + i) < 2) return false;
        i += be16(d + i);
        if (marker == 0xDA && i < len) i = skip_scan(d, len, i);
    }
    return false;
}

bool image_probe(const unsigned char *data, size_t len, int *w, int *h, const char **format,
                 char *err, size_t errlen)
{
    static const unsigned char png_sig[PNG_SIG_LEN] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned long pw = 0, ph = 0;
    const char *why;
    const char *fmt;
    if (data && len >= PNG_SIG_LEN && memcmp(data, png_sig, PNG_SIG_LEN) == 0) {
        fmt = "png";
        why = probe_png(data, len, &pw, &ph);
    } else if (data && len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
        fmt = "jpeg";
        why = probe_jpeg(data, len, &pw, &ph);
    } else {
        why = "not a PNG or JPEG image";
    }
    if (why) {
        file_error(err, errlen, "%s", why);
        return false;
    }
    if (pw == 0 || ph == 0) {
        file_error(err, errlen, "image has no pixels (%lux%lu)", pw, ph);
        return false;
    }
    if (pw > IMAGE_MAX_SIDE || ph > IMAGE_MAX_SIDE) {
        file_error(err, errlen, "image is %lux%lu pixels, larger than the %dx%d limit", pw, ph,
                   IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
        return false;
    }
    if (w) *w = (int)pw;
    if (h) *h = (int)ph;
    if (format) *format = fmt;
    return true;
}

/* SDL_image 2.6's PNG reader does not tell libpng when the data runs out, so a chunk
 * cut short makes libpng re-read stale bytes forever (found by fuzzing: the fetch
 * thread spun at 100% CPU). A complete PNG is a chain of chunks, each fully inside the
 * data (length, type, payload, CRC), ending with IEND: walk it before decoding. */
static bool png_complete(const unsigned char *d, size_t len)
{
    size_t i = PNG_SIG_LEN;
    while (len - i >= 12) {
        unsigned long n = be32(d + i);
        if (n > len - i - 12) return false;
        if (memcmp(d + i + 4, "IEND", 4) == 0) return true;
        i += 12 + n;
    }
    return false;
}

/* Takes raw (as SDL_image decoded it); returns it as ARGB8888 at most box_w x box_h. */
static SDL_Surface *to_box(SDL_Surface *raw, int box_w, int box_h, const char *format, char *err,
                           size_t errlen)
{
    int w, h;
    if (box_w <= 0 || box_w > IMAGE_MAX_DISPLAY) box_w = IMAGE_MAX_DISPLAY;
    if (box_h <= 0 || box_h > IMAGE_MAX_DISPLAY) box_h = IMAGE_MAX_DISPLAY;
    shrink_fit(raw->w, raw->h, box_w, box_h, &w, &h);
    SDL_Surface *s = w == raw->w && h == raw->h ? SDL_ConvertSurfaceFormat(raw, IMAGE_FORMAT_PX, 0)
                                                : shrink_surface(raw, w, h);
    if (!s) file_error(err, errlen, "cannot convert the %s image: %s", format, SDL_GetError());
    SDL_FreeSurface(raw);
    return s;
}

struct SDL_Surface *image_decode(const unsigned char *data, size_t len, char *err, size_t errlen)
{
    return image_decode_fit(data, len, IMAGE_MAX_DISPLAY, IMAGE_MAX_DISPLAY, err, errlen);
}

struct SDL_Surface *image_decode_fit(const unsigned char *data, size_t len, int box_w, int box_h,
                                     char *err, size_t errlen)
{
    int w, h;
    const char *format;
    if (len > IMAGE_MAX_BYTES) {
        file_error(err, errlen, "image is %zu bytes, larger than the %u-byte limit", len,
                   IMAGE_MAX_BYTES);
        return NULL;
    }
    if (!image_probe(data, len, &w, &h, &format, err, errlen)) return NULL;
    if (strcmp(format, "jpeg") == 0 && !jpeg_complete(data, len)) {
        file_error(err, errlen, "truncated JPEG image (no end-of-image marker after its data)");
        return NULL;
    }
    if (strcmp(format, "png") == 0 && !png_complete(data, len)) {
        file_error(err, errlen, "truncated PNG image (a chunk runs past the end, or no IEND)");
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
    SDL_Surface *raw =
        rw ? IMG_LoadTyped_RW(rw, 1, strcmp(format, "png") == 0 ? "PNG" : "JPG") : NULL;
    if (!raw) {
        file_error(err, errlen, "cannot decode the %s image: %s", format, SDL_GetError());
        return NULL;
    }
    if (raw->w != w || raw->h != h) {
        file_error(err, errlen, "%s image decodes to %dx%d pixels but its header says %dx%d",
                   format, raw->w, raw->h, w, h);
        SDL_FreeSurface(raw);
        return NULL;
    }
    /* Shrunk now, before the next image is decoded: only one full-size decode at a
     * time, and the deck keeps each image at the size it is drawn. */
    return to_box(raw, box_w, box_h, format, err, errlen);
}

struct SDL_Surface *image_load_file(const char *path, char *err, size_t errlen)
{
    return image_load_file_fit(path, IMAGE_MAX_DISPLAY, IMAGE_MAX_DISPLAY, err, errlen);
}

struct SDL_Surface *image_load_file_fit(const char *path, int box_w, int box_h, char *err,
                                        size_t errlen)
{
    unsigned char *buf = NULL;
    size_t len = 0;
    /* One byte over the limit tells "too big" from "just fits". */
    if (!file_read(path, IMAGE_MAX_BYTES + 1u, &buf, &len, err, errlen)) return NULL;
    SDL_Surface *s = NULL;
    if (len > IMAGE_MAX_BYTES)
        file_error(err, errlen, "%s: larger than the %u-byte limit", path, IMAGE_MAX_BYTES);
    else
        s = image_decode_fit(buf, len, box_w, box_h, err, errlen);
    free(buf);
    return s;
}
