/* fonts — the typefaces vitrine draws with, found through fonts/fonts.list (Debian font
 * packages) or VITRINE_FONT_REGULAR / VITRINE_FONT_BOLD, measured and rendered with
 * SDL_ttf (HarfBuzz shaping). Characters the main face lacks (Arabic, Hebrew, symbols)
 * come from fallback faces, run by run, instead of boxes. Render thread only. */
#ifndef VITRINE_FONTS_H
#define VITRINE_FONTS_H

#include "text.h"

#include <stdbool.h>
#include <stddef.h>

struct SDL_Surface;

struct fonts;

/* list_path: a fonts.list file. Needs TTF_Init. NULL with a reason in err when no
 * regular or bold face can be opened. */
struct fonts *fonts_open(const char *list_path, char *err, size_t errlen);
void fonts_close(struct fonts *f);

/* The metrics the text layout engine measures with (valid while f lives). */
const struct text_metrics *fonts_metrics(struct fonts *f);

/* Renders s[0..len) on one line of a paragraph that is right to left or not (see
 * bidi_is_rtl), antialiased, in colour 0xRRGGBBAA. NULL for empty text. */
struct SDL_Surface *fonts_render(struct fonts *f, enum font_style style, int size, const char *s,
                                 size_t len, bool rtl, unsigned rgba);

#endif
