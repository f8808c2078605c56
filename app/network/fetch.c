/* fetch — the deck's source, kept fresh on a background thread (see fetch.h).
 *
 * fetch_initial and fetch_check run on the main thread before the fetch thread exists;
 * everything else runs on the fetch thread, which owns its curl handle, its cache and
 * every bundle it builds until SDL_PushEvent hands one to the render thread. The only
 * state shared with other threads is the stop flag (atomic, plus a condition variable
 * to cut a wait short) and the status (which locks itself).
 *
 * One poll of a URL feed: a conditional GET of the feed (If-None-Match/If-Modified-
 * Since from the last good response). 304: nothing to do. 200: parse and validate, then
 * fetch every remote image conditionally (an image that fails gets its fallback), write
 * the assets then the feed to the cache (the commit point), and push the bundle. Any
 * failure keeps the deck on screen, logs one line, and retries with backoff. */
#include "fetch.h"

#include "bundle.h"
#include "cache.h"
#include "clock.h"
#include "feed.h"
#include "file.h"
#include "image.h"
#include "log.h"
#include "status.h"
#include "url.h"
#include "version.h"

#include <SDL.h>
#include <curl/curl.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>

/* Transfer limits: a dead or hostile server must not hold the thread, or the Pi's RAM. */
#define CONNECT_TIMEOUT_S  10
#define LOW_SPEED_BYTES    1024 /* bytes per second ... */
#define LOW_SPEED_TIME_S   15   /* ... sustained this long aborts the transfer */
#define TRANSFER_TIMEOUT_S 60
#define MAX_REDIRECTS      5
#define ALLOWED_PROTOCOLS  "http,https"
/* All the images of one update share this: slow image servers may leave slides on their
 * fallback for a poll, never hold the whole new deck back (each image alone could take
 * TRANSFER_TIMEOUT_S, one after the other). */
#define IMAGES_BUDGET_MS  30000
#define IMAGES_RECHECK_MS (10 * 60 * 1000) /* a logo replaced under the same URL: noticed */

#define BACKOFF_FIRST_S   2    /* first retry after a failure; doubles up to the interval */
#define JITTER_PERCENT    10   /* +-10% on every wait, so a fleet does not poll in step */
#define FILE_CHECK_MS     1000 /* how often a local feed file is stat()ed */
#define TOUCH_EVERY_S     3600 /* a 304 refreshes the cache's "fetched" time this often */
#define TOKEN_MAX_BYTES   4096
#define MAX_FEED_WARNINGS 5 /* per new deck; the rest are counted */

#define NO_CACHE_SENTENCE                                                                          \
    "no cached deck yet and the network has not answered: showing the built-in demo deck"

struct fetch {
    struct fetch_config cfg; /* strings owned by the caller */
    bool remote;             /* cfg.feed is an http(s) URL (else a file) */
    SDL_Thread *thread;      /* an SDL thread: SDL frees its per-thread error buffer at exit */
    pthread_mutex_t lock;    /* with wake: cuts a wait short on stop */
    pthread_cond_t wake;
    atomic_bool stop;
    atomic_bool quiet; /* outside screen hours: poll rarely */
    atomic_bool poke;  /* quiet just ended: poll now */

    CURL *curl;
    char errbuf[CURL_ERROR_SIZE];
    struct cache *cache; /* NULL: no cache dir, or it could not be opened */
    uint64_t rng;

    /* The deck last handed over (or shown at start): what a new one is compared with. */
    char *shown_digest;
    char *etag, *last_modified; /* validators of the feed response that brought it */
    char *body;                 /* its feed bytes, to check its images again on a 304 */
    size_t body_len;
    int64_t images_checked; /* monotonic ms of the last look at its images */
    int64_t touched;        /* unix seconds the cache's "fetched" was last written */
    int failures;           /* consecutive failed polls */
    bool images_missing;    /* some of its images fell back: try them at every poll */

    char *token;          /* bearer token, or NULL; never logged */
    struct stat token_st; /* the version of the token file last read (if token_st_valid) */
    struct stat feed_st;  /* file feeds: the version last read (if feed_st_valid) */
    bool token_st_valid;
    bool token_missing; /* the token file was missing at the last look (warned) */
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

/* xorshift64*: jitter needs no quality, only independence from other threads' rand(). */
static double random_unit(struct fetch *f)
{
    f->rng ^= f->rng >> 12;
    f->rng ^= f->rng << 25;
    f->rng ^= f->rng >> 27;
    return (double)((f->rng * 2685821657736338717u) >> 11) / 9007199254740992.0;
}

/* seconds +- JITTER_PERCENT, in milliseconds. */
static int64_t jittered_ms(struct fetch *f, int seconds)
{
    double factor = 1.0 + (2.0 * random_unit(f) - 1.0) * JITTER_PERCENT / 100.0;
    return (int64_t)(seconds * 1000.0 * factor);
}

/* The nominal wait after the n-th consecutive failure: 2, 4, 8 ... s, at most the
 * poll interval (and never below it when the interval itself is shorter). */
static int backoff_s(int failures, int interval)
{
    int s = BACKOFF_FIRST_S;
    for (int i = 1; i < failures && s < interval; i++)
        s *= 2;
    return s < interval ? s : interval;
}

static bool stopping(struct fetch *f)
{
    return atomic_load(&f->stop);
}

/* Sleeps up to ms, returning early (true) when fetch_stop asks. */
static bool wait_or_stop(struct fetch *f, int64_t ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&f->lock);
    while (!stopping(f) && !atomic_exchange(&f->poke, false) &&
           pthread_cond_timedwait(&f->wake, &f->lock, &ts) != ETIMEDOUT)
        ;
    pthread_mutex_unlock(&f->lock);
    return stopping(f);
}

/* ---- HTTP ------------------------------------------------------------------------- */

struct response {
    long code;       /* of the last status line seen (after redirects) */
    char reason[64]; /* its reason phrase, "" with HTTP/2 */
    unsigned char *body;
    size_t len, cap, max;
    bool too_big;
    atomic_bool *stop; /* NULL in fetch_check */
};

/* Status lines arrive once per response (redirects included); the last one wins. */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
    struct response *r = ctx;
    size_t len = size * n;
    if (len > 5 && strncmp(data, "HTTP/", 5) == 0) {
        const char *sp = memchr(data, ' ', len);
        r->code = sp ? strtol(sp + 1, NULL, 10) : 0;
        r->reason[0] = '\0';
        const char *end = data + len;
        const char *phrase = sp ? memchr(sp + 1, ' ', (size_t)(end - sp - 1)) : NULL;
        if (phrase) {
            phrase++;
            size_t plen = (size_t)(end - phrase);
            while (plen > 0 && (phrase[plen - 1] == '\r' || phrase[plen - 1] == '\n'))
                plen--;
            if (plen >= sizeof r->reason) plen = sizeof r->reason - 1;
            memcpy(r->reason, phrase, plen);
            r->reason[plen] = '\0';
        }
        r->len = 0;
    }
    return len;
}

/* Bytes arrive already decompressed, so the cap holds after gzip too. An error page's
 * body is not kept. */
static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
    struct response *r = ctx;
    size_t len = size * n;
    if (r->code != 200) return len;
    if (len > r->max - r->len) {
        r->too_big = true;
        return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
    }
    if (r->len + len > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->len + len)
            cap *= 2;
        if (cap > r->max) cap = r->max;
        unsigned char *more = realloc(r->body, cap + 1);
        if (!more) return 0;
        r->body = more;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, len);
    r->len += len;
    r->body[r->len] = '\0';
    return len;
}

static int on_progress(void *ctx, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const struct response *r = ctx;
    return r->stop && atomic_load(r->stop) ? 1 : 0;
}

/* The options every transfer shares: limits, TLS, identity. */
static CURL *new_handle(char *errbuf)
{
    CURL *c = curl_easy_init();
    if (!c) return NULL;
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* threads and signals do not mix */
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "vitrine/" VITRINE_VERSION);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding curl can decode */
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, ALLOWED_PROTOCOLS);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, ALLOWED_PROTOCOLS);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED_BYTES);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)LOW_SPEED_TIME_S);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)TRANSFER_TIMEOUT_S);
    /* Never turned off: a kiosk showing whatever a man in the middle sends is worse than
     * a kiosk showing yesterday's deck. */
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    const char *ca = getenv("VITRINE_CA_FILE"); /* tests only: a private CA, still verified */
    if (ca && *ca) curl_easy_setopt(c, CURLOPT_CAINFO, ca);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    return c;
}

static void format_size(char *buf, size_t cap, size_t bytes)
{
    if (bytes % (1024u * 1024u) == 0)
        snprintf(buf, cap, "%zu MiB", bytes / (1024u * 1024u));
    else
        snprintf(buf, cap, "%zu bytes", bytes);
}

enum get_result { GET_OK, GET_NOT_MODIFIED, GET_FAILED, GET_STOPPED };

struct request {
    const char *url;
    const char *etag, *last_modified; /* validators to send, or NULL */
    const char *token;                /* bearer token to send, or NULL */
    size_t max;                       /* body cap */
    long timeout_ms;                  /* whole transfer; 0: TRANSFER_TIMEOUT_S */
};

static struct curl_slist *request_headers(const struct request *q)
{
    struct curl_slist *h = NULL, *next;
    char line[1024];
    const char *names[] = {"If-None-Match", "If-Modified-Since"};
    const char *values[] = {q->etag, q->last_modified};
    for (size_t i = 0; i < 2; i++) {
        if (!values[i] || strlen(values[i]) > sizeof line - 32) continue;
        snprintf(line, sizeof line, "%s: %s", names[i], values[i]);
        if ((next = curl_slist_append(h, line))) h = next;
    }
    if (q->token) {
        size_t n = strlen(q->token) + 32;
        char *auth = malloc(n);
        if (auth) {
            snprintf(auth, n, "Authorization: Bearer %s", q->token);
            if ((next = curl_slist_append(h, auth))) h = next;
            explicit_bzero(auth, n);
            free(auth);
        }
    }
    return h;
}

/* The reason a transfer failed, as a technician reads it. */
static void failure_reason(const struct response *r, CURLcode rc, const char *errbuf, char *why,
                           size_t whylen)
{
    char size[32];
    if (rc == CURLE_OK && r->reason[0])
        snprintf(why, whylen, "HTTP %ld %s", r->code, r->reason);
    else if (rc == CURLE_OK)
        snprintf(why, whylen, "HTTP %ld", r->code);
    else if (r->too_big) {
        format_size(size, sizeof size, r->max);
        snprintf(why, whylen, "the response is larger than the %s limit", size);
    } else if (errbuf[0])
        snprintf(why, whylen, "%s", errbuf);
    else
        snprintf(why, whylen, "%s", curl_easy_strerror(rc));
}

/* Response validators, from the final response's headers. */
static char *header_value(CURL *c, const char *name)
{
    struct curl_header *h = NULL;
    if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h->value) return NULL;
    return strdup(h->value);
}

/* One GET. GET_OK: r->body holds the 200 body (caller frees). GET_FAILED: why says. */
static enum get_result http_get(CURL *c, char *errbuf, const struct request *q, struct response *r,
                                char **etag, char **last_modified, char *why, size_t whylen)
{
    struct curl_slist *headers = request_headers(q);
    errbuf[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, q->url);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                     q->timeout_ms ? q->timeout_ms : TRANSFER_TIMEOUT_S * 1000L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, r);
    r->max = q->max;
    CURLcode rc = curl_easy_perform(c);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers); /* holds the token: gone right after the transfer */
    if (rc == CURLE_ABORTED_BY_CALLBACK && r->stop && atomic_load(r->stop)) return GET_STOPPED;
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK) r->code = code;
    if (rc == CURLE_OK && code == 200 && !r->body)
        r->body = calloc(1, 1); /* an empty body is still a body: the parser says why not */
    if (rc == CURLE_OK && (code == 200 || code == 304)) {
        if (etag) *etag = header_value(c, "ETag");
        if (last_modified) *last_modified = header_value(c, "Last-Modified");
        return code == 200 ? GET_OK : GET_NOT_MODIFIED;
    }
    failure_reason(r, rc, errbuf, why, whylen);
    return GET_FAILED;
}

/* ---- building a bundle ------------------------------------------------------------- */

/* A feed's first fatal problem, for the one-line failure message; warnings are logged
 * (a few) so a technician sees a skipped slide once per new deck. */
struct problems {
    char first_error[256];
    int warnings;
};

static void collect_problem(void *ctx, enum feed_severity sev, const char *path, const char *msg)
{
    struct problems *p = ctx;
    if (sev == FEED_ERROR) {
        if (!p->first_error[0])
            snprintf(p->first_error, sizeof p->first_error, "%s%s%s", path ? path : "",
                     path && *path ? ": " : "", msg);
        return;
    }
    if (++p->warnings <= MAX_FEED_WARNINGS)
        log_warn("feed: %s%s%s", path ? path : "", path && *path ? ": " : "", msg);
}

/* Where one asset's bytes come from: the network (conditionally) or, offline, the cache. */
struct asset_source {
    struct fetch *f;     /* NULL: offline, cache only */
    struct cache *cache; /* may be NULL */
    int64_t deadline;    /* monotonic ms: past it, the cache only (IMAGES_BUDGET_MS) */
    bool changed;        /* some asset differs from what the cache had */
    int missing;         /* remote images that fell back */
};

/* Same origin as the feed: only there does the bearer token go. */
static bool same_origin(const char *a, const char *b)
{
    CURLU *ua = curl_url(), *ub = curl_url();
    bool same = false;
    if (ua && ub && curl_url_set(ua, CURLUPART_URL, a, 0) == CURLUE_OK &&
        curl_url_set(ub, CURLUPART_URL, b, 0) == CURLUE_OK) {
        const CURLUPart parts[] = {CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT};
        same = true;
        for (size_t i = 0; same && i < 3; i++) {
            char *x = NULL, *y = NULL;
            curl_url_get(ua, parts[i], &x, CURLU_DEFAULT_PORT);
            curl_url_get(ub, parts[i], &y, CURLU_DEFAULT_PORT);
            same = x && y && strcasecmp(x, y) == 0;
            curl_free(x);
            curl_free(y);
        }
    }
    curl_url_cleanup(ua);
    curl_url_cleanup(ub);
    return same;
}

/* Network side of one asset: bytes in *data (caller frees) or false with why. */
static bool download_asset(struct asset_source *src, const char *url, unsigned char **data,
                           size_t *len, char *why, size_t whylen)
{
    struct fetch *f = src->f;
    const char *etag = NULL, *lm = NULL;
    bool cached = src->cache && cache_asset_validators(src->cache, url, &etag, &lm);
    const int64_t left = src->deadline - mono_ms(); /* 0 would mean "no limit of our own" */
    struct request q = {url, etag, lm, NULL, IMAGE_MAX_BYTES, left > 0 ? (long)left : 1};
    if (same_origin(url, f->cfg.feed)) q.token = f->token;
    struct response r = {.stop = &f->stop};
    char *new_etag = NULL, *new_lm = NULL;
    enum get_result g = http_get(f->curl, f->errbuf, &q, &r, &new_etag, &new_lm, why, whylen);
    if (g == GET_NOT_MODIFIED && cached) {
        free(new_etag);
        free(new_lm);
        return cache_asset_read(src->cache, url, IMAGE_MAX_BYTES, data, len, why, whylen);
    }
    bool ok = g == GET_OK;
    if (g == GET_NOT_MODIFIED) snprintf(why, whylen, "HTTP 304 for an image that is not cached");
    if (ok) {
        *data = r.body;
        *len = r.len;
        r.body = NULL;
        bool changed = true;
        char err[256];
        if (src->cache && !cache_asset_store(src->cache, url, *data, *len, new_etag, new_lm,
                                             &changed, err, sizeof err))
            log_warn("could not cache %s: %s", url, err);
        src->changed |= changed;
    } else if (cached && g == GET_FAILED && r.code >= 400 && r.code < 500) {
        /* The publisher removed it: the slide shows its fallback from now on. */
        cache_asset_forget(src->cache, url);
        src->changed = true;
    } else if (cached && g == GET_FAILED) {
        /* A passing network or server fault: yesterday's logo beats no logo. */
        free(new_etag);
        free(new_lm);
        free(r.body);
        return cache_asset_read(src->cache, url, IMAGE_MAX_BYTES, data, len, why, whylen);
    }
    free(new_etag);
    free(new_lm);
    free(r.body);
    return ok;
}

static SDL_Surface *load_asset(struct asset_source *src, const char *url, char *why, size_t whylen)
{
    if (!url_is_remote(url)) return image_load_file(url, why, whylen);
    unsigned char *data = NULL;
    size_t len = 0;
    const bool online = src->f && mono_ms() < src->deadline;
    bool ok = online ? download_asset(src, url, &data, &len, why, whylen)
                     : src->cache && cache_asset_read(src->cache, url, IMAGE_MAX_BYTES, &data, &len,
                                                      why, whylen);
    if (!ok && src->f && !online)
        snprintf(why, whylen,
                 "not fetched within the update's %d s for images; trying again at "
                 "the next poll",
                 IMAGES_BUDGET_MS / 1000);
    else if (!ok && !src->f && !src->cache)
        snprintf(why, whylen, "not cached");
    SDL_Surface *s = ok ? image_decode(data, len, why, whylen) : NULL;
    free(data);
    return s;
}

/* Gives every slide its image, each distinct URL fetched and decoded once; a failure
 * is logged and leaves that slide on its fallback. False only when stopping. */
static bool attach_images(struct bundle *b, struct asset_source *src)
{
    const struct feed *feed = bundle_feed(b);
    size_t n = feed_slide_count(feed);
    for (size_t i = 0; i < n; i++) {
        const char *url = feed_slide(feed, i)->image;
        if (!url) continue;
        size_t first = 0;
        while (first < i && !(feed_slide(feed, first)->image &&
                              strcmp(feed_slide(feed, first)->image, url) == 0))
            first++;
        if (first < i) {
            SDL_Surface *done = bundle_image(b, first);
            bundle_set_image(b, i, done ? SDL_DuplicateSurface(done) : NULL);
            continue;
        }
        char why[256] = "";
        SDL_Surface *s = load_asset(src, url, why, sizeof why);
        if (src->f && stopping(src->f)) return false;
        if (!s && url_is_remote(url)) src->missing++;
        if (!s && (src->f || !url_is_remote(url)))
            log_warn("image %s for slide '%s': %s; showing the fallback", url,
                     feed_slide(feed, i)->id, why);
        bundle_set_image(b, i, s);
    }
    return true;
}

/* The remote image URLs of a feed, for the cache's commit (pointers into feed). */
static const char **image_urls(const struct feed *feed, size_t *n)
{
    size_t count = feed_slide_count(feed);
    const char **urls = calloc(count ? count : 1, sizeof *urls);
    *n = 0;
    for (size_t i = 0; urls && i < count; i++) {
        const char *u = feed_slide(feed, i)->image;
        if (u && url_is_remote(u)) urls[(*n)++] = u;
    }
    return urls;
}

/* ---- start-up (main thread) ---------------------------------------------------------- */

static bool is_remote(const char *feed)
{
    return feed && url_is_remote(feed);
}

static struct bundle *load_builtin(const struct fetch_config *cfg)
{
    struct problems p = {{0}, 0};
    struct bundle *b = bundle_load_file(cfg->builtin, BUNDLE_SOURCE_BUILTIN, collect_problem, &p);
    if (!b) log_error("the built-in demo deck %s is unusable: %s", cfg->builtin, p.first_error);
    return b;
}

/* The cached deck of cfg->feed, parsed and with its cached images, or NULL (why says). */
static struct bundle *load_cached(const struct fetch_config *cfg, struct cache *cache,
                                  int64_t *fetched, char *why, size_t whylen)
{
    struct cache_deck d;
    if (!cache_load(cache, &d, why, whylen)) return NULL;
    struct problems p = {{0}, 0};
    struct feed *feed = feed_parse(d.body, d.len, cfg->feed, NULL, &p);
    if (!feed) {
        snprintf(why, whylen, "the cached feed is invalid");
        cache_deck_clear(&d);
        return NULL;
    }
    struct bundle *b = bundle_new(feed, BUNDLE_SOURCE_CACHE, d.version);
    *fetched = d.fetched;
    cache_deck_clear(&d);
    if (!b) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    struct asset_source src = {.cache = cache};
    attach_images(b, &src);
    return b;
}

static struct bundle *initial_remote(const struct fetch_config *cfg)
{
    char why[512] = "no cache directory";
    struct cache *cache =
        cfg->cache_dir ? cache_open(cfg->cache_dir, cfg->feed, why, sizeof why) : NULL;
    int64_t fetched = 0;
    struct bundle *b = cache ? load_cached(cfg, cache, &fetched, why, sizeof why) : NULL;
    cache_close(cache);
    if (b) {
        log_info("showing the cached deck of %s until the network answers", cfg->feed);
        if (fetched > 0) status_set_success(cfg->status, fetched); /* staleness counts from then */
        return b;
    }
    if (strncmp(why, "no cached deck", 14) == 0)
        log_info("%s", NO_CACHE_SENTENCE);
    else /* a cache that exists but cannot be used deserves its reason */
        log_info("%s (cache: %s)", NO_CACHE_SENTENCE, why);
    status_set_error(cfg->status, NO_CACHE_SENTENCE);
    return load_builtin(cfg);
}

static struct bundle *initial_file(const struct fetch_config *cfg)
{
    struct problems p = {{0}, 0};
    struct feed *feed = feed_load_file(cfg->feed, collect_problem, &p);
    if (!feed) {
        char sentence[768];
        snprintf(sentence, sizeof sentence,
                 "could not load %s: %s; showing the built-in demo deck until it is fixed",
                 cfg->feed, p.first_error);
        log_warn("%s", sentence);
        status_set_error(cfg->status, sentence);
        return load_builtin(cfg);
    }
    struct bundle *b = bundle_new(feed, BUNDLE_SOURCE_FILE, NULL);
    if (!b) return load_builtin(cfg);
    /* Remote images come from the cache now; the thread fetches what is missing. */
    char why[256];
    struct cache *cache =
        cfg->cache_dir ? cache_open(cfg->cache_dir, cfg->feed, why, sizeof why) : NULL;
    struct cache_deck d;
    if (cache && cache_load(cache, &d, why, sizeof why)) cache_deck_clear(&d);
    struct asset_source src = {.cache = cache};
    attach_images(b, &src);
    cache_close(cache);
    status_set_success(cfg->status, now_s());
    return b;
}

struct bundle *fetch_initial(const struct fetch_config *cfg)
{
    if (!cfg->feed) return load_builtin(cfg);
    return is_remote(cfg->feed) ? initial_remote(cfg) : initial_file(cfg);
}

void fetch_global_init(void)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        log_warn("libcurl did not initialize: remote feeds will not be fetched");
}

void fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The bearer token in path: one line, surrounding whitespace dropped (control characters
 * would forge headers). A new string the caller wipes and frees, or NULL with why in err. */
static char *token_read(const char *path, char *err, size_t errlen)
{
    unsigned char *data = NULL;
    size_t size = 0;
    if (!file_read(path, TOKEN_MAX_BYTES, &data, &size, err, errlen)) return NULL;
    size_t start = 0, len = size;
    while (start < len && is_blank(data[start]))
        start++;
    while (len > start && is_blank(data[len - 1]))
        len--;
    bool bad = len == start;
    for (size_t i = start; i < len; i++)
        bad |= data[i] < 0x21 || data[i] == 0x7f;
    char *token = NULL;
    if (bad)
        snprintf(err, errlen, "%s does not hold a single-line token", path);
    else if (!(token = malloc(len - start + 1)))
        snprintf(err, errlen, "out of memory");
    else
        memcpy(token, data + start, len - start), token[len - start] = '\0';
    explicit_bzero(data, size);
    free(data);
    return token;
}

static void token_free(char *token)
{
    if (!token) return;
    explicit_bzero(token, strlen(token));
    free(token);
}

struct feed *fetch_check(const char *feed, const char *token_file, feed_report_fn report, void *ctx)
{
    if (!is_remote(feed)) return feed_load_file(feed, report, ctx);
    char errbuf[CURL_ERROR_SIZE], why[512], msg[768];
    char *token = NULL;
    if (token_file && !(token = token_read(token_file, why, sizeof why))) {
        snprintf(msg, sizeof msg, "token file: %s", why);
        report(ctx, FEED_ERROR, "", msg);
        return NULL;
    }
    CURL *c = new_handle(errbuf);
    if (!c) {
        report(ctx, FEED_ERROR, "", "could not start libcurl");
        token_free(token);
        return NULL;
    }
    struct request q = {feed, NULL, NULL, token, FEED_MAX_BYTES, 0};
    struct response r = {0};
    enum get_result g = http_get(c, errbuf, &q, &r, NULL, NULL, why, sizeof why);
    curl_easy_cleanup(c);
    token_free(token);
    struct feed *parsed = NULL;
    if (g == GET_OK) {
        parsed = feed_parse((const char *)r.body, r.len, feed, report, ctx);
    } else {
        snprintf(msg, sizeof msg, "could not fetch %s: %s", feed, why);
        report(ctx, FEED_ERROR, "", msg);
    }
    free(r.body);
    return parsed;
}

/* ---- the thread ------------------------------------------------------------------- */

/* Reads the bearer token when the file is new or changed; a problem is logged once per
 * version of the file (or once while it is missing), not at every poll. */
static void refresh_token(struct fetch *f)
{
    if (!f->cfg.token_file) return;
    struct stat st;
    if (stat(f->cfg.token_file, &st) != 0) {
        if (f->token_st_valid || !f->token_missing)
            log_warn("token file %s: %s; sending no token", f->cfg.token_file, strerror(errno));
        token_free(f->token);
        f->token = NULL;
        f->token_st_valid = false;
        f->token_missing = true;
        return;
    }
    f->token_missing = false;
    if (f->token_st_valid && same_file(&st, &f->token_st)) return;
    f->token_st = st;
    f->token_st_valid = true;
    token_free(f->token);
    char err[512];
    f->token = token_read(f->cfg.token_file, err, sizeof err);
    if (!f->token) log_warn("token file: %s; sending no token", err);
}

/* One line in the journal and the status: what failed, for what, what happens next. */
static void report_failure(struct fetch *f, const char *what, const char *why)
{
    f->failures++;
    char next[64], sentence[1024];
    if (f->remote)
        snprintf(next, sizeof next, "retrying in %d s", backoff_s(f->failures, f->cfg.interval_s));
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

/* Writes the deck to the cache: assets are already there, this is the commit point. */
static void commit(struct fetch *f, const struct bundle *b, const char *body, size_t len, int64_t t)
{
    if (!f->cache) return;
    struct cache_deck d = {.body = (char *)body,
                           .len = len,
                           .etag = f->etag,
                           .last_modified = f->last_modified,
                           .version = (char *)bundle_version(b),
                           .fetched = t};
    size_t n = 0;
    const char **urls = image_urls(bundle_feed(b), &n);
    char err[512];
    if (!urls || !cache_commit(f->cache, &d, urls, n, err, sizeof err))
        log_warn("could not save the deck to the cache: %s; it will not survive a restart",
                 urls ? err : "out of memory");
    else
        f->touched = t;
    free(urls);
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

/* A validated feed: its images, the cache, the hand-over if anything changed. */
static void deliver(struct fetch *f, struct feed *feed, const char *body, size_t len,
                    enum bundle_source source, const char *version)
{
    bool same_feed = f->shown_digest && strcmp(f->shown_digest, feed_digest(feed)) == 0;
    struct bundle *b = bundle_new(feed, source, version);
    if (!b) {
        log_warn("out of memory building the deck of %s", f->cfg.feed);
        return;
    }
    struct asset_source src = {.f = f, .cache = f->cache, .deadline = mono_ms() + IMAGES_BUDGET_MS};
    if (!attach_images(b, &src)) {
        bundle_free(b);
        return;
    }
    f->images_missing = src.missing > 0;
    f->images_checked = mono_ms();
    remember_body(f, body, len);
    int64_t t = now_s();
    if (same_feed && !src.changed) {
        /* Byte-identical feed, same images: the screen already has it, and the SD card
         * is spared a write (a server without validators answers 200 every poll). */
        char err[256];
        if (f->cache && t - f->touched >= TOUCH_EVERY_S &&
            cache_touch(f->cache, t, err, sizeof err))
            f->touched = t;
        bundle_free(b);
        return;
    }
    commit(f, b, body, len, t);
    log_info("new deck from %s: %zu slide%s, version %s", f->cfg.feed,
             feed_slide_count(bundle_feed(b)), feed_slide_count(bundle_feed(b)) == 1 ? "" : "s",
             bundle_version(b));
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
    if (!f->body || !(f->images_missing ? since >= min_ms : since >= IMAGES_RECHECK_MS)) return;
    struct feed *feed = feed_parse(f->body, f->body_len, f->cfg.feed, NULL, NULL);
    if (feed) deliver(f, feed, f->body, f->body_len, source, version);
}

/* One poll of a URL feed. True on success (new deck, same deck, or 304). */
static bool poll_url(struct fetch *f)
{
    refresh_token(f);
    struct request q = {f->cfg.feed, f->etag, f->last_modified, f->token, FEED_MAX_BYTES, 0};
    struct response r = {.stop = &f->stop};
    char why[512], *etag = NULL, *lm = NULL;
    enum get_result g = http_get(f->curl, f->errbuf, &q, &r, &etag, &lm, why, sizeof why);
    if (g == GET_STOPPED || g == GET_FAILED) {
        if (g == GET_FAILED) report_failure(f, "could not fetch", why);
        free(r.body);
        return false;
    }
    if (g == GET_NOT_MODIFIED) { /* costs no parsing, and no disk write most of the time */
        free(etag);
        free(lm);
        int64_t t = now_s();
        char err[256];
        if (f->cache && t - f->touched >= TOUCH_EVERY_S &&
            cache_touch(f->cache, t, err, sizeof err))
            f->touched = t;
        recheck_images(f, BUNDLE_SOURCE_NETWORK, f->etag, 0);
        report_success(f);
        return true;
    }
    struct problems p = {{0}, 0};
    struct feed *feed = feed_parse((const char *)r.body, r.len, f->cfg.feed, collect_problem, &p);
    if (!feed) {
        snprintf(why, sizeof why, "invalid feed: %s", p.first_error);
        report_failure(f, "could not use the feed from", why);
        free(etag);
        free(lm);
        free(r.body);
        return false;
    }
    free(f->etag);
    free(f->last_modified);
    f->etag = etag;
    f->last_modified = lm;
    deliver(f, feed, (const char *)r.body, r.len, BUNDLE_SOURCE_NETWORK, etag);
    free(r.body);
    if (!stopping(f)) report_success(f);
    return true;
}

/* One look at a file feed: re-read it if it changed since the last look. */
static void check_file(struct fetch *f)
{
    struct stat st;
    if (stat(f->cfg.feed, &st) != 0) {
        if (f->feed_st_valid) {
            char why[256];
            snprintf(why, sizeof why, "%s", strerror(errno));
            report_failure(f, "could not read", why);
        }
        f->feed_st_valid = false;
        return;
    }
    if (f->feed_st_valid && same_file(&st, &f->feed_st)) return;
    f->feed_st = st;
    f->feed_st_valid = true;
    refresh_token(f);
    unsigned char *body = NULL;
    size_t len = 0;
    char why[512];
    if (!file_read(f->cfg.feed, FEED_MAX_BYTES, &body, &len, why, sizeof why)) {
        report_failure(f, "could not read", why);
        return;
    }
    struct problems p = {{0}, 0};
    struct feed *feed = feed_parse((const char *)body, len, f->cfg.feed, collect_problem, &p);
    if (!feed) {
        snprintf(why, sizeof why, "invalid feed: %s", p.first_error);
        report_failure(f, "could not use", why);
    } else {
        deliver(f, feed, (const char *)body, len, BUNDLE_SOURCE_FILE, NULL);
        if (!stopping(f)) report_success(f);
    }
    free(body);
}

/* What the screen shows at start (fetch_initial's deck), so an unchanged feed is not
 * handed over twice, and the validators that let the first poll be a 304. */
static void adopt_cached(struct fetch *f)
{
    char why[512];
    struct cache_deck d;
    if (!f->cache || !cache_load(f->cache, &d, why, sizeof why)) return;
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

static int thread_main(void *arg)
{
    struct fetch *f = arg;
    prctl(PR_SET_NAME, "vitrine-fetch"); /* top -H and /proc tell its CPU from the render's */
    adopt_cached(f);
    while (!stopping(f)) {
        int64_t started = mono_ms(), wait;
        if (f->remote) {
            bool ok = poll_url(f);
            int interval = f->cfg.interval_s;
            if (atomic_load(&f->quiet) && interval < FETCH_QUIET_INTERVAL)
                interval = FETCH_QUIET_INTERVAL;
            wait = jittered_ms(f, ok ? interval : backoff_s(f->failures, interval));
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
    token_free(f->token);
    free(f->body);
    free(f->etag);
    free(f->last_modified);
    free(f->shown_digest);
    cache_close(f->cache);
    if (f->curl) curl_easy_cleanup(f->curl);
    pthread_cond_destroy(&f->wake);
    pthread_mutex_destroy(&f->lock);
    free(f);
}

/* The wait's condition variable runs on the monotonic clock: an NTP jump on a Pi
 * without a battery clock must not turn a 60 s wait into years. */
static bool init_sync(struct fetch *f)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0) return false;
    bool ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
              pthread_cond_init(&f->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (ok && pthread_mutex_init(&f->lock, NULL) != 0) {
        pthread_cond_destroy(&f->wake);
        ok = false;
    }
    return ok;
}

struct fetch *fetch_start(const struct fetch_config *cfg)
{
    if (!cfg->feed) return NULL;
    struct fetch *f = calloc(1, sizeof *f);
    if (!f || !init_sync(f)) {
        free(f);
        log_warn("could not start watching %s: out of resources", cfg->feed);
        return NULL;
    }
    f->cfg = *cfg;
    f->cfg.shown_digest = NULL; /* the caller's string: copied, not kept */
    replace(&f->shown_digest, cfg->shown_digest);
    f->remote = is_remote(cfg->feed);
    atomic_init(&f->stop, false);
    atomic_init(&f->quiet, false);
    atomic_init(&f->poke, false);
    f->rng = (uint64_t)mono_ms() * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)f;
    if (!f->rng) f->rng = 1;
    char why[512];
    if (cfg->cache_dir && !(f->cache = cache_open(cfg->cache_dir, cfg->feed, why, sizeof why)))
        log_warn("cache %s: %s; decks will not survive a restart", cfg->cache_dir, why);
    f->curl = new_handle(f->errbuf);
    /* Not pthread_create: the fetch thread calls SDL (IMG_Load, SDL_PushEvent), whose
     * per-thread error buffer only SDL's own threads free when they end. */
    if (!f->curl || !(f->thread = SDL_CreateThread(thread_main, "vitrine-fetch", f))) {
        log_warn("could not start watching %s: the fetch thread did not start", cfg->feed);
        fetch_free(f);
        return NULL;
    }
    return f;
}

void fetch_set_quiet(struct fetch *f, bool quiet)
{
    if (!f || atomic_exchange(&f->quiet, quiet) == quiet || quiet) return;
    pthread_mutex_lock(&f->lock); /* quiet ended: cut the long wait short */
    atomic_store(&f->poke, true);
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
}

void fetch_stop(struct fetch *f)
{
    if (!f) return;
    pthread_mutex_lock(&f->lock);
    atomic_store(&f->stop, true);
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
    SDL_WaitThread(f->thread, NULL);
    fetch_free(f);
}
