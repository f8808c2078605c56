/* schedule — which slide of a deck shows when. Pure scheduling logic over an immutable
 * feed: no SDL, no clock reads (the caller passes the time in), so tests drive it with
 * any clock.
 *
 * Screens in one hall stay in step without talking to each other because the position
 * in the loop is a pure function of the synced wall clock: the time since the unix
 * epoch modulo the loop's length. The loop is every active slide in the first
 * language, then every active slide in the next language, and so on.
 *
 * A slide is active when the wall clock is inside its [start, end) window and inside
 * one of its "hours" (read in the event's zone), and it is meant for this screen (no
 * "screens", or one naming it); while any active slide is urgent, only urgent slides
 * rotate. A slide of weight N shows N times per language's pass, its copies spread
 * over the pass (weights.h). When the wall clock is obviously unset (earlier than the
 * build), windows and hours are ignored: the slides with neither rotate, or all slides
 * when every slide has one. */
#ifndef VITRINE_SCHEDULE_H
#define VITRINE_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct feed;

struct schedule_pos {
    size_t slide;     /* index into the feed's slides */
    size_t lang;      /* index into the feed's languages */
    size_t index;     /* 0-based position of this showing in the language's pass */
    size_t count;     /* showings per language's pass: the active slides' weights summed */
    int64_t start_ms; /* wall-clock ms when this showing began */
    int64_t end_ms;   /* wall-clock ms when it ends: the next boundary */
    bool urgent_mode; /* only urgent slides are rotating */
    bool clock_unset; /* schedule windows ignored, see above */
};

struct schedule;

/* The schedule keeps a pointer to feed, which must outlive it. min_valid_s is the wall
 * time (unix seconds) before which the clock counts as unset, normally the build date.
 * screen is this screen's name (NULL: none), for the slides' "screens"; not kept. */
struct schedule *schedule_new(const struct feed *feed, int64_t min_valid_s, const char *screen);

/* The same, with what the slides' content allows: until[i] (unix seconds) ends slide i's
 * window there too (a sessions board after its last talk), INT64_MAX leaves it alone,
 * SCHEDULE_NEVER keeps the slide out (a sessions slide without a usable programme).
 * until may be NULL; it is not kept. */
#define SCHEDULE_NEVER INT64_MIN
struct schedule *schedule_new_limited(const struct feed *feed, int64_t min_valid_s,
                                      const char *screen, const int64_t *until);
void schedule_free(struct schedule *sched);

const struct feed *schedule_feed(const struct schedule *sched);

/* Where the loop is at wall time now_ms (unix milliseconds). Returns false when no
 * slide is active (show the idle screen); then *pos is untouched. */
bool schedule_at(const struct schedule *sched, int64_t now_ms, struct schedule_pos *pos);

/* The next wall time after now_ms (ms) at which the set of active slides may change
 * (a window or an hours window opens or closes), or INT64_MAX if none: the render loop
 * wakes then. */
int64_t schedule_next_change(const struct schedule *sched, int64_t now_ms);

/* Every slide that would be active at now_ms, in loop order: fills out[] with up to
 * cap indices and returns how many there are in all. --render-slides uses it. */
size_t schedule_active(const struct schedule *sched, int64_t now_ms, size_t *out, size_t cap);

#endif
