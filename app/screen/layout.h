/* layout — where everything goes on a slide, as pure arithmetic: safe margins, the three
 * slide designs (partner, delegation, announcement), the urgent treatment, the idle
 * screen and the chrome (event name, clock, progress). No SDL: text is measured through
 * struct text_metrics, so layouts are unit tested and checked against the safe area.
 *
 * All sizes derive from the logical screen (w x h, after rotation), so one design works
 * at 1280x720, 1920x1080, 3840x2160 and portrait 1080x1920. */
#ifndef VITRINE_LAYOUT_H
#define VITRINE_LAYOUT_H

#include "feed.h"
#include "text.h"

#include <stdbool.h>
#include <stddef.h>

#define LAYOUT_MAX_ELEMS   96
#define LAYOUT_STRINGS     4096 /* bytes for generated labels ("+ 12 more", initials) */
#define LAYOUT_SAFE_MARGIN 5    /* percent of each side, before overscan */

struct layout_rect {
    int x, y, w, h;
};

enum layout_elem_kind {
    LAYOUT_ELEM_TEXT,  /* a laid-out text block */
    LAYOUT_ELEM_RECT,  /* a filled rectangle (cards, rules, the urgent band) */
    LAYOUT_ELEM_DISC,  /* a filled circle inscribed in box (monogram badge) */
    LAYOUT_ELEM_IMAGE, /* the slide's image, fitted inside box, aspect kept */
    LAYOUT_ELEM_QR,    /* the slide's link as a QR code, square, in box */
};

struct elem {
    enum layout_elem_kind kind;
    struct layout_rect box; /* text: the block's real extent, inside the safe area */
    unsigned color;         /* 0xRRGGBBAA */
    enum font_style style;  /* text */
    const char *text;       /* LAYOUT_ELEM_TEXT: source bytes (feed or the layout's own strings) */
    size_t len;
    enum text_align align; /* within the box the text got */
    struct text_block block;
};

struct slide_layout {
    int w, h;                   /* logical screen */
    struct layout_rect safe;    /* margins included */
    unsigned bg_top, bg_bottom; /* background gradient, 0xRRGGBBAA */
    unsigned accent;
    struct layout_rect clock; /* idle screen: where the large clock goes */
    size_t n;
    struct elem e[LAYOUT_MAX_ELEMS];
    size_t strings_used;
    char strings[LAYOUT_STRINGS];
};

/* The chrome: fixed boxes; its texts change (clock each minute, progress each slide). */
struct chrome_layout {
    struct layout_rect safe;
    struct layout_rect name;     /* event name, top left */
    struct layout_rect clock;    /* top right */
    struct layout_rect progress; /* "3 / 9" and dots, bottom left */
    struct layout_rect bar;      /* time-left bar, bottom, full width of the safe area */
    struct layout_rect stale;    /* the small "content not updated" mark, bottom right */
    int text_size;               /* px */
};

/* The safe area of a w x h screen with overscan percent extra margin per side. */
struct layout_rect layout_safe_area(int w, int h, int overscan);

void layout_chrome(struct chrome_layout *out, int w, int h, int overscan);

/* Lays out slide s in language lang of feed. has_image: a decoded image exists (else
 * the designed fallback is used). out is fully rewritten. */
void layout_slide(struct slide_layout *out, const struct feed *feed, const struct slide *s,
                  size_t lang, bool has_image, int w, int h, int overscan,
                  const struct text_metrics *m);

/* The largest box (w, h; x = y = 0) any layout of a slide of this type draws its image
 * in on a w x h logical screen (after rotation) with overscan: the maximum over every
 * variant (urgent or not, with a QR code or not, every heading squeeze), found by
 * running the designs themselves, so the decoder and the drawing cannot disagree.
 * {0, 0, 0, 0} for a type that never draws an image (or when memory runs out). */
struct layout_rect layout_image_max(enum slide_type type, int w, int h, int overscan);

struct cap_view;

/* An emergency alert in text text of v (see cap.h): takeover, the whole content area
 * on red (Extreme) or orange (Severe); else a band across the bottom of the content
 * area, drawn over the running slide, that never covers the chrome. */
void layout_alert(struct slide_layout *out, const struct cap_view *v, size_t text, int w, int h,
                  int overscan, const struct text_metrics *m);

/* The idle screen: the event name, and out->clock where the renderer draws a large clock. */
void layout_idle(struct slide_layout *out, const struct feed *feed, size_t lang, int w, int h,
                 int overscan, const struct text_metrics *m);

#endif
