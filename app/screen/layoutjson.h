/* layoutjson — what --render-slides writes beside each picture in layout.json: a slide
 * layout's safe area, every text block (its box, size, lines, whether it was cut, the
 * start of its text) and every image box, so tests and designers check a layout by its
 * numbers, not only by eye; and the file-name part made from a feed's slide id. Pure. */
#ifndef VITRINE_LAYOUTJSON_H
#define VITRINE_LAYOUTJSON_H

#include "layout.h"

#include <jansson.h>
#include <stddef.h>

/* The layout l of slide id in lang, drawn into file, as a JSON object (new reference). */
json_t *layoutjson_slide(const struct slide_layout *l, const char *file, const char *id,
                         const char *lang);

/* A file-name part from a slide id: anything outside [A-Za-z0-9_-] becomes '_', at most
 * 40 bytes. dst holds cap bytes. */
void layoutjson_file_part(char *dst, size_t cap, const char *id);

#endif
