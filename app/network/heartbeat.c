/* heartbeat — the heartbeat's thread and what the render thread shares with it (see
 * heartbeat.h). */
#include "heartbeat.h"

#include "backoff.h"
#include "beatdoc.h"
#include "clock.h"
#include "http.h"
#include "log.h"
#include "status.h"
#include "token.h"
#include "url.h"
#include "version.h"
#include "waiter.h"

#include <SDL.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WHY_MAX        768
#define SCREEN_MAX     256
#define TALLIES_MAX    1024 /* distinct slides counted between two deliveries */
#define THERMAL_ZONES  16
#define THERMAL_FORMAT "/sys/class/thermal/thermal_zone%d/temp"

struct tally {
    char *slide;
    unsigned long shown;
};

struct heartbeat {
    struct heartbeat_config cfg;
    char screen[SCREEN_MAX];
    SDL_Thread *thread;
    struct waiter waiter; /* cuts a wait short on stop, or when the thumbnail is there */
    atomic_bool stop, frame_ready;
    struct http *http;
    struct token_file token;
    uint64_t rng;
    int failures;
    int64_t start_ms; /* monotonic */
    /* Shared with the render thread, under lock. */
    pthread_mutex_t lock;
    struct tally *tallies;
    size_t n_tallies;
    char *showing; /* the showing last observed: slide id (NULL: none) and start */
    int64_t showing_start;
    bool display_on;
    unsigned char *png; /* the thumbnail given, not yet sent */
    size_t png_len;
    int png_w, png_h;
};

static int64_t mono_ms(void)
{
    const struct clock *c = clock_system();
    return c->mono_ms(c->ctx);
}

/* --- the render thread's side ------------------------------------------------------- */

/* Called with the lock held. A deck of more slides than TALLIES_MAX loses the count of
 * the rest until a delivery empties the table: memory stays bounded. */
static void count(struct heartbeat *hb, const char *slide)
{
    for (size_t i = 0; i < hb->n_tallies; i++)
        if (strcmp(hb->tallies[i].slide, slide) == 0) {
            hb->tallies[i].shown++;
            return;
        }
    if (hb->n_tallies >= TALLIES_MAX) return;
    if (!hb->tallies && !(hb->tallies = calloc(TALLIES_MAX, sizeof *hb->tallies))) return;
    char *copy = strdup(slide);
    if (!copy) return;
    hb->tallies[hb->n_tallies++] = (struct tally){copy, 1};
}

void heartbeat_observe(struct heartbeat *hb, const char *slide, int64_t start_ms, bool display_on)
{
    if (!hb) return;
    pthread_mutex_lock(&hb->lock);
    hb->display_on = display_on;
    const bool same = slide && hb->showing
                          ? strcmp(slide, hb->showing) == 0 && start_ms == hb->showing_start
                          : slide == hb->showing;
    if (!same) {
        free(hb->showing);
        hb->showing = slide ? strdup(slide) : NULL;
        hb->showing_start = start_ms;
        if (slide) count(hb, slide);
    }
    pthread_mutex_unlock(&hb->lock);
}

void heartbeat_give_frame(struct heartbeat *hb, unsigned char *png, size_t len, int w, int h)
{
    if (!hb) {
        free(png);
        return;
    }
    pthread_mutex_lock(&hb->lock);
    free(hb->png);
    hb->png = png, hb->png_len = len, hb->png_w = w, hb->png_h = h;
    pthread_mutex_unlock(&hb->lock);
    waiter_raise(&hb->waiter, &hb->frame_ready); /* even without one: do not wait longer */
}

/* --- the machine ---------------------------------------------------------------------- */

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size, resident;
    const bool ok = f && fscanf(f, "%ld %ld", &size, &resident) == 2;
    if (f) fclose(f);
    const long page = sysconf(_SC_PAGESIZE);
    return ok && page > 0 ? resident * (page / 1024) : -1;
}

/* The first thermal zone the kernel exposes (a Pi's is the SoC's), in degrees Celsius. */
static bool temperature(double *celsius)
{
    for (int z = 0; z < THERMAL_ZONES; z++) {
        char path[64];
        snprintf(path, sizeof path, THERMAL_FORMAT, z);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        long milli;
        const bool ok = fscanf(f, "%ld", &milli) == 1;
        fclose(f);
        if (ok) {
            *celsius = (double)milli / 1000.0;
            return true;
        }
    }
    return false;
}

/* --- the heartbeat thread's side -------------------------------------------------------- */

static bool stopping(struct heartbeat *hb)
{
    return atomic_load(&hb->stop);
}

/* The render thread makes the thumbnail at its next event check (it may be asleep
 * over an unchanged slide: the event wakes it). */
static void ask_frame(struct heartbeat *hb)
{
    atomic_store(&hb->frame_ready, false);
    SDL_Event ev = {.type = hb->cfg.frame_event};
    if (SDL_PushEvent(&ev) != 1) return;
    waiter_sleep(&hb->waiter, HEARTBEAT_FRAME_WAIT_MS, &hb->stop, &hb->frame_ready);
}

/* What the render thread shared, copied under the lock (counts: a snapshot). */
struct taken {
    struct beat_count *counts;
    size_t n;
    char *showing;
    bool display_on;
    struct beat_image image;
    unsigned char *png;
};

static void take(struct heartbeat *hb, struct taken *t)
{
    memset(t, 0, sizeof *t);
    pthread_mutex_lock(&hb->lock);
    t->counts = hb->n_tallies ? calloc(hb->n_tallies, sizeof *t->counts) : NULL;
    for (size_t i = 0; t->counts && i < hb->n_tallies; i++) {
        if (!(t->counts[t->n].slide = strdup(hb->tallies[i].slide))) continue;
        t->counts[t->n++].shown = hb->tallies[i].shown;
    }
    t->showing = hb->showing ? strdup(hb->showing) : NULL;
    t->display_on = hb->display_on;
    t->png = hb->png;
    t->image = (struct beat_image){hb->png, hb->png_len, hb->png_w, hb->png_h};
    hb->png = NULL;
    pthread_mutex_unlock(&hb->lock);
}

/* A delivered beat: its counts are off the table; the showings since stay. */
static void delivered(struct heartbeat *hb, const struct taken *t)
{
    pthread_mutex_lock(&hb->lock);
    for (size_t i = 0; i < t->n; i++)
        for (size_t j = 0; j < hb->n_tallies; j++)
            if (strcmp(hb->tallies[j].slide, t->counts[i].slide) == 0) {
                hb->tallies[j].shown -= t->counts[i].shown;
                break;
            }
    size_t kept = 0;
    for (size_t j = 0; j < hb->n_tallies; j++) {
        if (hb->tallies[j].shown == 0)
            free(hb->tallies[j].slide);
        else
            hb->tallies[kept++] = hb->tallies[j];
    }
    hb->n_tallies = kept;
    pthread_mutex_unlock(&hb->lock);
}

static void untake(struct taken *t)
{
    for (size_t i = 0; i < t->n; i++)
        free((char *)t->counts[i].slide);
    free(t->counts);
    free(t->showing);
    free(t->png);
}

static char *document(struct heartbeat *hb, const struct taken *t)
{
    const struct clock *clk = clock_system();
    json_t *status = status_document(hb->cfg.status);
    double celsius = 0;
    const bool has_temp = temperature(&celsius);
    const struct beat_facts f = {
        .screen = hb->screen,
        .version = VITRINE_VERSION,
        .interval_s = hb->cfg.interval_s,
        .sent_s = clk->wall_ms(clk->ctx) / 1000,
        .status = status,
        .showing = t->showing,
        .display_on = t->display_on,
        .uptime_s = (mono_ms() - hb->start_ms) / 1000,
        .rss_kib = rss_kib(),
        .has_temperature = has_temp,
        .temperature_c = celsius,
        .counts = t->counts,
        .n_counts = t->n,
        .image = t->png ? &t->image : NULL,
    };
    json_t *doc = beatdoc_build(&f);
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    json_decref(status);
    return text;
}

/* Logged once when beats start failing (a receiver down for a day is one line, and a
 * reason that flaps between "reset" and "empty reply" is not a new state); the status
 * file says the latest reason, how often it failed and when it is tried next. */
static void failed(struct heartbeat *hb, const char *why, int retry_s)
{
    char sentence[WHY_MAX + 128];
    snprintf(sentence, sizeof sentence, "could not send the heartbeat to %s: %s", hb->cfg.url, why);
    if (hb->failures == 1) {
        log_warn("%s; the slideshow goes on, retrying in %d s, then less often (up to every %d s)",
                 sentence, retry_s, hb->cfg.interval_s);
    }
    char line[sizeof sentence + 96];
    snprintf(line, sizeof line, "%s (%d attempt%s failed, next in %d s)", sentence, hb->failures,
             hb->failures == 1 ? "" : "s", retry_s);
    status_set_heartbeat_error(hb->cfg.status, line);
}

/* One beat; true when it was delivered. */
static bool beat(struct heartbeat *hb)
{
    if (hb->cfg.screenshot) ask_frame(hb);
    if (stopping(hb)) return false;
    struct taken t;
    take(hb, &t);
    char *body = document(hb, &t);
    if (!body) {
        untake(&t);
        return false;
    }
    token_file_refresh(&hb->token, hb->cfg.token_file);
    struct http_request q = {.url = hb->cfg.url,
                             .token = hb->token.token,
                             .max = HEARTBEAT_REPLY_MAX,
                             .timeout_ms = HEARTBEAT_TIMEOUT_MS};
    const struct http_body b = {body, strlen(body), "application/json"};
    struct http_response r;
    const enum http_result res = http_post(hb->http, &q, &b, &r);
    free(body);
    const bool ok = res == HTTP_OK;
    if (ok) {
        delivered(hb, &t);
        if (hb->failures) log_info("the heartbeat reaches %s again", hb->cfg.url);
        if (hb->failures) status_set_heartbeat_error(hb->cfg.status, NULL);
        hb->failures = 0;
    } else if (res == HTTP_FAILED) {
        hb->failures++;
        failed(hb, r.why, backoff_retry_s(hb->failures, hb->cfg.interval_s));
    }
    http_response_clear(&r);
    untake(&t);
    return ok;
}

static int thread_main(void *arg)
{
    struct heartbeat *hb = arg;
    const int first =
        hb->cfg.interval_s < HEARTBEAT_FIRST_S ? hb->cfg.interval_s : HEARTBEAT_FIRST_S;
    int64_t wait = backoff_jitter_ms(&hb->rng, first, BACKOFF_SPREAD);
    while (!waiter_sleep(&hb->waiter, wait, &hb->stop, NULL)) {
        const bool recovering = hb->failures > 0;
        if (beat(hb))
            wait = backoff_jitter_ms(&hb->rng, hb->cfg.interval_s,
                                     recovering ? BACKOFF_SPREAD : BACKOFF_JITTER);
        else
            wait = backoff_jitter_ms(&hb->rng, backoff_retry_s(hb->failures, hb->cfg.interval_s),
                                     BACKOFF_SPREAD);
    }
    return 0;
}

static void heartbeat_free(struct heartbeat *hb)
{
    if (!hb) return;
    for (size_t i = 0; i < hb->n_tallies; i++)
        free(hb->tallies[i].slide);
    free(hb->tallies);
    free(hb->showing);
    free(hb->png);
    token_file_clear(&hb->token);
    http_free(hb->http);
    pthread_mutex_destroy(&hb->lock);
    waiter_destroy(&hb->waiter);
    free(hb);
}

struct heartbeat *heartbeat_start(const struct heartbeat_config *cfg)
{
    if (!cfg->url) return NULL;
    if (!url_is_remote(cfg->url)) {
        log_error("heartbeat %s is not an http(s) URL: no heartbeat is sent", cfg->url);
        return NULL;
    }
    struct heartbeat *hb = calloc(1, sizeof *hb);
    if (!hb || !waiter_init(&hb->waiter)) {
        free(hb);
        return NULL;
    }
    if (pthread_mutex_init(&hb->lock, NULL) != 0) {
        waiter_destroy(&hb->waiter);
        free(hb);
        return NULL;
    }
    hb->cfg = *cfg;
    hb->start_ms = mono_ms();
    hb->display_on = true;
    if (cfg->screen)
        snprintf(hb->screen, sizeof hb->screen, "%s", cfg->screen);
    else if (gethostname(hb->screen, sizeof hb->screen - 1) != 0)
        snprintf(hb->screen, sizeof hb->screen, "vitrine");
    hb->rng = (uint64_t)hb->start_ms * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)hb;
    if (!hb->rng) hb->rng = 1;
    atomic_init(&hb->stop, false);
    atomic_init(&hb->frame_ready, false);
    if (!(hb->http = http_new(&hb->stop)) ||
        !(hb->thread = SDL_CreateThread(thread_main, "vitrine-beat", hb))) {
        log_warn("could not start the heartbeat to %s", cfg->url);
        heartbeat_free(hb);
        return NULL;
    }
    log_info("heartbeat to %s every %d s as '%s'%s", cfg->url, cfg->interval_s, hb->screen,
             cfg->screenshot ? ", with a screenshot" : "");
    return hb;
}

void heartbeat_stop(struct heartbeat *hb)
{
    if (!hb) return;
    waiter_raise(&hb->waiter, &hb->stop);
    SDL_WaitThread(hb->thread, NULL);
    heartbeat_free(hb);
}
