/* designs — the slide designs, one per slide type, written with draft.h's toolkit, and
 * the table layout.c finds them in. Internal to the layout. Pure; render thread.
 *
 * Each design is a column of text blocks stacked top to bottom and centred vertically,
 * with a visual column (badge, logo card, QR code) beside it on landscape screens and
 * above or below it on portrait ones. A new slide type's design is a function in
 * designs.c and a row in its table: its palette, its kicker among labels.h's rows. */
#ifndef VITRINE_DESIGNS_H
#define VITRINE_DESIGNS_H

#include "draft.h"
#include "feed.h"

#include <stdbool.h>
#include <stddef.h>

/* Lays slide s out in feed language lang inside area (the content area, below the urgent
 * banner if any). has_image: its picture decoded (else the designed fallback). */
typedef void (*design_fn)(struct draft *c, const struct slide *s, size_t lang, bool has_image,
                          struct layout_rect area);

struct design {
    struct draft_palette palette;
    /* The slide's subtitle is drawn as a block of its own, so a layout that drops it
     * has lost it (a delegation draws it joined with its date instead). */
    bool own_subtitle;
    design_fn lay;
};

/* The design of slide type type (never NULL for a type feed.h defines). */
const struct design *designs_for(enum slide_type type);

#endif
