/* image — safe decoding of logos and images from untrusted bytes. The header is checked
 * (format, pixel size) before anything is decoded, so a file that lies about its size
 * or asks for gigapixels is refused cheaply. Any thread: decoding makes an SDL_Surface,
 * never a texture (only the render thread makes textures). */
#ifndef VITRINE_IMAGE_H
#define VITRINE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

struct SDL_Surface;

#define IMAGE_MAX_BYTES (16u * 1024u * 1024u) /* encoded file */
#define IMAGE_MAX_SIDE  8192                  /* pixels, either side, from the header */
/* Decoded images are scaled to at most this side whatever the box: no slide, even at 4K,
 * shows a logo bigger, and it bounds memory per image. */
#define IMAGE_MAX_DISPLAY 1024

/* The box an image is drawn in on this screen, pixels: what it is decoded down to. A
 * side <= 0: IMAGE_MAX_DISPLAY. */
struct image_box {
    int w, h;
};

/* Reads the header of a PNG or JPEG in data[0..len): format name ("png"/"jpeg") and
 * pixel size. Returns false, with a reason in err, for anything else or a size outside
 * 1..IMAGE_MAX_SIDE. Pure. */
bool image_probe(const unsigned char *data, size_t len, int *w, int *h, const char **format,
                 char *err, size_t errlen);

/* Probes, then decodes data into a new ARGB8888 surface that fits box_w x box_h and
 * IMAGE_MAX_DISPLAY per side (aspect kept, never enlarged): shrunk by area averaging
 * right after decoding, so only one image is ever held at its file size. A box side
 * <= 0: IMAGE_MAX_DISPLAY. NULL with a reason in err on failure. */
struct SDL_Surface *image_decode_fit(const unsigned char *data, size_t len, int box_w, int box_h,
                                     char *err, size_t errlen);

/* image_decode_fit in an IMAGE_MAX_DISPLAY square. */
struct SDL_Surface *image_decode(const unsigned char *data, size_t len, char *err, size_t errlen);

/* Reads a file (at most IMAGE_MAX_BYTES) and decodes it as image_decode_fit... */
struct SDL_Surface *image_load_file_fit(const char *path, int box_w, int box_h, char *err,
                                        size_t errlen);
/* ...or as image_decode. */
struct SDL_Surface *image_load_file(const char *path, char *err, size_t errlen);

#endif
