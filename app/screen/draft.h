/* draft — the toolkit slide designs are written with: the type scale, the state of one
 * layout call (a struct draft: the layout being filled, the metrics, the palette, the
 * language), and placing elements, text blocks, columns and visuals on it. Internal to
 * the layout (layout.c, designs.c). Pure; render thread.
 *
 * Type scale: every size is a multiple of u = 1% of the screen height (so body text is
 * at least 3u, legible from 5 m on a 1080p screen), capped by the width on portrait
 * screens. Sizes below are in hundredths of u; draft_px turns them into pixels. */
#ifndef VITRINE_DRAFT_H
#define VITRINE_DRAFT_H

#include "labels.h"
#include "layout.h"

#include <stdbool.h>
#include <stddef.h>

#define DRAFT_TITLE_MIN   420
#define DRAFT_SUB_MIN     320
#define DRAFT_BODY_MAX    370
#define DRAFT_BODY_MIN    300 /* 3% of the screen height: the legibility floor */
#define DRAFT_CHROME_SIZE 300
#define DRAFT_GAP         220 /* between blocks */
#define DRAFT_MAX_SQUEEZE 4   /* steps a slide's headings may shrink so the rest fits */

/* Colours, 0xRRGGBBAA. */
struct draft_palette {
    unsigned bg_top, bg_bottom, accent, title, body, muted;
};

struct draft_scale {
    int w, h;
    double u; /* px per 1% of height, width-capped */
    struct layout_rect safe;
    bool portrait;
    int title_max, sub_max; /* hundredths of u */
};

/* Everything one layout call needs, so helpers take one argument. */
struct draft {
    struct slide_layout *out;
    const struct text_metrics *m;
    struct draft_scale sc;
    struct draft_palette pal;
    const char *lang;
    int squeeze;   /* 0..DRAFT_MAX_SQUEEZE: how much headings give up so the body fits */
    size_t hidden; /* content that did not fit: members behind "+ N more", dropped texts */
};

/* A column of text blocks, filled top to bottom, centred vertically when done. */
struct draft_column {
    struct layout_rect r;
    int y;        /* next free pixel row */
    size_t first; /* first element placed in this column */
};

/* The scale of a w x h screen with overscan percent extra margin per side. */
struct draft_scale draft_scale_of(int w, int h, int overscan);

/* hundredths of u, in pixels. */
int draft_px(const struct draft_scale *sc, int hundredths);

/* Starts c on out (emptied) for a w x h screen, with palette pal and language lang. */
void draft_begin(struct draft *c, struct slide_layout *out, const struct draft_palette *pal, int w,
                 int h, int overscan, const struct text_metrics *m, const char *lang);

/* Appends an element, or returns NULL when the layout is full. */
struct elem *draft_push(struct draft *c, enum layout_elem_kind kind, struct layout_rect box,
                        unsigned color);

/* A copy of a generated string ("+ 12 more", initials) that elements may point at;
 * "" when the layout's string space is full. */
const char *draft_keep(struct draft *c, const char *s);

/* Fits text in box and appends it as a LAYOUT_ELEM_TEXT (nothing if it cannot fit).
 * Sizes in px. Returns the height used. */
int draft_text(struct draft *c, const char *text, struct layout_rect box, enum font_style style,
               int max_size, int min_size, int max_lines, unsigned color, enum text_align align);

/* A heading's size max (hundredths of u) at the current squeeze, never below floor. */
int draft_heading(const struct draft *c, int max, int floor);

struct draft_column draft_column_start(const struct draft *c, struct layout_rect r);

/* Adds a block (sizes in hundredths of u) of at most max_h pixels (0: all that is left)
 * and a gap after it. */
void draft_column_add(struct draft *c, struct draft_column *col, const char *text,
                      enum font_style style, int max_size, int min_size, int max_lines, int max_h,
                      unsigned color, int gap);

/* Centres the column's blocks vertically in its box. */
void draft_column_centre(struct draft *c, struct draft_column *col, int last_gap);

/* Splits area into a visual box and a text column (side by side, or stacked on a
 * portrait screen). frac: the visual's share. */
void draft_split(const struct draft *c, struct layout_rect area, double frac,
                 struct layout_rect *visual, struct layout_rect *text);

/* The largest square centred in r, scaled by frac. */
struct layout_rect draft_square_in(struct layout_rect r, double frac);

/* The slide's picture on a light card, or where there is none (no logo, or it failed to
 * load) the designed fallback: a badge with the initials of name. */
void draft_visual(struct draft *c, struct layout_rect box, bool has_image, const char *name);

/* The small capitals above a title saying what the slide is (none on an urgent slide). */
void draft_kicker(struct draft *c, struct draft_column *col, enum label which, bool urgent);

#endif
