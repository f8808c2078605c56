/* image — decodes untrusted PNG and JPEG bytes into ARGB8888 surfaces of at most
 * IMAGE_MAX_DISPLAY pixels a side. The header is read first (a few bounds-checked bytes,
 * no allocation), so an image asking for gigapixels is refused before libpng or libjpeg
 * allocate anything. Called from the fetch thread (any thread, no global state): it makes
 * surfaces, never textures.
 *
 * SDL_image initialises its codecs lazily on first use, so IMG_Init is optional; the
 * lazy path is not thread-safe, so a program decoding from several threads calls
 * IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG) once at startup. */
#include "image.h"

#include "file.h"

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

/* Shrinks an ARGB8888 surface by an integer factor, averaging each f x f block with the
 * colours weighted by alpha (so transparent pixels do not darken edges). Better than the
 * nearest-neighbour or bilinear stretch alone, which alias badly past a factor of 2. */
static SDL_Surface *box_shrink(const SDL_Surface *src, int f)
{
    int w = src->w / f > 0 ? src->w / f : 1;
    int h = src->h / f > 0 ? src->h / f : 1;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, IMAGE_FORMAT_PX);
    if (!dst) return NULL;
    for (int y = 0; y < h; y++) {
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + (size_t)y * (size_t)dst->pitch);
        for (int x = 0; x < w; x++) {
            unsigned long a = 0, r = 0, g = 0, b = 0, n = 0;
            for (int sy = y * f; sy < y * f + f && sy < src->h; sy++) {
                const Uint32 *row =
                    (const Uint32 *)((const Uint8 *)src->pixels + (size_t)sy * (size_t)src->pitch);
                for (int sx = x * f; sx < x * f + f && sx < src->w; sx++) {
                    Uint32 p = row[sx], pa = p >> 24;
                    a += pa;
                    r += (p >> 16 & 0xFF) * pa;
                    g += (p >> 8 & 0xFF) * pa;
                    b += (p & 0xFF) * pa;
                    n++;
                }
            }
            out[x] = a ? (Uint32)(a / n) << 24 | (Uint32)(r / a) << 16 | (Uint32)(g / a) << 8 |
                             (Uint32)(b / a)
                       : 0;
        }
    }
    return dst;
}

/* Takes s; returns it or a copy scaled to at most IMAGE_MAX_DISPLAY a side (aspect kept). */
static SDL_Surface *fit_display(SDL_Surface *s, char *err, size_t errlen)
{
    int side = s->w > s->h ? s->w : s->h;
    if (side <= IMAGE_MAX_DISPLAY) return s;
    long long dw = (long long)s->w * IMAGE_MAX_DISPLAY / side;
    long long dh = (long long)s->h * IMAGE_MAX_DISPLAY / side;
    if (side / IMAGE_MAX_DISPLAY >= 2) {
        SDL_Surface *small = box_shrink(s, side / IMAGE_MAX_DISPLAY);
        SDL_FreeSurface(s);
        s = small;
    }
    if (s && s->w == dw && s->h == dh) return s;
    SDL_Surface *dst = s ? SDL_CreateRGBSurfaceWithFormat(0, dw > 0 ? (int)dw : 1,
                                                          dh > 0 ? (int)dh : 1, 32, IMAGE_FORMAT_PX)
                         : NULL;
    if (!dst || SDL_SoftStretchLinear(s, NULL, dst, NULL) != 0) {
        file_error(err, errlen, "cannot scale the image down: %s", SDL_GetError());
        SDL_FreeSurface(dst);
        SDL_FreeSurface(s);
        return NULL;
    }
    SDL_FreeSurface(s);
    return dst;
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

struct SDL_Surface *image_decode(const unsigned char *data, size_t len, char *err, size_t errlen)
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
    SDL_Surface *argb = SDL_ConvertSurfaceFormat(raw, IMAGE_FORMAT_PX, 0);
    SDL_FreeSurface(raw);
    if (!argb) {
        file_error(err, errlen, "cannot convert the %s image: %s", format, SDL_GetError());
        return NULL;
    }
    return fit_display(argb, err, errlen);
}

struct SDL_Surface *image_load_file(const char *path, char *err, size_t errlen)
{
    unsigned char *buf = NULL;
    size_t len = 0;
    /* One byte over the limit tells "too big" from "just fits". */
    if (!file_read(path, IMAGE_MAX_BYTES + 1u, &buf, &len, err, errlen)) return NULL;
    SDL_Surface *s = NULL;
    if (len > IMAGE_MAX_BYTES)
        file_error(err, errlen, "%s: larger than the %u-byte limit", path, IMAGE_MAX_BYTES);
    else
        s = image_decode(buf, len, err, errlen);
    free(buf);
    return s;
}
