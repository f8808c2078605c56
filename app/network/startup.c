/* startup — the first deck (see startup.h). Main thread, before any other starts. */
#include "startup.h"

#include "assets.h"
#include "bundle.h"
#include "cache.h"
#include "clock.h"
#include "feed.h"
#include "fetch.h"
#include "file.h"
#include "log.h"
#include "status.h"
#include "url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_CACHE_SENTENCE                                                                          \
    "no cached deck yet and the network has not answered: showing the built-in demo deck"

/* feed with its images from local files and the cache (no network), built whole. */
static struct bundle *offline_bundle(const struct fetch_config *cfg, struct feed *feed,
                                     enum bundle_source source, const char *version,
                                     struct cache *cache)
{
    struct assets_source src = {.cache = cache, .boxes = cfg->image_boxes};
    struct assets *a = assets_gather(&src, feed);
    size_t n = 0;
    struct SDL_Surface **images = a ? assets_decode(a, &n) : NULL;
    struct bundle_programme *programmes = a ? assets_programmes(a) : NULL;
    assets_free(a);
    return bundle_new(feed, source, version, images, n, programmes);
}

static struct bundle *load_builtin(const struct fetch_config *cfg)
{
    struct feed_problems p = {{0}, 0};
    struct feed *feed = feed_load_file(cfg->builtin, feed_problems_collect, &p);
    struct bundle *b = feed ? offline_bundle(cfg, feed, BUNDLE_SOURCE_BUILTIN, NULL, NULL) : NULL;
    if (!b)
        log_error("the built-in demo deck %s is unusable: %s", cfg->builtin,
                  feed ? "out of memory" : p.first_error);
    return b;
}

/* A signed feed's cached copy is shown only if its signature still holds. */
static bool cached_signature_holds(const struct fetch_config *cfg, const struct cache_deck *d,
                                   char *why, size_t whylen)
{
    int64_t order;
    char err[768];
    if (!cfg->sign.key) return true;
    if (!d->signature) return file_error(why, whylen, "the cached deck is not signed");
    if (signature_check(&cfg->sign, d->signature, strlen(d->signature), d->body, d->len, -1, &order,
                        err, sizeof err))
        return true;
    return file_error(why, whylen, "the cached deck's signature does not hold: %s", err);
}

/* The cached deck of cfg->feed, or NULL (miss and why say). */
static struct bundle *load_cached(const struct fetch_config *cfg, struct cache *cache,
                                  int64_t *fetched, enum cache_miss *miss, char *why, size_t whylen)
{
    struct cache_deck d;
    if (!cache_load(cache, &d, miss, why, whylen)) return NULL;
    *miss = CACHE_MISS_UNUSABLE;
    if (!cached_signature_holds(cfg, &d, why, whylen)) {
        cache_deck_clear(&d);
        return NULL;
    }
    struct feed *feed = feed_parse(d.body, d.len, cfg->feed, NULL, NULL);
    struct bundle *b =
        feed ? offline_bundle(cfg, feed, BUNDLE_SOURCE_CACHE, d.version, cache) : NULL;
    if (!b) snprintf(why, whylen, feed ? "out of memory" : "the cached feed is invalid");
    *fetched = d.fetched;
    cache_deck_clear(&d);
    return b;
}

static struct bundle *initial_remote(const struct fetch_config *cfg)
{
    char why[512] = "no cache directory";
    enum cache_miss miss = CACHE_MISS_UNUSABLE;
    struct cache *cache =
        cfg->cache_dir ? cache_open(cfg->cache_dir, cfg->feed, why, sizeof why) : NULL;
    int64_t fetched = 0;
    struct bundle *b = cache ? load_cached(cfg, cache, &fetched, &miss, why, sizeof why) : NULL;
    cache_close(cache);
    if (b) {
        log_info("showing the cached deck of %s until the network answers", cfg->feed);
        if (fetched > 0) status_set_success(cfg->status, fetched); /* staleness counts from then */
        return b;
    }
    if (miss == CACHE_MISS_NONE)
        log_info("%s", NO_CACHE_SENTENCE);
    else /* a cache that exists but cannot be used deserves its reason */
        log_info("%s (cache: %s)", NO_CACHE_SENTENCE, why);
    status_set_error(cfg->status, NO_CACHE_SENTENCE);
    return load_builtin(cfg);
}

/* A signed file feed is read only if the signature beside it holds. */
static bool file_signature_holds(const struct fetch_config *cfg, char *why, size_t whylen)
{
    unsigned char *body = NULL;
    char *sig = NULL;
    size_t len = 0, siglen = 0;
    int64_t order;
    if (!cfg->sign.key) return true;
    bool ok = file_read(cfg->feed, FEED_MAX_BYTES, &body, &len, why, whylen) &&
              signature_get(NULL, &cfg->sign, cfg->feed, NULL, &sig, &siglen, why, whylen) &&
              signature_check(&cfg->sign, sig, siglen, body, len, -1, &order, why, whylen);
    free(sig);
    free(body);
    return ok;
}

static struct bundle *initial_file(const struct fetch_config *cfg)
{
    struct feed_problems p = {{0}, 0};
    const bool refused = !file_signature_holds(cfg, p.first_error, sizeof p.first_error);
    struct feed *feed = refused ? NULL : feed_load_file(cfg->feed, feed_problems_collect, &p);
    if (!feed) {
        char sentence[768];
        snprintf(sentence, sizeof sentence,
                 "could not load %s: %s; showing the built-in demo deck until it is fixed",
                 cfg->feed, p.first_error);
        log_warn("%s", sentence);
        status_set_error(cfg->status, sentence);
        return load_builtin(cfg);
    }
    /* Remote images come from the cache now; the thread fetches what is missing. */
    char why[256];
    struct cache *cache =
        cfg->cache_dir ? cache_open(cfg->cache_dir, cfg->feed, why, sizeof why) : NULL;
    struct cache_deck d;
    if (cache && cache_load(cache, &d, NULL, why, sizeof why)) cache_deck_clear(&d);
    struct bundle *b = offline_bundle(cfg, feed, BUNDLE_SOURCE_FILE, NULL, cache);
    cache_close(cache);
    if (!b) return load_builtin(cfg);
    const struct clock *c = clock_system();
    status_set_success(cfg->status, c->wall_ms(c->ctx) / 1000);
    return b;
}

struct bundle *startup_deck(const struct fetch_config *cfg)
{
    if (!cfg->feed) return load_builtin(cfg);
    return url_is_remote(cfg->feed) ? initial_remote(cfg) : initial_file(cfg);
}
