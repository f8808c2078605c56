/* render — turns layouts into pixels with SDL's renderer. A slide's texts, badge, image
 * and QR code are rasterised once into textures when the slide is prepared (a "view");
 * a frame is then only texture copies: background, elements, chrome, transition.
 * The frame is composed at the logical size and rotated by vitrine itself, because
 * SDL's KMS/DRM path ignores the Pi's display-rotation settings. Render thread only. */
#ifndef VITRINE_RENDER_H
#define VITRINE_RENDER_H

#include "feed.h"
#include "layout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct SDL_Renderer;
struct SDL_Surface;
struct bundle;
struct fonts;

struct render_config {
    int out_w, out_h; /* the output (window, screen, headless surface), pixels */
    int rotate;       /* 0, 90, 180, 270: the logical picture is out rotated back */
    int overscan;     /* percent */
    struct fonts *fonts;
};

struct render;
struct view; /* one slide (or the idle screen) in one language, rasterised */

struct render *render_new(struct SDL_Renderer *r, const struct render_config *cfg);
void render_free(struct render *rd);

/* Logs what went to the renderer: texture uploads while preparing views and while
 * drawing frames (a frame should upload nothing but a changed chrome text), slide
 * pictures created and reused. */
void render_log_stats(const struct render *rd);

/* The logical size slides are laid out at (out size, swapped for 90/270). */
void render_logical_size(const struct render *rd, int *w, int *h);

/* Slide slide of b in language lang as it is at wall time wall_s (unix seconds): a
 * sessions board shows that moment. *relayout_s receives when the view goes out of date
 * (INT64_MAX: never), at which point the caller builds it again. */
struct view *render_view_slide(struct render *rd, const struct bundle *b, size_t slide, size_t lang,
                               int64_t wall_s, int64_t *relayout_s);
struct view *render_view_idle(struct render *rd, const struct feed *feed, size_t lang);
struct cap_view;
/* An emergency alert in its text number text (layout_alert): a takeover is a whole
 * picture; a banner is drawn over the running slide. */
struct view *render_view_alert(struct render *rd, const struct cap_view *v, size_t text);
void render_view_free(struct view *v);
const struct slide_layout *render_view_layout(const struct view *v);

/* What one frame shows. */
struct frame {
    const struct view *cur;
    const struct view *prev; /* during a transition, else NULL */
    double t;                /* transition progress, 0..1 */
    enum transition kind;
    const char *event_name;              /* chrome, top left (NULL on the idle screen) */
    const char *clock;                   /* "14:05" */
    const char *progress;                /* "3 / 9", or NULL */
    double elapsed;                      /* share of the slide's time gone, 0..1, for the bar */
    const char *stale;                   /* the stale-content mark's text, or NULL */
    const struct layout_rect *big_clock; /* idle screen: the clock drawn large here */
    const struct view *alert;            /* an emergency alert over it all, or NULL */
};

/* Draws and presents one frame. */
void render_frame(struct render *rd, const struct frame *f);

/* Draws f again, without presenting, and returns a copy of the pixels (ARGB8888) or
 * NULL: as the screen shows it, or upright at the logical size when logical is true
 * (--render-slides). */
struct SDL_Surface *render_snapshot(struct render *rd, const struct frame *f, bool logical);

#endif
