/* fetch — the deck's source, kept fresh on a background thread (see fetch.h).
 *
 * The fetch thread owns its http handle, its cache, its token file and every bundle it
 * builds until SDL_PushEvent hands one to the render thread. The only state shared with
 * other threads is the stop flag (atomic, plus a condition variable to cut a wait
 * short), the quiet flags, and the status (which locks itself).
 *
 * One poll of a URL feed: a conditional GET of the feed (If-None-Match/If-Modified-
 * Since from the last good response). 304: nothing to do but look at the images now and
 * then. 200: parse and validate, revalidate every image (assets), and only if the feed
 * or an image changed decode the images, write the cache (the commit point) and push
 * the bundle. Any failure keeps the deck on screen, logs one line, and retries with
 * backoff. A file feed is stat()ed every second and read again when it changes. */
#include "fetch.h"

#include "assets.h"
#include "backoff.h"
#include "bundle.h"
#include "cache.h"
#include "clock.h"
#include "feed.h"
#include "file.h"
#include "http.h"
#include "log.h"
#include "status.h"
#include "token.h"
#include "url.h"
#include "waiter.h"

#include <SDL.h>

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#define IMAGES_RECHECK_MS (10 * 60 * 1000) /* a logo replaced under the same URL: noticed */
#define FILE_CHECK_MS     1000             /* how often a local feed file is stat()ed */
#define TOUCH_EVERY_S     3600 /* a 304 refreshes the cache's "fetched" time this often */

struct fetch {
    struct fetch_config cfg; /* strings owned by the caller */
    bool remote;             /* cfg.feed is an http(s) URL (else a file) */
    SDL_Thread *thread;      /* an SDL thread: SDL frees its per-thread error buffer at exit */
    struct waiter waiter;    /* cuts a wait short on stop or poke */
    atomic_bool stop;
    atomic_bool quiet; /* outside screen hours: poll rarely */
    atomic_bool poke;  /* quiet just ended: poll now */

    struct http *http;
    struct cache *cache; /* NULL: no cache dir, or it could not be opened */
    struct token_file token;
    uint64_t rng;

    /* The deck last handed over (or shown at start): what a new one is compared with. */
    char *shown_digest;
    char *etag, *last_modified; /* validators of the feed response that brought it */
    char *body;                 /* its feed bytes, to check its images again on a 304 */
    char *signature;            /* signed feeds: body's signature, kept in the cache */
    int64_t order;              /* signed feeds: the trusted comment's order; -1: none yet */
    size_t body_len;
    int64_t images_checked; /* monotonic ms of the last look at its images */
    int64_t touched;        /* unix seconds the cache's "fetched" was last written */
    int failures;           /* consecutive failed polls */
    bool images_missing;    /* some of its images fell back: try them at every poll */
    bool has_exports;  /* the deck has sessions slides: their exports are rechecked each poll */
    int exports_stale; /* of the deck last handed over: a change makes a new deck (the mark) */
    bool cache_dirty;  /* the cache could not be written: saved again at the next poll */

    struct stat feed_st; /* file feeds: the version last read (if feed_st_valid) */
    bool feed_st_valid;
};

/* ---- small helpers ---------------------------------------------------------------- */

static int64_t now_s(void)
{
    const struct clock *c = clock_system();
    return c->wall_ms(c->ctx) / 1000;
}

static int64_t mono_ms(void)
{
    const struct clock *c = clock_system();
    return c->mono_ms(c->ctx);
}

static void replace(char **dst, const char *src)
{
    char *copy = src ? strdup(src) : NULL;
    free(*dst);
    *dst = copy;
}

static bool stopping(struct fetch *f)
{
    return atomic_load(&f->stop);
}

/* Sleeps up to ms, returning early (true) when fetch_stop asks, or when the end of
 * quiet hours pokes. */
static bool wait_or_stop(struct fetch *f, int64_t ms)
{
    return waiter_sleep(&f->waiter, ms, &f->stop, &f->poke);
}

/* ---- reporting ---------------------------------------------------------------------- */

/* One line in the journal and the status: what failed, for what, what happens next. */
static void report_failure(struct fetch *f, const char *what, const char *why)
{
    f->failures++;
    char next[64], sentence[1024];
    if (f->remote)
        snprintf(next, sizeof next, "retrying in %d s",
                 backoff_retry_s(f->failures, f->cfg.interval_s));
    else
        snprintf(next, sizeof next, "trying again when it changes");
    snprintf(sentence, sizeof sentence, "%s %s: %s; keeping the current deck, %s", what,
             f->cfg.feed, why, next);
    log_warn("%s", sentence);
    status_set_error(f->cfg.status, sentence);
}

static void report_success(struct fetch *f)
{
    if (f->failures > 0)
        log_info("%s answers again after %d failed attempt%s", f->cfg.feed, f->failures,
                 f->failures == 1 ? "" : "s");
    f->failures = 0;
    status_set_success(f->cfg.status, now_s());
}

/* ---- a new deck ----------------------------------------------------------------------- */

/* Hands b to the render thread. Afterwards b belongs to it: not one more touch. */
static void push_bundle(struct fetch *f, struct bundle *b)
{
    replace(&f->shown_digest, feed_digest(bundle_feed(b)));
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = f->cfg.event_type;
    ev.user.type = f->cfg.event_type;
    ev.user.data1 = b;
    if (SDL_PushEvent(&ev) == 1) return;
    log_warn("could not hand the new deck to the screen (%s); trying again at the next poll",
             SDL_GetError());
    bundle_free(b);
    replace(&f->shown_digest, NULL); /* the next full download is pushed again */
    replace(&f->etag, NULL);
    replace(&f->last_modified, NULL);
}

/* ---- the cache ------------------------------------------------------------------------- */

/* A cache write failed: the journal, the status (until a save succeeds), and another
 * try at the next poll (its images fetched again into the cache). what: "could not
 * save the deck to", "could not open"... the cache. */
static void cache_failed(struct fetch *f, const char *what, const char *why)
{
    char sentence[1024];
    snprintf(sentence, sizeof sentence, "%s the cache %s: %s; %s", what, f->cfg.cache_dir, why,
             "the deck on screen will not survive a restart, trying again at the next poll");
    log_warn("%s", sentence);
    status_set_cache_error(f->cfg.status, sentence);
    f->cache_dirty = true;
}

static void cache_saved(struct fetch *f, int64_t t)
{
    if (f->cache_dirty) log_info("the cache %s is written again", f->cfg.cache_dir);
    f->cache_dirty = false;
    f->touched = t;
    status_set_cache_error(f->cfg.status, NULL);
}

/* A cache directory that could not be opened (a card mounted late, a path fixed) is
 * tried again before each save. */
static void reopen_cache(struct fetch *f)
{
    char why[512];
    if (f->cache || !f->cfg.cache_dir) return;
    f->cache = cache_open(f->cfg.cache_dir, f->cfg.feed, why, sizeof why);
    if (!f->cache) cache_failed(f, "could not open", why);
}

/* Writes the deck to the cache: assets are already there, this is the commit point.
 * version NULL: the feed's digest, as the bundle's. store_why: an image the cache could
 * not keep (assets_store_error), which a successful commit does not make up for. */
static void commit(struct fetch *f, const struct feed *feed, const char *version, const char *body,
                   size_t len, const char *store_why)
{
    if (!f->cache) return;
    const int64_t t = now_s();
    struct cache_deck d = {.body = (char *)body,
                           .len = len,
                           .etag = f->etag,
                           .last_modified = f->last_modified,
                           .version = (char *)(version ? version : feed_digest(feed)),
                           .signature = f->signature,
                           .fetched = t};
    size_t n = 0;
    const char **urls = assets_remote_urls(feed, &n);
    char err[512];
    if (!urls)
        cache_failed(f, "could not save the deck to", "out of memory");
    else if (!cache_commit(f->cache, &d, urls, n, err, sizeof err))
        cache_failed(f, "could not save the deck to", err);
    else if (store_why)
        cache_failed(f, "could not save an image to", store_why);
    else
        cache_saved(f, t);
    free(urls);
}

/* A confirmation that the deck is current (a 304, or the same bytes again) refreshes
 * the cache's "fetched" time, at most every TOUCH_EVERY_S to spare the SD card. */
static void touch(struct fetch *f)
{
    const int64_t t = now_s();
    char err[256];
    if (!f->cache || t - f->touched < TOUCH_EVERY_S) return;
    if (cache_touch(f->cache, t, err, sizeof err))
        f->touched = t;
    else
        cache_failed(f, "could not save the deck's time to", err);
}

/* Keeps the feed bytes of the deck on screen, for looking at its images again. */
static void remember_body(struct fetch *f, const char *body, size_t len)
{
    if (body == f->body) return;
    char *copy = malloc(len + 1);
    if (copy) memcpy(copy, body, len), copy[len] = '\0';
    free(f->body);
    f->body = copy;
    f->body_len = copy ? len : 0;
}

/* The bundle of a deck that changed: the images decoded now, not before. */
static struct bundle *build(struct fetch *f, struct feed *feed, struct assets *a,
                            enum bundle_source source, const char *version)
{
    size_t n = 0;
    struct SDL_Surface **images = assets_decode(a, &n);
    struct bundle_programme *programmes = assets_programmes(a);
    f->images_missing = assets_missing(a) > 0; /* decoding may have failed some */
    struct bundle *b = bundle_new(feed, source, version, images, n, programmes);
    if (!b) log_warn("out of memory building the deck of %s", f->cfg.feed);
    return b;
}

/* A validated feed (taken over): its images, then, if anything changed, the cache and
 * the hand-over. */
static void deliver(struct fetch *f, struct feed *feed, const char *body, size_t len,
                    enum bundle_source source, const char *version)
{
    const bool same_feed = f->shown_digest && strcmp(f->shown_digest, feed_digest(feed)) == 0;
    if (f->cache_dirty) reopen_cache(f);
    struct assets_source src = {.http = f->http,
                                .cache = f->cache,
                                .feed = f->cfg.feed,
                                .token = f->token.token,
                                .deadline_ms = mono_ms() + ASSETS_BUDGET_MS,
                                .boxes = f->cfg.image_boxes};
    struct assets *a = assets_gather(&src, feed);
    if (!a) {
        if (!stopping(f)) log_warn("out of memory fetching the images of %s", f->cfg.feed);
        feed_free(feed);
        return;
    }
    f->images_missing = assets_missing(a) > 0;
    f->images_checked = mono_ms();
    f->has_exports = false;
    for (size_t i = 0; i < feed_slide_count(feed); i++)
        f->has_exports |= feed_slide(feed, i)->type == SLIDE_SESSIONS;
    remember_body(f, body, len);
    /* An export going stale or fresh again changes the board's mark: a new deck. */
    const bool stale_changed = assets_stale(a) != f->exports_stale;
    if (same_feed && !assets_changed(a) && !stale_changed) {
        /* Byte-identical feed, same images: the screen already has it, nothing is
         * decoded and the SD card is spared a write (a server without validators
         * answers 200 every poll), unless the last save failed. */
        if (f->cache_dirty)
            commit(f, feed, version, body, len, assets_store_error(a));
        else
            touch(f);
        assets_free(a);
        feed_free(feed);
        return;
    }
    struct bundle *b = build(f, feed, a, source, version);
    if (b) f->exports_stale = assets_stale(a);
    if (b) commit(f, bundle_feed(b), bundle_version(b), body, len, assets_store_error(a));
    assets_free(a);
    if (!b) return;
    const size_t slides = feed_slide_count(bundle_feed(b));
    log_info("new deck from %s: %zu slide%s, version %s", f->cfg.feed, slides,
             slides == 1 ? "" : "s", bundle_version(b));
    push_bundle(f, b);
}

/* The feed itself is unchanged, but its images may not be: those that fell back are
 * tried again after min_ms, and all of them (conditionally: 304s) every
 * IMAGES_RECHECK_MS, so a logo that comes back or is replaced under the same URL shows
 * up. A changed image makes a new deck, handed over as any other. */
static void recheck_images(struct fetch *f, enum bundle_source source, const char *version,
                           int64_t min_ms)
{
    const int64_t since = mono_ms() - f->images_checked;
    /* A programme changes during the conference (a room swap, a talk moved): an export
     * is revalidated at every poll, a 304 costing nothing. */
    const bool retry = f->images_missing || f->cache_dirty || f->has_exports;
    if (!f->body || !(retry ? since >= min_ms : since >= IMAGES_RECHECK_MS)) return;
    struct feed *feed = feed_parse(f->body, f->body_len, f->cfg.feed, NULL, NULL);
    if (feed) deliver(f, feed, f->body, f->body_len, source, version);
}

/* ---- one poll ------------------------------------------------------------------------ */

/* A signed feed's signature, fetched and judged before the feed is even parsed: an
 * unsigned, tampered or replayed feed is refused and the deck on screen stays. True,
 * with the signature in *sig and its order in *order, when it holds or no key is set. */
static bool signed_ok(struct fetch *f, const void *body, size_t len, char **sig, int64_t *order)
{
    char why[768];
    size_t n = 0;
    *sig = NULL;
    if (!f->cfg.sign.key) return true;
    if (signature_get(f->http, &f->cfg.sign, f->cfg.feed, f->token.token, sig, &n, why,
                      sizeof why) &&
        signature_check(&f->cfg.sign, *sig, n, body, len, f->order, order, why, sizeof why))
        return true;
    if (!stopping(f)) report_failure(f, "refused the feed from", why);
    free(*sig);
    *sig = NULL;
    return false;
}

/* The signature of the feed about to be delivered becomes the one trusted. */
static void trust(struct fetch *f, char *sig, int64_t order)
{
    if (!sig) return;
    free(f->signature);
    f->signature = sig;
    f->order = order;
}

/* One poll of a URL feed. True on success (new deck, same deck, or 304). */
static bool poll_url(struct fetch *f)
{
    token_file_refresh(&f->token, f->cfg.token_file);
    struct http_request q = {f->cfg.feed,    f->etag,        f->last_modified,
                             f->token.token, FEED_MAX_BYTES, 0};
    struct http_response r;
    enum http_result g = http_get(f->http, &q, &r);
    if (g == HTTP_STOPPED || g == HTTP_FAILED) {
        if (g == HTTP_FAILED) report_failure(f, "could not fetch", r.why);
        http_response_clear(&r);
        return false;
    }
    if (g == HTTP_NOT_MODIFIED) { /* costs no parsing, and no disk write most of the time */
        http_response_clear(&r);
        touch(f);
        recheck_images(f, BUNDLE_SOURCE_NETWORK, f->etag, 0);
        report_success(f);
        return true;
    }
    char *sig;
    int64_t order = -1;
    if (!signed_ok(f, r.body, r.len, &sig, &order)) {
        http_response_clear(&r);
        return false;
    }
    struct feed_problems p = {{0}, 0};
    struct feed *feed =
        feed_parse((const char *)r.body, r.len, f->cfg.feed, feed_problems_collect, &p);
    if (!feed) {
        char why[512];
        snprintf(why, sizeof why, "invalid feed: %s", p.first_error);
        report_failure(f, "could not use the feed from", why);
        http_response_clear(&r);
        free(sig);
        return false;
    }
    trust(f, sig, order);
    free(f->etag);
    free(f->last_modified);
    f->etag = r.etag;
    f->last_modified = r.last_modified;
    r.etag = r.last_modified = NULL;
    deliver(f, feed, (const char *)r.body, r.len, BUNDLE_SOURCE_NETWORK, f->etag);
    http_response_clear(&r);
    if (!stopping(f)) report_success(f);
    return true;
}

/* One look at a file feed: read it again if it changed since the last look. */
static void check_file(struct fetch *f)
{
    struct stat st;
    if (stat(f->cfg.feed, &st) != 0) {
        if (f->feed_st_valid) report_failure(f, "could not read", strerror(errno));
        f->feed_st_valid = false;
        return;
    }
    if (f->feed_st_valid && file_same_version(&st, &f->feed_st)) return;
    f->feed_st = st;
    f->feed_st_valid = true;
    token_file_refresh(&f->token, f->cfg.token_file);
    unsigned char *body = NULL;
    size_t len = 0;
    char why[512];
    if (!file_read(f->cfg.feed, FEED_MAX_BYTES, &body, &len, why, sizeof why)) {
        report_failure(f, "could not read", why);
        return;
    }
    char *sig;
    int64_t order = -1;
    if (!signed_ok(f, body, len, &sig, &order)) {
        free(body);
        return;
    }
    struct feed_problems p = {{0}, 0};
    struct feed *feed = feed_parse((const char *)body, len, f->cfg.feed, feed_problems_collect, &p);
    if (!feed) {
        snprintf(why, sizeof why, "invalid feed: %s", p.first_error);
        report_failure(f, "could not use", why);
        free(sig);
    } else {
        trust(f, sig, order);
        deliver(f, feed, (const char *)body, len, BUNDLE_SOURCE_FILE, NULL);
        if (!stopping(f)) report_success(f);
    }
    free(body);
}

/* The cached deck of a signed feed is trusted again only if its signature still holds
 * (the key may have changed; the card may have been written to); its order then is the
 * floor below which no feed is accepted, across restarts. */
static bool cached_signature_holds(struct fetch *f, struct cache_deck *d)
{
    int64_t order = -1;
    char why[768];
    if (!d->signature || !signature_check(&f->cfg.sign, d->signature, strlen(d->signature), d->body,
                                          d->len, -1, &order, why, sizeof why))
        return false;
    trust(f, d->signature, order);
    d->signature = NULL;
    return true;
}

/* What the screen shows at start (startup_deck's deck), so an unchanged feed is not
 * handed over twice, and the validators that let the first poll be a 304. */
static void adopt_cached(struct fetch *f)
{
    char why[512];
    struct cache_deck d;
    if (!f->cache || !cache_load(f->cache, &d, NULL, why, sizeof why)) return;
    if (f->cfg.sign.key && !cached_signature_holds(f, &d)) {
        cache_deck_clear(&d);
        return;
    }
    struct feed *feed = feed_parse(d.body, d.len, f->cfg.feed, NULL, NULL);
    if (feed && d.complete) {
        replace(&f->shown_digest, feed_digest(feed));
        if (f->remote) {
            f->etag = d.etag;
            f->last_modified = d.last_modified;
            d.etag = d.last_modified = NULL;
        }
        f->touched = d.fetched;
        /* Shown from the cache alone: its images are checked at the first 304. */
        remember_body(f, d.body, d.len);
        f->images_missing = true;
        f->images_checked = mono_ms();
    }
    feed_free(feed);
    cache_deck_clear(&d);
}

/* ---- the thread ----------------------------------------------------------------------- */

static int thread_main(void *arg)
{
    struct fetch *f = arg;
    prctl(PR_SET_NAME, "vitrine-fetch"); /* top -H and /proc tell its CPU from the render's */
    adopt_cached(f);
    bool first = true;
    while (!stopping(f)) {
        int64_t started = mono_ms(), wait;
        if (f->remote) {
            const bool spread = first || f->failures > 0;
            first = false;
            bool ok = poll_url(f);
            int interval = f->cfg.interval_s;
            if (atomic_load(&f->quiet) && interval < FETCH_QUIET_INTERVAL)
                interval = FETCH_QUIET_INTERVAL;
            if (ok)
                wait =
                    backoff_jitter_ms(&f->rng, interval, spread ? BACKOFF_SPREAD : BACKOFF_JITTER);
            else
                wait = backoff_jitter_ms(&f->rng, backoff_retry_s(f->failures, interval),
                                         BACKOFF_SPREAD);
        } else {
            check_file(f);
            recheck_images(f, BUNDLE_SOURCE_FILE, NULL, f->cfg.interval_s * 1000LL);
            wait = FILE_CHECK_MS;
        }
        int64_t spent = mono_ms() - started;
        if (wait_or_stop(f, wait > spent ? wait - spent : 0)) break;
    }
    return 0;
}

static void fetch_free(struct fetch *f)
{
    if (!f) return;
    token_file_clear(&f->token);
    free(f->body);
    free(f->signature);
    free(f->etag);
    free(f->last_modified);
    free(f->shown_digest);
    cache_close(f->cache);
    http_free(f->http);
    waiter_destroy(&f->waiter);
    free(f);
}

/* The wait's condition variable runs on the monotonic clock: an NTP jump on a Pi
 * without a battery clock must not turn a 60 s wait into years. */
struct fetch *fetch_start(const struct fetch_config *cfg)
{
    if (!cfg->feed) return NULL;
    struct fetch *f = calloc(1, sizeof *f);
    if (!f || !waiter_init(&f->waiter)) {
        free(f);
        log_warn("could not start watching %s: out of resources", cfg->feed);
        return NULL;
    }
    f->cfg = *cfg;
    f->cfg.shown_digest = NULL; /* the caller's string: copied, not kept */
    replace(&f->shown_digest, cfg->shown_digest);
    f->remote = url_is_remote(cfg->feed);
    f->order = -1;
    atomic_init(&f->stop, false);
    atomic_init(&f->quiet, false);
    atomic_init(&f->poke, false);
    f->rng = (uint64_t)mono_ms() * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)f;
    if (!f->rng) f->rng = 1;
    char why[512];
    if (cfg->cache_dir && !(f->cache = cache_open(cfg->cache_dir, cfg->feed, why, sizeof why)))
        cache_failed(f, "could not open", why);
    f->http = http_new(&f->stop);
    /* Not pthread_create: the fetch thread calls SDL (image decoding, SDL_PushEvent),
     * whose per-thread error buffer only SDL's own threads free when they end. */
    if (!f->http || !(f->thread = SDL_CreateThread(thread_main, "vitrine-fetch", f))) {
        log_warn("could not start watching %s: the fetch thread did not start", cfg->feed);
        fetch_free(f);
        return NULL;
    }
    return f;
}

void fetch_set_quiet(struct fetch *f, bool quiet)
{
    if (!f || atomic_exchange(&f->quiet, quiet) == quiet || quiet) return;
    waiter_raise(&f->waiter, &f->poke); /* quiet ended: cut the long wait short */
}

void fetch_stop(struct fetch *f)
{
    if (!f) return;
    waiter_raise(&f->waiter, &f->stop);
    SDL_WaitThread(f->thread, NULL);
    fetch_free(f);
}
