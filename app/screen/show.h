/* show — the render thread's state: the deck on screen, the update waiting for the
 * next slide boundary, the transition under way, the chrome's texts, screen hours; and
 * the decision of when a new frame is needed at all, so an unchanged slide costs no CPU.
 * Render thread only. */
#ifndef VITRINE_SHOW_H
#define VITRINE_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct alarm;
struct bundle;
struct clock;
struct render;
struct status;
struct SDL_Surface;

struct show_config {
    const struct clock *clock;
    struct render *render;
    struct status *status;     /* may be NULL */
    int64_t min_valid_s;       /* wall clock before this (the build date) counts as unset */
    int interval_s;            /* poll interval: content is stale after 3 without success */
    bool remote;               /* the feed is polled, so staleness applies */
    int screen_on, screen_off; /* minutes after local midnight, or -1: always on */
    const char *screen;        /* this screen's name for the slides' "screens", or NULL */
    int64_t rehearsal_ms;      /* --at: how far clock's wall time is ahead of the real one */
    struct alarm *alarm;       /* emergency alerts over the slideshow, or NULL */
};

struct show;

/* Takes ownership of initial (which must not be NULL). */
struct show *show_new(const struct show_config *cfg, struct bundle *initial);
void show_free(struct show *sh);

/* Takes ownership of b: it goes on screen at the next slide boundary (at once over the
 * idle screen, and at once when it is the first real deck over the built-in demo deck),
 * with the normal transition; a newer offer replaces one still waiting. */
void show_offer(struct show *sh, struct bundle *b);

/* Brings the picture up to date (drawing a frame only if something visible changed)
 * and returns how many milliseconds may pass before the next call is needed. */
int64_t show_tick(struct show *sh);

/* Outside screen hours (the screen is blanked). */
bool show_is_blank(const struct show *sh);

/* The id of the slide on screen and when its showing started (*start_ms, wall), or
 * NULL over the idle screen and outside screen hours. Valid until the next tick. */
const char *show_slide_now(const struct show *sh, int64_t *start_ms);

/* The stale mark is up: a polled feed without a success for 3 intervals (counted from
 * the start of the run when there was never one). */
bool show_is_stale(const struct show *sh);

/* Frames drawn so far (tests and the exit report: an unchanged screen draws none). */
unsigned long show_frames(const struct show *sh);

/* Logs the frame-time statistics so far (also done at show_free), e.g. on SIGUSR2. */
void show_log_stats(const struct show *sh);

/* One line for a technician: what is on screen, from which deck, how fresh. */
void show_describe(const struct show *sh, char *buf, size_t cap);

/* The window was exposed or resized: draw again at the next tick. */
void show_invalidate(struct show *sh);

/* The last frame (as the screen shows it, or upright with logical), or NULL. */
struct SDL_Surface *show_snapshot(struct show *sh, bool logical);

/* Writes every active slide in every language as DIR/NN-ID-LANG.png, plus
 * DIR/layout.json (every text box and the safe area, per image). Returns the number
 * of images written, or -1 on an error (logged). */
int show_render_slides(struct show *sh, const char *dir);

#endif
