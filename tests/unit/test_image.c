/* Unit tests for safe image decoding. Real PNGs and JPEGs are made here with SDL_image
 * in a temporary directory (removed at the end), then probed, decoded, truncated and
 * patched to lie; tests/images/ holds two tiny committed ones. IMG_Init is never
 * called: decoding must work without it. */
#include "image.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define ERR_LEN     256
#define JPEG_Q      90
#define PNG_W_AT    16 /* IHDR width, big-endian, then height at 20 */
#define FILL_ARGB   0xFF336699u
#define COLOUR_SLOP 8 /* JPEG and scaling may move a channel a little */

struct fixture {
    char dir[64];
    char png[96];     /* 37x21 */
    char jpeg[96];    /* 50x30 */
    char wide[96];    /* 3000x1000 PNG */
    char tall[96];    /* 1000x3000 JPEG */
    char too_big[96]; /* IMAGE_MAX_BYTES + 1 bytes */
};

/* ---- fixtures ---- */

static int save(SDL_Surface *s, const char *path, bool jpeg)
{
    int rc = jpeg ? IMG_SaveJPG(s, path, JPEG_Q) : IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    return rc;
}

static SDL_Surface *solid(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s) SDL_FillRect(s, NULL, FILL_ARGB);
    return s;
}

static int make_files(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    *state = f;
    strcpy(f->dir, "/tmp/vitrine-test-image-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    snprintf(f->png, sizeof f->png, "%s/small.png", f->dir);
    snprintf(f->jpeg, sizeof f->jpeg, "%s/small.jpg", f->dir);
    snprintf(f->wide, sizeof f->wide, "%s/wide.png", f->dir);
    snprintf(f->tall, sizeof f->tall, "%s/tall.jpg", f->dir);
    snprintf(f->too_big, sizeof f->too_big, "%s/too-big.png", f->dir);
    if (save(solid(37, 21), f->png, false) || save(solid(50, 30), f->jpeg, true) ||
        save(solid(3000, 1000), f->wide, false) || save(solid(1000, 3000), f->tall, true))
        return -1;
    FILE *big = fopen(f->too_big, "wb");
    if (!big) return -1;
    int rc = ftruncate(fileno(big), (off_t)IMAGE_MAX_BYTES + 1);
    fclose(big);
    return rc;
}

static int remove_files(void **state)
{
    struct fixture *f = *state;
    if (!f) return 0;
    const char *files[] = {f->png, f->jpeg, f->wide, f->tall, f->too_big};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (files[i][0]) remove(files[i]);
    rmdir(f->dir);
    free(f);
    IMG_Quit(); /* releases the codecs SDL_image loaded on first use */
    return 0;
}

/* Whole file in a buffer the test frees with free(). */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long n = ftell(fp);
    assert_true(n > 0);
    rewind(fp);
    unsigned char *buf = malloc((size_t)n);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    assert_int_equal(*len, (size_t)n);
    return buf;
}

static void put_be32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* PNG chunk CRC (ISO 3309, as in the PNG specification's sample code). */
static unsigned long crc32_png(const unsigned char *p, size_t n)
{
    unsigned long c = 0xFFFFFFFFul;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320ul ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFul;
}

/* Rewrites the IHDR size and its CRC, so only the pixel data disagrees. */
static void png_set_size(unsigned char *d, unsigned long w, unsigned long h)
{
    put_be32(d + PNG_W_AT, w);
    put_be32(d + PNG_W_AT + 4, h);
    put_be32(d + 29, crc32_png(d + 12, 17)); /* over "IHDR" and its 13 bytes */
}

static Uint32 pixel(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
}

static void assert_close_to_fill(Uint32 p)
{
    for (int shift = 0; shift < 32; shift += 8) {
        int got = (int)(p >> shift & 0xFF), want = (int)(FILL_ARGB >> shift & 0xFF);
        assert_in_range(got, want - COLOUR_SLOP, want + COLOUR_SLOP);
    }
}

/* ---- probe ---- */

static void probe_reads_png_and_jpeg_sizes(void **state)
{
    const struct fixture *f = *state;
    const char *paths[] = {f->png, f->jpeg};
    const int want_w[] = {37, 50}, want_h[] = {21, 30};
    const char *want_format[] = {"png", "jpeg"};
    for (int i = 0; i < 2; i++) {
        size_t len;
        unsigned char *d = slurp(paths[i], &len);
        int w = 0, h = 0;
        const char *format = NULL;
        char err[ERR_LEN] = "";
        bool ok = image_probe(d, len, &w, &h, &format, err, sizeof err);
        free(d);
        assert_true(ok);
        assert_int_equal(w, want_w[i]);
        assert_int_equal(h, want_h[i]);
        assert_string_equal(format, want_format[i]);
    }
}

static void probe_walks_jpeg_segments_and_fill_bytes(void **state)
{
    (void)state;
    /* SOI, APP1 (4 bytes), fill bytes, DHT, then a progressive SOF2 of 300x200. */
    const unsigned char d[] = {0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x04, 0xAA, 0xBB,
                               0xFF, 0xFF, 0xFF, 0xC4, 0x00, 0x02, 0xFF, 0xC2,
                               0x00, 0x11, 0x08, 0x00, 0xC8, 0x01, 0x2C, 0x03};
    int w = 0, h = 0;
    char err[ERR_LEN] = "";
    assert_true(image_probe(d, sizeof d, &w, &h, NULL, err, sizeof err));
    assert_int_equal(w, 300);
    assert_int_equal(h, 200);
    /* Every shorter prefix is a truncated header. */
    for (size_t len = 0; len < sizeof d - 1; len++)
        assert_false(image_probe(d, len, &w, &h, NULL, err, sizeof err));
}

static void probe_refuses_garbage_and_empty_input(void **state)
{
    (void)state;
    char err[ERR_LEN] = "";
    int w, h;
    const unsigned char text[] = "GIF89a, or maybe just text";
    assert_false(image_probe(text, sizeof text, &w, &h, NULL, err, sizeof err));
    assert_string_equal(err, "not a PNG or JPEG image");
    assert_false(image_probe(text, 0, &w, &h, NULL, err, sizeof err));
    assert_false(image_probe(NULL, 0, &w, &h, NULL, err, sizeof err));
    assert_false(image_probe(NULL, 0, &w, &h, NULL, NULL, 0)); /* no error buffer: fine */
    /* A JPEG whose image data starts before any frame header. */
    const unsigned char sos[] = {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6};
    assert_false(image_probe(sos, sizeof sos, &w, &h, NULL, err, sizeof err));
    /* A segment length below 2 would not move forward. */
    const unsigned char stuck[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0xFF, 0xC0};
    assert_false(image_probe(stuck, sizeof stuck, &w, &h, NULL, err, sizeof err));
}

static void probe_refuses_truncated_headers(void **state)
{
    const struct fixture *f = *state;
    char err[ERR_LEN];
    int w, h;
    size_t len;
    unsigned char *d = slurp(f->png, &len);
    for (size_t cut = 0; cut < 29; cut++)
        assert_false(image_probe(d, cut, &w, &h, NULL, err, sizeof err));
    assert_true(image_probe(d, 29, &w, &h, NULL, err, sizeof err));
    free(d);

    d = slurp(f->jpeg, &len);
    size_t first_ok = 0;
    while (first_ok < len && !image_probe(d, first_ok, &w, &h, NULL, err, sizeof err))
        first_ok++;
    free(d);
    assert_true(first_ok > 20 && first_ok < len); /* past SOI, APP0 and the tables */
}

static void probe_refuses_sizes_over_the_limit(void **state)
{
    const struct fixture *f = *state;
    char err[ERR_LEN];
    int w, h;
    size_t len;
    unsigned char *d = slurp(f->png, &len);
    put_be32(d + PNG_W_AT, 9000);
    put_be32(d + PNG_W_AT + 4, 9000);
    bool huge = image_probe(d, len, &w, &h, NULL, err, sizeof err);
    put_be32(d + PNG_W_AT, 20000);
    put_be32(d + PNG_W_AT + 4, 300);
    bool wide = image_probe(d, len, &w, &h, NULL, err, sizeof err);
    char wide_err[ERR_LEN];
    strcpy(wide_err, err);
    put_be32(d + PNG_W_AT, 0xFFFFFFFFu);
    bool max = image_probe(d, len, &w, &h, NULL, err, sizeof err);
    put_be32(d + PNG_W_AT, 0);
    bool empty = image_probe(d, len, &w, &h, NULL, err, sizeof err);
    free(d);
    assert_false(huge);
    assert_false(wide);
    assert_string_equal(wide_err, "image is 20000x300 pixels, larger than the 8192x8192 limit");
    assert_false(max);
    assert_false(empty);
    assert_string_equal(err, "image has no pixels (0x300)");
}

/* ---- decode ---- */

static void decode_makes_an_argb8888_surface_of_the_header_size(void **state)
{
    const struct fixture *f = *state;
    char err[ERR_LEN] = "";
    size_t len;
    unsigned char *d = slurp(f->png, &len);
    SDL_Surface *png = image_decode(d, len, err, sizeof err);
    free(d);
    d = slurp(f->jpeg, &len);
    SDL_Surface *jpeg = image_decode(d, len, err, sizeof err);
    free(d);
    assert_non_null(png);
    assert_non_null(jpeg);
    assert_int_equal(png->format->format, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(jpeg->format->format, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(png->w, 37);
    assert_int_equal(png->h, 21);
    assert_int_equal(jpeg->w, 50);
    assert_int_equal(jpeg->h, 30);
    assert_int_equal(pixel(png, 36, 20), FILL_ARGB);
    assert_close_to_fill(pixel(jpeg, 25, 15));
    SDL_FreeSurface(jpeg);
    SDL_FreeSurface(png);
}

static void decode_scales_large_images_down_keeping_the_aspect(void **state)
{
    const struct fixture *f = *state;
    char err[ERR_LEN] = "";
    SDL_Surface *wide = image_load_file(f->wide, err, sizeof err);
    SDL_Surface *tall = image_load_file(f->tall, err, sizeof err);
    assert_non_null(wide);
    assert_non_null(tall);
    assert_int_equal(wide->w, 1024);
    assert_int_equal(wide->h, 341);
    assert_int_equal(tall->w, 341);
    assert_int_equal(tall->h, 1024);
    assert_int_equal(wide->format->format, SDL_PIXELFORMAT_ARGB8888);
    assert_close_to_fill(pixel(wide, 512, 170));
    assert_close_to_fill(pixel(wide, 1023, 340));
    assert_close_to_fill(pixel(tall, 170, 512));
    SDL_FreeSurface(tall);
    SDL_FreeSurface(wide);
}

static void decode_refuses_a_png_whose_header_lies_about_its_size(void **state)
{
    const struct fixture *f = *state;
    char err[ERR_LEN] = "";
    size_t len;
    unsigned char *d = slurp(f->png, &len);
    put_be32(d + PNG_W_AT, 40); /* the data holds 37 columns; the CRC is now wrong too */
    SDL_Surface *bad_crc = image_decode(d, len, err, sizeof err);
    png_set_size(d, 40, 21); /* a consistent header over too little data */
    SDL_Surface *wider = image_decode(d, len, err, sizeof err);
    png_set_size(d, 37, 20); /* one row too many: libpng ignores it, the header wins */
    SDL_Surface *shorter = image_decode(d, len, err, sizeof err);
    int shorter_h = shorter ? shorter->h : -1;
    png_set_size(d, 37, 21); /* the original again */
    SDL_Surface *same = image_decode(d, len, err, sizeof err);
    free(d);
    SDL_FreeSurface(bad_crc);
    SDL_FreeSurface(wider);
    SDL_FreeSurface(shorter);
    assert_null(bad_crc);
    assert_null(wider);
    assert_int_equal(shorter_h, 20);
    assert_non_null(same);
    SDL_FreeSurface(same);
}

static void decode_refuses_truncated_files(void **state)
{
    const struct fixture *f = *state;
    char err[ERR_LEN] = "";
    size_t len;
    unsigned char *d = slurp(f->png, &len);
    SDL_Surface *half = image_decode(d, len / 2, err, sizeof err);
    SDL_Surface *header = image_decode(d, 40, err, sizeof err);
    free(d);
    SDL_FreeSurface(half);
    SDL_FreeSurface(header);
    assert_null(half);
    assert_null(header);
    /* libjpeg would pad a cut JPEG with grey: every cut, even of the last byte, is
     * refused. */
    d = slurp(f->jpeg, &len);
    size_t decoded = 0;
    for (size_t cut = 10; cut < len; cut += cut < len - 16 ? 37 : 1) {
        SDL_Surface *jpeg = image_decode(d, cut, err, sizeof err);
        decoded += jpeg != NULL;
        SDL_FreeSurface(jpeg);
    }
    free(d);
    assert_int_equal(decoded, 0);
}

static void decode_refuses_garbage_empty_and_oversized_input(void **state)
{
    (void)state;
    char err[ERR_LEN] = "";
    const unsigned char junk[] = "\x89PNG\r\n\x1a\n but then nothing like an IHDR chunk at all";
    assert_null(image_decode(junk, sizeof junk, err, sizeof err));
    assert_null(image_decode(junk, 0, err, sizeof err));
    assert_null(image_decode(NULL, 0, err, sizeof err));
    unsigned char *big = calloc(IMAGE_MAX_BYTES + 1u, 1);
    assert_non_null(big);
    SDL_Surface *s = image_decode(big, IMAGE_MAX_BYTES + 1u, err, sizeof err);
    free(big);
    assert_null(s);
    assert_non_null(strstr(err, "larger than"));
}

static void load_file_refuses_missing_and_oversized_files(void **state)
{
    const struct fixture *f = *state;
    char err[ERR_LEN] = "";
    char missing[128];
    snprintf(missing, sizeof missing, "%s/missing.png", f->dir);
    assert_null(image_load_file(missing, err, sizeof err));
    assert_non_null(strstr(err, "No such file"));
    assert_null(image_load_file(f->too_big, err, sizeof err));
    assert_non_null(strstr(err, "larger than"));
    assert_null(image_load_file(f->dir, err, sizeof err)); /* a directory */
    assert_null(image_load_file(NULL, err, sizeof err));
}

/* The committed fixtures (also seeds for the image_probe fuzzer) stay decodable. */
/* Found by fuzzing: a chunk cut short made SDL_image/libpng loop forever. */
static void decode_refuses_a_png_chunk_cut_short_instead_of_hanging(void **state)
{
    (void)state;
    const char *data = getenv("VITRINE_TEST_DATA");
    char path[4096], err[256];
    if (!data) skip();
    snprintf(path, sizeof path, "%s/fuzz/regressions/image_decode/%s", data,
             "png-text-chunk-cut-short-hangs-sdl-image");
    assert_null(image_load_file(path, err, sizeof err));
    assert_non_null(strstr(err, "truncated PNG"));
    snprintf(path, sizeof path, "%s/fuzz/regressions/image_decode/%s", data,
             "png-chunk-cut-short-hangs-sdl-image");
    assert_null(image_load_file(path, err, sizeof err));
}

static void load_file_decodes_the_committed_fixtures(void **state)
{
    (void)state;
    const char *data = getenv("VITRINE_TEST_DATA");
    char path[512], err[ERR_LEN] = "";
    if (!data) skip();
    snprintf(path, sizeof path, "%s/images/tiny.png", data);
    SDL_Surface *png = image_load_file(path, err, sizeof err);
    snprintf(path, sizeof path, "%s/images/tiny.jpg", data);
    SDL_Surface *jpeg = image_load_file(path, err, sizeof err);
    bool png_ok = png && png->w == 4 && png->h == 3 && pixel(png, 0, 0) == 0xFFFF0000u &&
                  pixel(png, 3, 0) >> 24 == 0 && pixel(png, 0, 1) >> 24 == 0x80;
    bool jpeg_ok = jpeg && jpeg->w == 8 && jpeg->h == 8;
    SDL_FreeSurface(jpeg);
    SDL_FreeSurface(png);
    assert_true(png_ok);
    assert_true(jpeg_ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(probe_reads_png_and_jpeg_sizes),
        cmocka_unit_test(probe_walks_jpeg_segments_and_fill_bytes),
        cmocka_unit_test(probe_refuses_garbage_and_empty_input),
        cmocka_unit_test(probe_refuses_truncated_headers),
        cmocka_unit_test(probe_refuses_sizes_over_the_limit),
        cmocka_unit_test(decode_makes_an_argb8888_surface_of_the_header_size),
        cmocka_unit_test(decode_scales_large_images_down_keeping_the_aspect),
        cmocka_unit_test(decode_refuses_a_png_whose_header_lies_about_its_size),
        cmocka_unit_test(decode_refuses_truncated_files),
        cmocka_unit_test(decode_refuses_garbage_empty_and_oversized_input),
        cmocka_unit_test(load_file_refuses_missing_and_oversized_files),
        cmocka_unit_test(decode_refuses_a_png_chunk_cut_short_instead_of_hanging),
        cmocka_unit_test(load_file_decodes_the_committed_fixtures),
    };
    return cmocka_run_group_tests_name("image", tests, make_files, remove_files);
}
