/* show — the render loop's brain. Render thread only.
 *
 * Which slide is up is a pure function of the wall clock (schedule_at), so screens in a
 * hall agree; how far a transition has got is measured on the monotonic clock, so an
 * NTP jump never stutters an animation. Each tick compares what should be visible with
 * what was drawn last and draws only on a difference: a new slide, a running
 * transition, the clock's minute, the progress bar's second, the stale mark. */
#include "show.h"

#include "bundle.h"
#include "clock.h"
#include "schedule.h"
#include "feed.h"
#include "file.h"
#include "labels.h"
#include "log.h"
#include "platform.h"
#include "alarm.h"
#include "layoutjson.h"
#include "render.h"
#include "status.h"

#include <SDL.h>
#include <SDL_image.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TRANSITION_MS   800  /* fade and slide */
#define FRAME_MS        16   /* during transitions: about 60 frames a second */
#define BAR_STEP_MS     1000 /* the progress bar moves once a second: idle costs nothing */
#define STALE_INTERVALS 3
#define MAX_WAIT_MS     60000
#define STAT_SAMPLES    4096 /* frame-time samples kept for the exit report */

/* Frame statistics for the exit report (and the benchmark): milliseconds per frame
 * drawn, during transitions and otherwise, and per slide prepared. */
struct samples {
    float ms[STAT_SAMPLES];
    size_t n, total;
};

/* What a frame shows, to tell whether the next one differs. */
struct shown {
    bool idle;
    size_t slide, lang;
    int64_t start_ms;
};

struct show {
    struct show_config cfg;
    struct bundle *bundle, *pending, *retired; /* retired: still drawn as prev */
    struct schedule *schedule;                 /* when each slide of the bundle's deck shows */
    struct view *cur, *prev;
    struct shown shown;
    bool have_shown;
    enum transition kind;
    int64_t trans_start; /* monotonic ms */
    int64_t relayout_s;  /* wall time the current view goes out of date (a sessions board) */
    bool blank;          /* outside screen hours */
    int64_t started_s;   /* wall clock at start, unix seconds: staleness without a success */
    bool dirty;
    /* chrome state of the last frame drawn */
    char clock_text[16], progress_text[32], stale_text[96];
    int64_t clock_minute, bar_step;
    struct pos_cache {
        struct schedule_pos pos;
        bool active;
    } at;
    const struct view *alert; /* the emergency alert drawn over it all (alarm.h), or NULL */
    struct frame frame;
    struct samples in_transition, still, prepare;
    struct samples transition_cpu; /* the render thread's CPU time per transition frame */
    unsigned long frames;
};

static double now_ms_precise(void)
{
    return SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

/* The calling thread's CPU time, ms: a frame's work without the time the scheduler
 * gave to other processes, which wall-clock frame times include on a busy machine. */
static double thread_cpu_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)) return 0;
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void sample(struct samples *s, double ms)
{
    s->ms[s->n++ % STAT_SAMPLES] = (float)ms;
    s->total++;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* "median 1.9 ms, p99 4.2 ms over 812" */
static void describe(const struct samples *s, char *buf, size_t cap)
{
    size_t n = s->n < STAT_SAMPLES ? s->n : STAT_SAMPLES;
    if (n == 0) {
        snprintf(buf, cap, "none");
        return;
    }
    float *v = malloc(n * sizeof *v);
    if (!v) {
        snprintf(buf, cap, "?");
        return;
    }
    memcpy(v, s->ms, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp_float);
    snprintf(buf, cap, "median %.2f ms, p99 %.2f ms, max %.2f ms over %zu", v[n / 2],
             v[(n * 99) / 100], v[n - 1], s->total);
    free(v);
}

void show_log_stats(const struct show *sh)
{
    char a[128], b[128], c[128], d[128];
    describe(&sh->in_transition, a, sizeof a);
    describe(&sh->still, b, sizeof b);
    describe(&sh->prepare, c, sizeof c);
    describe(&sh->transition_cpu, d, sizeof d);
    log_info("frame time in transitions: %s", a);
    log_info("frame CPU time in transitions: %s", d);
    log_info("frame time otherwise: %s", b);
    log_info("slide preparation (layout and rasterising): %s", c);
    render_log_stats(sh->cfg.render);
}

static int64_t wall(const struct show *sh)
{
    return sh->cfg.clock->wall_ms(sh->cfg.clock->ctx);
}

static int64_t mono(const struct show *sh)
{
    return sh->cfg.clock->mono_ms(sh->cfg.clock->ctx);
}

static const struct feed *feed_of(const struct show *sh)
{
    return bundle_feed(sh->bundle);
}

static void announce(struct show *sh)
{
    const struct feed *f = feed_of(sh);
    const char *src = bundle_source_name(bundle_source(sh->bundle));
    log_info("deck applied: %zu slides from %s, version %s", feed_slide_count(f), src,
             bundle_version(sh->bundle));
    char line[128]; /* what `systemctl status vitrine` shows */
    snprintf(line, sizeof line, "showing %zu slides from %s", feed_slide_count(f), src);
    platform_notify_status(line);
    if (sh->cfg.status)
        status_set_deck(sh->cfg.status, src, feed_slide_count(f), bundle_version(sh->bundle));
}

static bool use_bundle(struct show *sh, struct bundle *b)
{
    /* Sessions slides show only with a programme, and until its last talk. */
    const size_t n = feed_slide_count(bundle_feed(b));
    int64_t *until = malloc((n ? n : 1) * sizeof *until);
    for (size_t i = 0; until && i < n; i++) {
        until[i] = bundle_shows_until(b, i);
        if (until[i] == BUNDLE_NEVER)
            log_warn("sessions slide '%s': no usable schedule export; the slide is skipped",
                     feed_slide(bundle_feed(b), i)->id);
    }
    struct schedule *d =
        until ? schedule_new_limited(bundle_feed(b), sh->cfg.min_valid_s, sh->cfg.screen, until)
              : NULL;
    free(until);
    if (!d) {
        log_error("out of memory applying a new deck; keeping the current one");
        bundle_free(b);
        return false;
    }
    schedule_free(sh->schedule);
    if (sh->prev) { /* the old bundle stays alive while its view is drawn */
        bundle_free(sh->retired);
        sh->retired = sh->bundle;
    } else {
        bundle_free(sh->bundle);
    }
    sh->bundle = b;
    sh->schedule = d;
    announce(sh);
    return true;
}

struct show *show_new(const struct show_config *cfg, struct bundle *initial)
{
    struct show *sh = calloc(1, sizeof *sh);
    if (!sh) {
        bundle_free(initial);
        return NULL;
    }
    sh->cfg = *cfg;
    sh->started_s = (wall(sh) - cfg->rehearsal_ms) / 1000;
    sh->clock_minute = -1;
    sh->bar_step = -1;
    if (!use_bundle(sh, initial)) {
        free(sh);
        return NULL;
    }
    sh->dirty = true;
    return sh;
}

void show_free(struct show *sh)
{
    if (!sh) return;
    show_log_stats(sh);
    render_view_free(sh->prev);
    render_view_free(sh->cur);
    schedule_free(sh->schedule);
    bundle_free(sh->pending);
    bundle_free(sh->retired);
    bundle_free(sh->bundle);
    free(sh);
}

/* A waiting deck that need not wait for the slide boundary: over the idle screen there
 * is none, and the built-in demo deck is only a placeholder until the first real deck
 * (network, cache or file) arrives, which a screen configured a moment ago must show
 * at once rather than after up to a whole demo slide. */
static bool takes_over_now(const struct show *sh)
{
    if (!sh->pending || !sh->have_shown) return false;
    if (sh->shown.idle) return true;
    return bundle_source(sh->bundle) == BUNDLE_SOURCE_BUILTIN &&
           bundle_source(sh->pending) != BUNDLE_SOURCE_BUILTIN;
}

void show_offer(struct show *sh, struct bundle *b)
{
    bundle_free(sh->pending);
    sh->pending = b;
    if (takes_over_now(sh)) sh->dirty = true;
}

bool show_is_blank(const struct show *sh)
{
    return sh->blank;
}

const char *show_slide_now(const struct show *sh, int64_t *start_ms)
{
    if (sh->blank || !sh->have_shown || sh->shown.idle) return NULL;
    if (sh->shown.slide >= feed_slide_count(feed_of(sh))) return NULL;
    *start_ms = sh->shown.start_ms;
    return feed_slide(feed_of(sh), sh->shown.slide)->id;
}

bool show_is_stale(const struct show *sh)
{
    return sh->stale_text[0] != '\0';
}

unsigned long show_frames(const struct show *sh)
{
    return sh->frames;
}

void show_describe(const struct show *sh, char *buf, size_t cap)
{
    const struct feed *f = feed_of(sh);
    char what[160];
    if (sh->blank)
        snprintf(what, sizeof what, "screen off (outside screen hours)");
    else if (!sh->have_shown || sh->shown.idle)
        snprintf(what, sizeof what, "showing the idle screen");
    else
        snprintf(what, sizeof what, "showing slide %zu/%zu '%s' in %s", sh->at.pos.index + 1,
                 sh->at.pos.count, feed_slide(f, sh->shown.slide)->id,
                 feed_lang(f, sh->shown.lang));
    int64_t ok = sh->cfg.status ? status_last_success(sh->cfg.status) : 0;
    char fresh[64] = "no successful fetch yet";
    if (ok > 0)
        snprintf(fresh, sizeof fresh, "last success %lld s ago",
                 (long long)((wall(sh) - sh->cfg.rehearsal_ms) / 1000 - ok));
    snprintf(buf, cap, "%s; deck of %zu slides from %s, version %s; %s%s; %lu frames drawn", what,
             feed_slide_count(f), bundle_source_name(bundle_source(sh->bundle)),
             bundle_version(sh->bundle), sh->cfg.remote ? fresh : "not polled",
             sh->stale_text[0] ? " (stale mark up)" : "", sh->frames);
}

void show_invalidate(struct show *sh)
{
    sh->dirty = true;
}

static bool same_shown(const struct shown *a, const struct shown *b)
{
    if (a->idle || b->idle) return a->idle == b->idle;
    return a->slide == b->slide && a->lang == b->lang && a->start_ms == b->start_ms;
}

static struct shown locate(struct show *sh, int64_t now)
{
    sh->at.active = schedule_at(sh->schedule, now, &sh->at.pos);
    if (!sh->at.active) return (struct shown){.idle = true};
    return (struct shown){false, sh->at.pos.slide, sh->at.pos.lang, sh->at.pos.start_ms};
}

static void end_transition(struct show *sh)
{
    render_view_free(sh->prev);
    sh->prev = NULL;
    bundle_free(sh->retired);
    sh->retired = NULL;
}

/* Puts the slide (or idle screen) `next` on screen, starting its transition (none when
 * cut: the same slide laid out again as the clock moved on). */
static void change_view(struct show *sh, const struct shown *next, bool cut)
{
    size_t lang = next->idle ? 0 : next->lang;
    double t0 = now_ms_precise();
    int64_t relayout = INT64_MAX;
    struct view *v = next->idle ? render_view_idle(sh->cfg.render, feed_of(sh), lang)
                                : render_view_slide(sh->cfg.render, sh->bundle, next->slide, lang,
                                                    wall(sh) / 1000, &relayout);
    if (!v) return; /* out of memory: keep the current picture, try again next tick */
    sh->relayout_s = relayout;
    sample(&sh->prepare, now_ms_precise() - t0);
    if (sh->prev) end_transition(sh);
    sh->prev = sh->cur;
    sh->cur = v;
    sh->kind = next->idle ? TRANSITION_FADE : feed_slide(feed_of(sh), next->slide)->transition;
    if (cut) sh->kind = TRANSITION_CUT;
    if (!sh->prev || sh->kind == TRANSITION_CUT) end_transition(sh);
    sh->trans_start = mono(sh);
    sh->shown = *next;
    sh->have_shown = true;
    sh->dirty = true;
}

static size_t lang_now(const struct show *sh)
{
    return sh->at.active ? sh->at.pos.lang : 0;
}

/* Chrome texts for now; returns true if any changed since the last frame. */
static bool update_chrome(struct show *sh, int64_t now)
{
    bool changed = false;
    const struct feed *f = feed_of(sh);
    size_t lang = lang_now(sh);
    int64_t minute = now / 60000;
    if (minute != sh->clock_minute) {
        clock_format_local(sh->clock_text, sizeof sh->clock_text, "%H:%M", now / 1000,
                           feed_timezone(f));
        sh->clock_minute = minute;
        changed = true;
    }
    char progress[32] = "";
    if (sh->at.active) {
        const struct schedule_pos *p = &sh->at.pos;
        snprintf(progress, sizeof progress, "%zu / %zu", p->index + 1, p->count);
        int64_t step = (now - p->start_ms) / BAR_STEP_MS;
        changed |= step != sh->bar_step;
        sh->bar_step = step;
    }
    if (strcmp(progress, sh->progress_text) != 0) {
        snprintf(sh->progress_text, sizeof sh->progress_text, "%s", progress);
        changed = true;
    }
    char stale[96] = "";
    /* Stale: no success for 3 intervals. The last success may be the cached deck's fetch
     * (days ago: stale at once); with none at all, the count starts with this run. */
    int64_t ok = sh->cfg.status ? status_last_success(sh->cfg.status) : 0;
    if (ok == 0) ok = sh->started_s;
    /* Fetch times are real ones: a rehearsal (--at) judges freshness on the real clock. */
    const int64_t real_s = (now - sh->cfg.rehearsal_ms) / 1000;
    if (sh->cfg.remote && real_s - ok > (int64_t)STALE_INTERVALS * sh->cfg.interval_s) {
        snprintf(stale, sizeof stale, "%s", labels_get(LABEL_STALE, feed_lang(f, lang)));
    }
    if (strcmp(stale, sh->stale_text) != 0) {
        snprintf(sh->stale_text, sizeof sh->stale_text, "%s", stale);
        changed = true;
    }
    return changed;
}

static void fill_frame(struct show *sh, int64_t now, double t)
{
    const struct feed *f = feed_of(sh);
    size_t lang = lang_now(sh);
    struct frame *fr = &sh->frame;
    *fr = (struct frame){
        .cur = sh->cur, .prev = sh->prev, .t = t, .kind = sh->kind, .alert = sh->alert};
    fr->clock = sh->clock_text;
    fr->stale = sh->stale_text[0] ? sh->stale_text : NULL;
    if (sh->shown.idle) {
        fr->big_clock = &render_view_layout(sh->cur)->clock;
        return;
    }
    fr->event_name = feed_event_name(f)->v[lang];
    fr->progress = sh->progress_text;
    const struct schedule_pos *p = &sh->at.pos;
    double span = (double)(p->end_ms - p->start_ms);
    fr->elapsed = span > 0 ? (double)(sh->bar_step * BAR_STEP_MS) / span : 0;
    (void)now;
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* Milliseconds from now (wall, at local minute m) to the next screen on or off. */
static int64_t to_hours_change(const struct show *sh, int m, int64_t now)
{
    int minutes = platform_minutes_to_change(m, sh->cfg.screen_on, sh->cfg.screen_off);
    return (int64_t)minutes * 60000 - now % 60000;
}

/* Outside screen hours: one black frame, then sleep until the hours start. A wall clock
 * that is still unset (a Pi before its network time) says nothing about the hour, so the
 * screen stays on and the hours are checked again on the next tick, once it jumps. */
static bool screen_hours(struct show *sh, int64_t now, int64_t *wait)
{
    if (sh->cfg.screen_on < 0) return false;
    const bool unset = now / 1000 < sh->cfg.min_valid_s;
    int m = clock_local_minutes(now / 1000, feed_timezone(feed_of(sh)));
    bool on = unset || platform_screen_on(m, sh->cfg.screen_on, sh->cfg.screen_off);
    int64_t to_change = unset ? MAX_WAIT_MS : to_hours_change(sh, m, now);
    if (on) {
        if (sh->blank) {
            log_info("screen hours: screen on");
            platform_notify_status("screen on");
            sh->blank = false;
            sh->dirty = true;
        }
        *wait = to_change;
        return false;
    }
    if (!sh->blank) {
        log_info("screen hours: screen off until %02d:%02d", sh->cfg.screen_on / 60,
                 sh->cfg.screen_on % 60);
        platform_notify_status("screen off (outside screen hours)");
        sh->blank = true;
        render_frame(sh->cfg.render, &(struct frame){0}); /* nothing drawn: black */
    }
    *wait = min64(to_change, MAX_WAIT_MS);
    return true;
}

/* The alert to draw now; an alert wakes a screen outside its hours (a fire evacuation
 * does not wait for the morning), which goes black again when it ends. */
static void update_alert(struct show *sh, int64_t now, int64_t *wait)
{
    bool takeover;
    const struct view *a =
        sh->cfg.alarm ? alarm_now(sh->cfg.alarm, feed_of(sh), now, mono(sh), &takeover, wait)
                      : NULL;
    if (a == sh->alert) return;
    sh->alert = a;
    sh->dirty = true;
    if (a && sh->blank) {
        log_info("screen hours: screen on for an emergency alert");
        sh->blank = false;
    }
}

int64_t show_tick(struct show *sh)
{
    int64_t now = wall(sh), hours_wait = MAX_WAIT_MS, alert_wait = MAX_WAIT_MS;
    update_alert(sh, now, &alert_wait);
    if (!sh->alert && screen_hours(sh, now, &hours_wait)) return min64(hours_wait, alert_wait);

    struct shown next = locate(sh, now);
    if (!sh->have_shown || !same_shown(&next, &sh->shown) || takes_over_now(sh)) {
        /* A slide boundary: the moment a waiting deck may take over. */
        if (sh->pending && use_bundle(sh, sh->pending)) {
            sh->pending = NULL;
            next = locate(sh, now);
        }
        sh->pending = NULL;
        change_view(sh, &next, false);
    } else if (!sh->shown.idle && now / 1000 >= sh->relayout_s) {
        change_view(sh, &sh->shown, true); /* the board follows the clock by itself */
    }
    double t = sh->prev ? (double)(mono(sh) - sh->trans_start) / TRANSITION_MS : 1.0;
    bool animating = sh->prev && t < 1.0;
    if (sh->prev && !animating) end_transition(sh), sh->dirty = true;
    bool changed = update_chrome(sh, now);
    const int64_t began = mono(sh);
    if (sh->cur && (sh->dirty || animating || changed)) {
        fill_frame(sh, now, t);
        double t0 = now_ms_precise(), c0 = thread_cpu_ms();
        render_frame(sh->cfg.render, &sh->frame);
        sample(animating ? &sh->in_transition : &sh->still, now_ms_precise() - t0);
        if (animating) sample(&sh->transition_cpu, thread_cpu_ms() - c0);
        sh->frames++;
        sh->dirty = false;
    }
    /* The next transition frame FRAME_MS after this one began, not after it ended: where
     * presenting waits for the vertical blank (vsync), the wait is then about nothing
     * and the display's refresh paces the fade, one frame per refresh rather than one
     * every other refresh; where it does not, frames still come every FRAME_MS. */
    const int64_t spent = mono(sh) - began;
    if (animating) return spent < FRAME_MS - 1 ? FRAME_MS - spent : 1;

    int64_t wait = min64(MAX_WAIT_MS, 60000 - now % 60000); /* the clock's next minute */
    if (sh->at.active) {
        wait = min64(wait, sh->at.pos.end_ms - now);
        wait = min64(wait, BAR_STEP_MS - (now - sh->at.pos.start_ms) % BAR_STEP_MS);
    }
    int64_t change = schedule_next_change(sh->schedule, now);
    if (change != INT64_MAX) wait = min64(wait, change - now);
    if (!sh->shown.idle && sh->relayout_s < INT64_MAX / 1000)
        wait = min64(wait, sh->relayout_s * 1000 - now);
    wait = min64(min64(wait, hours_wait), alert_wait);
    return wait > 0 ? wait : 1;
}

SDL_Surface *show_snapshot(struct show *sh, bool logical)
{
    static const struct frame black = {0};
    if (sh->blank || !sh->cur) return render_snapshot(sh->cfg.render, &black, logical);
    return render_snapshot(sh->cfg.render, &sh->frame, logical);
}

/* --render-slides ------------------------------------------------------------------- */

static int save_one(struct show *sh, const char *dir, const char *name, json_t *index,
                    const char *id, const char *lang)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    SDL_Surface *s = show_snapshot(sh, true);
    int ok = s && IMG_SavePNG(s, path) == 0;
    if (!ok) log_error("could not write %s: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    json_array_append_new(index, layoutjson_slide(render_view_layout(sh->cur), name, id, lang));
    return ok ? 1 : -1;
}

int show_render_slides(struct show *sh, const char *dir)
{
    char err[512];
    if (!file_mkdirs(dir, 0755, err, sizeof err)) { /* like mkdir -p: a new user's path works */
        log_error("%s", err);
        return -1;
    }
    const struct feed *f = feed_of(sh);
    int64_t now = wall(sh);
    size_t n = schedule_active(sh->schedule, now, NULL, 0);
    size_t *idx = calloc(n ? n : 1, sizeof *idx);
    json_t *index = json_array();
    int written = 0;
    schedule_active(sh->schedule, now, idx, n);
    update_chrome(sh, now);
    for (size_t lang = 0; lang < feed_lang_count(f) && written >= 0; lang++) {
        for (size_t i = 0; i <= n && written >= 0; i++) {
            if (i == n && n > 0) break;
            struct shown s = {n == 0, n ? idx[i] : 0, lang, now};
            sh->at.active = n > 0;
            sh->at.pos = (struct schedule_pos){.slide = s.slide,
                                               .lang = lang,
                                               .index = i,
                                               .count = n,
                                               .start_ms = now,
                                               .end_ms = now + 1};
            change_view(sh, &s, true);
            end_transition(sh);
            snprintf(sh->progress_text, sizeof sh->progress_text, "%zu / %zu", i + 1, n);
            sh->bar_step = 0;
            fill_frame(sh, now, 1.0);
            char id[48], name[128];
            layoutjson_file_part(id, sizeof id, n ? feed_slide(f, idx[i])->id : "idle");
            snprintf(name, sizeof name, "%02zu-%s-%s.png", i + 1, id, feed_lang(f, lang));
            int r = save_one(sh, dir, name, index, n ? feed_slide(f, idx[i])->id : "idle",
                             feed_lang(f, lang));
            written = r < 0 ? -1 : written + 1;
        }
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/layout.json", dir);
    if (written >= 0 && json_dump_file(index, path, JSON_INDENT(1))) written = -1;
    json_decref(index);
    free(idx);
    return written;
}
