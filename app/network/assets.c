/* assets — a deck update's images and schedule exports, gathered then decoded (see
 * assets.h). An export is an asset like a logo -- one conditional GET, the cache, the
 * shared time budget -- with its own size cap, parsed instead of decoded. */
#include "assets.h"

#include "bundle.h"
#include "cache.h"
#include "clock.h"
#include "feed.h"
#include "file.h"
#include "http.h"
#include "image.h"
#include "log.h"
#include "programme.h"
#include "shrink.h"
#include "url.h"

#include <SDL.h>
#include <sodium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where one distinct image's bytes are once gathered. */
enum assets_where {
    ASSETS_NOWHERE, /* failed: why says */
    ASSETS_MEMORY,  /* bytes below (no cache to keep them in) */
    ASSETS_CACHE,   /* the cache holds the current bytes */
    ASSETS_FILE,    /* a local path, read when decoding */
};

struct asset {
    const char *url; /* into the feed */
    size_t slide;    /* the first slide showing it (logs name it) */
    bool is_export;  /* a sessions slide's "source", not an image */
    bool stale;      /* an export the network failed to refresh: the cached copy stands in */
    enum assets_where where;
    unsigned char *data; /* ASSETS_MEMORY */
    size_t len;
    char why[HTTP_WHY_MAX];
};

struct assets {
    struct assets_source src;
    const struct feed *feed;
    struct asset *list; /* distinct URLs, in order of first use */
    size_t n;
    bool changed;
    int missing;
    int stale; /* exports standing in from the cache after a failed refresh */
    char store_why[HTTP_WHY_MAX + 256]; /* the first image the cache could not keep, or "" */
};

static int64_t mono_ms(void)
{
    const struct clock *c = clock_system();
    return c->mono_ms(c->ctx);
}

static bool online(const struct assets *a)
{
    return a->src.http && mono_ms() < a->src.deadline_ms;
}

/* A 200: the new bytes go to the cache (the commit will list them), else stay here. */
static void take_new(struct assets *a, struct asset *e, struct http_response *r)
{
    bool changed = true;
    char err[256];
    if (a->src.cache && cache_asset_store(a->src.cache, e->url, r->body, r->len, r->etag,
                                          r->last_modified, &changed, err, sizeof err)) {
        e->where = ASSETS_CACHE;
    } else {
        if (a->src.cache) log_warn("could not cache %s: %s", e->url, err);
        if (a->src.cache && !a->store_why[0])
            snprintf(a->store_why, sizeof a->store_why, "%s: %s", e->url, err);
        e->where = ASSETS_MEMORY;
        e->data = r->body;
        e->len = r->len;
        r->body = NULL;
    }
    a->changed |= changed;
}

static size_t max_bytes(const struct asset *e)
{
    return e->is_export ? PROGRAMME_MAX_BYTES : IMAGE_MAX_BYTES;
}

/* The network side of one image or export. False only when the stop flag cut it short. */
static bool download(struct assets *a, struct asset *e)
{
    const char *etag = NULL, *lm = NULL;
    const bool cached = a->src.cache && cache_asset_validators(a->src.cache, e->url, &etag, &lm);
    const int64_t left = a->src.deadline_ms - mono_ms(); /* 0 would mean the default */
    struct http_request q = {e->url, etag, lm, NULL, max_bytes(e), left > 0 ? (long)left : 1};
    if (a->src.token && http_same_origin(e->url, a->src.feed)) q.token = a->src.token;
    struct http_response r;
    enum http_result g = http_get(a->src.http, &q, &r);
    if (g == HTTP_STOPPED) {
        http_response_clear(&r);
        return false;
    }
    if (g == HTTP_OK) {
        take_new(a, e, &r);
    } else if (cached && g == HTTP_FAILED && r.code >= 400 && r.code < 500) {
        /* The publisher removed it: the slide shows its fallback from now on. */
        cache_asset_forget(a->src.cache, e->url);
        a->changed = true;
        snprintf(e->why, sizeof e->why, "%s", r.why);
    } else if (cached) {
        /* 304, or a passing network or server fault: yesterday's logo beats no logo. */
        e->where = ASSETS_CACHE;
        if (g == HTTP_FAILED && e->is_export) {
            e->stale = true; /* the board says so: fetch.c makes a new deck of the change */
            a->stale++;
            a->missing++; /* tried again at the next poll, not in 10 min */
            log_warn("schedule export %s for slide '%s': %s; showing the cached copy", e->url,
                     feed_slide(a->feed, e->slide)->id, r.why);
        }
    } else if (g == HTTP_NOT_MODIFIED) {
        snprintf(e->why, sizeof e->why, "HTTP 304 for an image that is not cached");
    } else {
        snprintf(e->why, sizeof e->why, "%s", r.why);
    }
    http_response_clear(&r);
    return true;
}

/* Where url's bytes come from; false only when stopping. */
static bool locate(struct assets *a, struct asset *e)
{
    if (!url_is_remote(e->url)) {
        e->where = ASSETS_FILE;
        return true;
    }
    if (online(a)) return download(a, e);
    const char *etag, *lm;
    if (a->src.cache && cache_asset_validators(a->src.cache, e->url, &etag, &lm))
        e->where = ASSETS_CACHE;
    else if (a->src.http)
        snprintf(e->why, sizeof e->why,
                 "not fetched within the update's %d s for images; trying again at the next poll",
                 ASSETS_BUDGET_MS / 1000);
    else
        snprintf(e->why, sizeof e->why, "not cached");
    return true;
}

static struct asset *find(const struct assets *a, const char *url)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->list[i].url && strcmp(a->list[i].url, url) == 0) return &a->list[i];
    return NULL;
}

/* Offline, a remote image that is not cached is expected (the thread fetches it):
 * only a failure worth a technician's attention is logged. */
static void report(const struct assets *a, const struct asset *e)
{
    if (a->src.http || !url_is_remote(e->url))
        log_warn("%s %s for slide '%s': %s; %s", e->is_export ? "schedule export" : "image", e->url,
                 feed_slide(a->feed, e->slide)->id, e->why,
                 e->is_export ? "the slide is skipped" : "showing the fallback");
}

/* Slide i's image or export URL, or NULL. */
static const char *slide_url(const struct feed *feed, size_t i, bool *is_export)
{
    const struct slide *s = feed_slide(feed, i);
    *is_export = s->type == SLIDE_SESSIONS;
    return *is_export ? s->source : s->image;
}

struct assets *assets_gather(const struct assets_source *src, const struct feed *feed)
{
    struct assets *a = calloc(1, sizeof *a);
    const size_t slides = feed_slide_count(feed);
    if (!a || !(a->list = calloc(slides ? slides : 1, sizeof *a->list))) {
        free(a);
        return NULL;
    }
    a->src = *src;
    a->feed = feed;
    for (size_t i = 0; i < slides; i++) {
        bool is_export;
        const char *url = slide_url(feed, i, &is_export);
        if (!url || find(a, url) || (src->exports_only && !is_export)) continue;
        struct asset *e = &a->list[a->n++];
        *e =
            (struct asset){.url = url, .slide = i, .is_export = is_export, .where = ASSETS_NOWHERE};
        if (!locate(a, e)) {
            assets_free(a);
            return NULL;
        }
        if (e->where == ASSETS_NOWHERE) {
            a->missing += url_is_remote(url);
            report(a, e);
        }
    }
    return a;
}

bool assets_changed(const struct assets *a)
{
    return a->changed;
}

int assets_stale(const struct assets *a)
{
    return a->stale;
}

int assets_missing(const struct assets *a)
{
    return a->missing;
}

const char *assets_store_error(const struct assets *a)
{
    return a->store_why[0] ? a->store_why : NULL;
}

/* The box slide k's image is drawn in at most. */
static struct image_box slide_box(const struct assets *a, size_t k)
{
    const struct image_box none = {0, 0};
    const enum slide_type t = feed_slide(a->feed, k)->type;
    return a->src.boxes && (size_t)t < FEED_SLIDE_TYPES ? a->src.boxes[t] : none;
}

static bool same_url(const struct assets *a, size_t k, const char *url)
{
    const char *u = feed_slide(a->feed, k)->image;
    return feed_slide(a->feed, k)->type != SLIDE_SESSIONS && u && strcmp(u, url) == 0;
}

/* The box e is decoded into: the largest of its slides' (one URL may serve several). */
static struct image_box asset_box(const struct assets *a, const struct asset *e)
{
    struct image_box box = slide_box(a, e->slide);
    for (size_t k = e->slide + 1; k < feed_slide_count(a->feed); k++) {
        if (!same_url(a, k, e->url)) continue;
        struct image_box b = slide_box(a, k);
        if (box.w > 0 && box.h > 0 && (b.w <= 0 || b.h <= 0))
            box = b; /* no limit wins */
        else if (box.w > 0 && box.h > 0)
            box.w = SDL_max(box.w, b.w), box.h = SDL_max(box.h, b.h);
    }
    return box;
}

/* The SHA-256 the feed pins e's bytes to (the first of its slides that pins one). */
static const char *asset_pin(const struct assets *a, const struct asset *e)
{
    for (size_t k = e->slide; k < feed_slide_count(a->feed); k++)
        if (same_url(a, k, e->url) && feed_slide(a->feed, k)->image_sha256)
            return feed_slide(a->feed, k)->image_sha256;
    return NULL;
}

/* A pinned image is decoded only if its bytes are the ones the (signed) feed names: a
 * replaced logo on the server or a CDN gets the fallback, not the screen. */
static bool pin_holds(const char *pin, const unsigned char *data, size_t len, char *why,
                      size_t whylen)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    if (!pin) return true;
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if (strcmp(hex, pin) == 0) return true;
    return file_error(why, whylen, "its SHA-256 is %.12s..., not the %.12s... the feed pins", hex,
                      pin);
}

static SDL_Surface *decode_bytes(struct asset *e, const char *pin, const unsigned char *data,
                                 size_t len, struct image_box box)
{
    if (!pin_holds(pin, data, len, e->why, sizeof e->why)) return NULL;
    return image_decode_fit(data, len, box.w, box.h, e->why, sizeof e->why);
}

static SDL_Surface *decode_one(struct assets *a, struct asset *e)
{
    unsigned char *data = NULL;
    size_t len = 0;
    SDL_Surface *s = NULL;
    const struct image_box box = asset_box(a, e);
    const char *pin = asset_pin(a, e);
    switch (e->where) {
    case ASSETS_NOWHERE:
        return NULL; /* reported when gathered */
    case ASSETS_FILE:
        if (!pin)
            s = image_load_file_fit(e->url, box.w, box.h, e->why, sizeof e->why);
        else if (file_read(e->url, IMAGE_MAX_BYTES, &data, &len, e->why, sizeof e->why))
            s = decode_bytes(e, pin, data, len, box);
        free(data);
        break;
    case ASSETS_MEMORY:
        s = decode_bytes(e, pin, e->data, e->len, box);
        break;
    case ASSETS_CACHE:
        if (cache_asset_read(a->src.cache, e->url, IMAGE_MAX_BYTES, &data, &len, e->why,
                             sizeof e->why))
            s = decode_bytes(e, pin, data, len, box);
        free(data);
        break;
    }
    if (!s) {
        a->missing += url_is_remote(e->url);
        report(a, e);
    }
    return s;
}

/* Slide k's own copy of s (each slide owns its surface: the bundle frees them one by
 * one), shrunk when k draws it smaller than the slide it was decoded for. */
static SDL_Surface *copy_for(const struct assets *a, size_t k, SDL_Surface *s)
{
    const struct image_box box = slide_box(a, k);
    int w, h;
    shrink_fit(s->w, s->h, box.w, box.h, &w, &h);
    return w == s->w && h == s->h ? SDL_DuplicateSurface(s) : shrink_surface(s, w, h);
}

SDL_Surface **assets_decode(struct assets *a, size_t *n)
{
    *n = feed_slide_count(a->feed);
    SDL_Surface **images = calloc(*n ? *n : 1, sizeof(SDL_Surface *));
    if (!images) return NULL;
    for (size_t i = 0; i < a->n; i++) {
        struct asset *e = &a->list[i];
        if (e->is_export) continue;
        SDL_Surface *s = decode_one(a, e);
        for (size_t k = e->slide + 1; s && k < *n; k++)
            if (same_url(a, k, e->url)) images[k] = copy_for(a, k, s);
        images[e->slide] = s;
    }
    return images;
}

static void programme_problem(void *ctx, enum programme_severity sev, const char *path,
                              const char *message)
{
    const struct asset *e = ctx;
    if (sev == PROGRAMME_ERROR)
        log_warn("schedule export %s: %s%s%s", e->url, path, *path ? ": " : "", message);
}

/* Parses export e (its bytes wherever gathering left them) in the feed's zone as the
 * fallback; NULL, logged, when there is no usable programme. */
static struct programme *parse_export(struct assets *a, struct asset *e)
{
    unsigned char *data = NULL;
    size_t len = 0;
    struct programme *p = NULL;
    const char *tz = feed_timezone(a->feed);
    switch (e->where) {
    case ASSETS_NOWHERE:
        return NULL; /* reported when gathered */
    case ASSETS_FILE:
        p = programme_load_file(e->url, tz, programme_problem, e);
        break;
    case ASSETS_MEMORY:
        p = programme_parse((const char *)e->data, e->len, tz, programme_problem, e);
        break;
    case ASSETS_CACHE:
        if (cache_asset_read(a->src.cache, e->url, PROGRAMME_MAX_BYTES, &data, &len, e->why,
                             sizeof e->why))
            p = programme_parse((const char *)data, len, tz, programme_problem, e);
        free(data);
        break;
    }
    if (!p) {
        if (!e->why[0]) snprintf(e->why, sizeof e->why, "no usable programme in it");
        a->missing += url_is_remote(e->url);
        report(a, e);
    }
    return p;
}

struct bundle_programme *assets_programmes(struct assets *a)
{
    const size_t n = feed_slide_count(a->feed);
    struct bundle_programme *list = calloc(n ? n : 1, sizeof *list);
    if (!list) return NULL;
    for (size_t i = 0; i < a->n; i++) {
        struct asset *e = &a->list[i];
        if (!e->is_export) continue;
        list[e->slide].programme = parse_export(a, e);
        list[e->slide].stale = e->stale;
        /* Another slide with the same export parses its own copy: each is freed alone. */
        for (size_t k = e->slide + 1; list[e->slide].programme && k < n; k++) {
            const struct slide *s = feed_slide(a->feed, k);
            if (s->type != SLIDE_SESSIONS || strcmp(s->source, e->url) != 0) continue;
            list[k].programme = parse_export(a, e);
            list[k].stale = e->stale;
        }
    }
    return list;
}

void assets_free(struct assets *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->n; i++)
        free(a->list[i].data);
    free(a->list);
    free(a);
}

const char **assets_remote_urls(const struct feed *feed, size_t *n)
{
    size_t count = feed_slide_count(feed);
    const char **urls = calloc(count ? count : 1, sizeof *urls);
    *n = 0;
    for (size_t i = 0; urls && i < count; i++) {
        bool is_export;
        const char *u = slide_url(feed, i, &is_export);
        if (u && url_is_remote(u)) urls[(*n)++] = u;
    }
    return urls;
}
