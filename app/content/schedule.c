/* schedule — which slide shows when, as a pure function of the wall clock (see
 * schedule.h).
 *
 * Render thread only in practice, but nothing here is mutable after schedule_new(), so
 * any thread may query a schedule. schedule_new() converts every window to milliseconds
 * once (saturating instead of overflowing) and sorts the window boundaries, so
 * schedule_at(), called at every frame wake-up, is two allocation-free passes over at
 * most FEED_MAX_SLIDES slides -- three, and one allocation of the loop's order, only
 * while a weighted slide is active. Slides meant for other screens are dropped here,
 * once: the screen's name never changes while a schedule lives. */
#include "schedule.h"

#include "feed.h"
#include "hours.h"
#include "placement.h"
#include "weights.h"

#include <stdlib.h>

#define MS_PER_S 1000

/* A slide as the scheduler sees it: times in ms, duration already bounded. */
struct dslide {
    int64_t start_ms;          /* window start, when has_start */
    int64_t end_ms;            /* window end (exclusive), when has_end */
    int64_t dur_ms;            /* in [FEED_MIN_DURATION, FEED_MAX_DURATION] seconds */
    const struct hours *hours; /* the feed's; NULL when the slide has none */
    int weight;                /* showings per loop, WEIGHTS_MIN..WEIGHTS_MAX */
    bool has_start, has_end;
    bool urgent;
    bool elsewhere; /* meant for other screens: never shown here */
};

struct schedule {
    const struct feed *feed;
    const struct zone *zone; /* the event's: hours are read in it */
    int64_t min_valid_ms;    /* wall times before this mean the clock is unset */
    size_t n_langs;
    size_t n_slides;
    size_t n_unscheduled;  /* slides without any window */
    struct dslide *slides; /* n_slides, feed order */
    int64_t *boundaries;   /* every window start and end, ascending, without repeats */
    size_t n_boundaries;
};

/* Which slides rotate at one instant: computed by summarize(), then tested per slide
 * by is_member(), so no list needs to be stored. */
struct active {
    bool clock_unset;    /* windows ignored */
    bool all_when_unset; /* clock unset and every slide scheduled: all rotate */
    bool urgent;         /* only urgent slides rotate */
    size_t count;        /* active slides */
    size_t copies;       /* showings of them in one pass: the sum of their weights */
    int64_t sum_ms;      /* sum of their durations times weights: one language's pass */
    bool weighted;       /* some active slide shows more than once per pass */
};

static int64_t seconds_to_ms(int64_t s)
{
    if (s > INT64_MAX / MS_PER_S) return INT64_MAX;
    if (s < INT64_MIN / MS_PER_S) return INT64_MIN;
    return s * MS_PER_S;
}

static int64_t add_sat(int64_t a, int64_t b)
{
    if (b > 0 && a > INT64_MAX - b) return INT64_MAX;
    if (b < 0 && a < INT64_MIN - b) return INT64_MIN;
    return a + b;
}

/* The feed validates durations; bounding them again here is what makes the loop
 * arithmetic provably overflow-free: 500 slides x 3600 s x 4 languages < 2^33 ms. */
static int64_t bounded_duration(int duration_ms)
{
    const int64_t lo = (int64_t)FEED_MIN_DURATION * MS_PER_S;
    const int64_t hi = (int64_t)FEED_MAX_DURATION * MS_PER_S;
    if (duration_ms < lo) return lo;
    if (duration_ms > hi) return hi;
    return duration_ms;
}

static void convert_slide(const struct slide *s, const char *screen, struct dslide *d)
{
    d->has_start = s->start != FEED_NO_TIME;
    d->has_end = s->end != FEED_NO_TIME;
    d->start_ms = d->has_start ? seconds_to_ms(s->start) : 0;
    d->end_ms = d->has_end ? seconds_to_ms(s->end) : 0;
    d->dur_ms = bounded_duration(s->duration_ms);
    d->hours = s->hours.n > 0 ? &s->hours : NULL;
    d->weight = s->weight < WEIGHTS_MIN   ? WEIGHTS_MIN
                : s->weight > WEIGHTS_MAX ? WEIGHTS_MAX
                                          : s->weight;
    d->urgent = s->urgent;
    d->elsewhere = !placement_for_screen(s, screen);
}

/* What rotates while the clock is unset: hours need the clock as much as windows do. */
static bool unscheduled(const struct dslide *d)
{
    return !d->has_start && !d->has_end && !d->hours;
}

static int compare_i64(const void *a, const void *b)
{
    const int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Collects the instants at which the active set can change. */
static void collect_boundaries(struct schedule *sched)
{
    size_t n = 0;
    for (size_t i = 0; i < sched->n_slides; i++) {
        const struct dslide *d = &sched->slides[i];
        if (d->elsewhere) continue;
        if (d->has_start) sched->boundaries[n++] = d->start_ms;
        if (d->has_end) sched->boundaries[n++] = d->end_ms;
    }
    if (n > 1) qsort(sched->boundaries, n, sizeof *sched->boundaries, compare_i64);
    size_t unique = 0;
    for (size_t i = 0; i < n; i++)
        if (unique == 0 || sched->boundaries[unique - 1] != sched->boundaries[i])
            sched->boundaries[unique++] = sched->boundaries[i];
    sched->n_boundaries = unique;
}

/* What the content allows on top of the feed's own window. */
static void limit_slide(struct dslide *d, int64_t until)
{
    if (until == INT64_MAX) return;
    if (until == SCHEDULE_NEVER) {
        d->elsewhere = true; /* as good as meant for no screen */
        return;
    }
    const int64_t end = seconds_to_ms(until);
    if (!d->has_end || end < d->end_ms) d->end_ms = end;
    d->has_end = true;
}

struct schedule *schedule_new(const struct feed *feed, int64_t min_valid_s, const char *screen)
{
    return schedule_new_limited(feed, min_valid_s, screen, NULL);
}

struct schedule *schedule_new_limited(const struct feed *feed, int64_t min_valid_s,
                                      const char *screen, const int64_t *until)
{
    if (feed == NULL) return NULL;
    struct schedule *sched = calloc(1, sizeof *sched);
    if (sched == NULL) return NULL;
    sched->feed = feed;
    sched->zone = feed_zone(feed);
    sched->min_valid_ms = seconds_to_ms(min_valid_s);
    sched->n_langs = feed_lang_count(feed) > 0 ? feed_lang_count(feed) : 1;
    sched->n_slides = feed_slide_count(feed);
    /* +1: calloc(0) may return NULL, which must not read as out of memory. */
    sched->slides = calloc(sched->n_slides + 1, sizeof *sched->slides);
    sched->boundaries = calloc(2 * sched->n_slides + 1, sizeof *sched->boundaries);
    if (sched->slides == NULL || sched->boundaries == NULL) goto fail;
    for (size_t i = 0; i < sched->n_slides; i++) {
        convert_slide(feed_slide(feed, i), screen, &sched->slides[i]);
        if (until) limit_slide(&sched->slides[i], until[i]);
        if (!sched->slides[i].elsewhere && unscheduled(&sched->slides[i])) sched->n_unscheduled++;
    }
    collect_boundaries(sched);
    return sched;
fail:
    schedule_free(sched);
    return NULL;
}

void schedule_free(struct schedule *sched)
{
    if (sched == NULL) return;
    free(sched->boundaries);
    free(sched->slides);
    free(sched);
}

const struct feed *schedule_feed(const struct schedule *sched)
{
    return sched->feed;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

/* Active before urgency is considered: the start/end window and the hours must both
 * hold. */
static bool is_candidate(const struct schedule *sched, const struct dslide *d,
                         const struct active *a, int64_t now_ms)
{
    if (d->elsewhere) return false;
    if (a->clock_unset) return a->all_when_unset || unscheduled(d);
    return (!d->has_start || now_ms >= d->start_ms) && (!d->has_end || now_ms < d->end_ms) &&
           (!d->hours || hours_inside(d->hours, sched->zone, floor_div(now_ms, MS_PER_S)));
}

static bool is_member(const struct schedule *sched, const struct dslide *d, const struct active *a,
                      int64_t now_ms)
{
    return is_candidate(sched, d, a, now_ms) && (!a->urgent || d->urgent);
}

static struct active summarize(const struct schedule *sched, int64_t now_ms)
{
    struct active a = {0};
    a.clock_unset = now_ms < sched->min_valid_ms;
    a.all_when_unset = a.clock_unset && sched->n_unscheduled == 0;
    for (size_t i = 0; i < sched->n_slides && !a.urgent; i++) {
        const struct dslide *d = &sched->slides[i];
        a.urgent = d->urgent && is_candidate(sched, d, &a, now_ms);
    }
    for (size_t i = 0; i < sched->n_slides; i++) {
        const struct dslide *d = &sched->slides[i];
        if (!is_member(sched, d, &a, now_ms)) continue;
        a.count++;
        a.copies += (size_t)d->weight;
        a.sum_ms += d->dur_ms * d->weight;
        a.weighted |= d->weight > 1;
    }
    return a;
}

/* The loop of one pass as indices into the slides: every active slide weight times,
 * spread by weights_order. NULL when memory runs out; the caller then walks the copies
 * of each slide in a row, which has the same length, so the position stays right. */
static size_t *weighted_loop(const struct schedule *sched, const struct active *a, int64_t now_ms)
{
    size_t *members = malloc(a->count * sizeof *members);
    int *w = malloc(a->count * sizeof *w);
    size_t *order = malloc(a->copies * sizeof *order);
    size_t n = 0;
    if (members && w && order) {
        for (size_t i = 0; i < sched->n_slides; i++) {
            if (!is_member(sched, &sched->slides[i], a, now_ms)) continue;
            members[n] = i;
            w[n++] = sched->slides[i].weight;
        }
        if (weights_order(w, n, order, a->copies) == a->copies) {
            for (size_t k = 0; k < a->copies; k++)
                order[k] = members[order[k]];
        } else {
            free(order);
            order = NULL;
        }
    } else {
        free(order);
        order = NULL;
    }
    free(members);
    free(w);
    return order;
}

static void place(struct schedule_pos *pos, size_t slide, size_t index, int64_t now_ms,
                  int64_t into, int64_t dur_ms)
{
    pos->slide = slide;
    pos->index = index;
    pos->start_ms = add_sat(now_ms, -into);
    pos->end_ms = add_sat(pos->start_ms, dur_ms);
}

/* Fills pos with the showing that covers offset within (ms into one language's pass,
 * 0 <= within < a->sum_ms). */
static void locate(const struct schedule *sched, const struct active *a, int64_t now_ms,
                   int64_t within, struct schedule_pos *pos)
{
    int64_t offset = 0;
    size_t index = 0;
    size_t *order = a->weighted ? weighted_loop(sched, a, now_ms) : NULL;
    if (order) {
        for (size_t k = 0; k < a->copies; k++) {
            const int64_t dur = sched->slides[order[k]].dur_ms;
            if (within < offset + dur) {
                place(pos, order[k], k, now_ms, within - offset, dur);
                break;
            }
            offset += dur;
        }
        free(order);
        return;
    }
    for (size_t i = 0; i < sched->n_slides; i++) {
        const struct dslide *d = &sched->slides[i];
        if (!is_member(sched, d, a, now_ms)) continue;
        for (int c = 0; c < d->weight; c++) {
            if (within < offset + d->dur_ms) {
                place(pos, i, index, now_ms, within - offset, d->dur_ms);
                return;
            }
            offset += d->dur_ms;
            index++;
        }
    }
}

bool schedule_at(const struct schedule *sched, int64_t now_ms, struct schedule_pos *pos)
{
    const struct active a = summarize(sched, now_ms);
    if (a.count == 0) return false;
    /* Positive modulo on the unix epoch: every screen computes the same position. */
    const int64_t loop_ms = a.sum_ms * (int64_t)sched->n_langs;
    int64_t p = now_ms % loop_ms;
    if (p < 0) p += loop_ms;
    struct schedule_pos found = {0};
    found.lang = (size_t)(p / a.sum_ms);
    found.count = a.copies;
    found.urgent_mode = a.urgent;
    found.clock_unset = a.clock_unset;
    locate(sched, &a, now_ms, p % a.sum_ms, &found);
    *pos = found;
    return true;
}

int64_t schedule_next_change(const struct schedule *sched, int64_t now_ms)
{
    /* While unset, windows are ignored; the clock reaching the build date (normally an
     * NTP jump) is the only change coming. */
    if (now_ms < sched->min_valid_ms) return sched->min_valid_ms;
    int64_t first = INT64_MAX;
    const int64_t now_s = floor_div(now_ms, MS_PER_S);
    for (size_t i = 0; i < sched->n_slides; i++) {
        const struct dslide *d = &sched->slides[i];
        if (d->elsewhere || !d->hours) continue;
        const int64_t t = hours_next_change(d->hours, sched->zone, now_s);
        if (t != INT64_MAX && seconds_to_ms(t) < first) first = seconds_to_ms(t);
    }
    size_t lo = 0, hi = sched->n_boundaries; /* first boundary > now_ms */
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (sched->boundaries[mid] <= now_ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sched->n_boundaries && sched->boundaries[lo] < first) first = sched->boundaries[lo];
    return first;
}

size_t schedule_active(const struct schedule *sched, int64_t now_ms, size_t *out, size_t cap)
{
    const struct active a = summarize(sched, now_ms);
    size_t n = 0;
    for (size_t i = 0; i < sched->n_slides; i++) {
        if (!is_member(sched, &sched->slides[i], &a, now_ms)) continue;
        if (n < cap && out != NULL) out[n] = i;
        n++;
    }
    return n;
}
