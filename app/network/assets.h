/* assets — a feed's images and schedule exports (sessions slides' "source") for one deck
 * update: from the network (conditional GETs
 * through http), else from the cache, under one time budget for the whole update.
 *
 * Two steps, so that an unchanged deck costs no decoding: assets_gather revalidates
 * every distinct image URL once and notes where its bytes are (the cache, memory, a
 * local file) and whether any of them changed; only when the caller has decided that
 * the deck changed does assets_decode turn them into surfaces, one per slide, for
 * bundle_new. Runs on the fetch thread, or on the main thread at start-up (offline:
 * no http). */
#ifndef VITRINE_ASSETS_H
#define VITRINE_ASSETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct SDL_Surface;
struct bundle_programme;
struct cache;
struct feed;
struct http;
struct image_box;

/* All the images of one update share this: slow image servers may leave slides on their
 * fallback for a poll, never hold the whole new deck back. */
#define ASSETS_BUDGET_MS 30000

struct assets_source {
    struct http *http;   /* NULL: offline, the cache (and local files) only */
    struct cache *cache; /* may be NULL */
    const char *feed;    /* the feed's URL: its bearer token goes to that origin only */
    const char *token;   /* may be NULL */
    int64_t deadline_ms; /* monotonic: past it, the cache only */
    /* FEED_SLIDE_TYPES boxes, by slide type: the largest an image is drawn in on this
     * screen (layout_image_max), what decoding shrinks it to; NULL: IMAGE_MAX_DISPLAY. */
    const struct image_box *boxes;
    bool exports_only; /* schedule exports, no images (--plan) */
};

struct assets;

/* Revalidates the images of feed (which must outlive the result). NULL when memory runs
 * out or the http's stop flag cut a transfer short. */
struct assets *assets_gather(const struct assets_source *src, const struct feed *feed);

/* Some remote image differs from what the cache had (new, replaced or gone). */
bool assets_changed(const struct assets *a);

/* Schedule exports the network failed to refresh, shown from the cache (stale). */
int assets_stale(const struct assets *a);

/* Remote images that fell back so far (gathering, then decoding): worth another try. */
int assets_missing(const struct assets *a);

/* Why the cache could not keep a downloaded image (the first that failed: disk full,
 * read-only card), or NULL: the deck will survive a restart without it. */
const char *assets_store_error(const struct assets *a);

/* One decoded image per slide of the feed (NULL: the slide's designed fallback), in a
 * new array the caller owns (bundle_new takes it), each no larger than its slide's box:
 * one image is decoded at its file size at a time, and shrunk before the next. Failures
 * are logged. NULL only when memory runs out. */
struct SDL_Surface **assets_decode(struct assets *a, size_t *n);

/* One programme per slide (NULL for slides that are not sessions slides, or whose export
 * is unusable: logged, the slide is skipped), parsed from the gathered bytes, with the
 * stale flag of an export the network failed to refresh; a new array the caller owns
 * (bundle_new takes it). NULL only when memory runs out. */
struct bundle_programme *assets_programmes(struct assets *a);

void assets_free(struct assets *a);

/* The remote image and export URLs of feed (pointers into it), for the cache's commit. */
const char **assets_remote_urls(const struct feed *feed, size_t *n);

#endif
