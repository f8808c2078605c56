/* bundle — one finished deck update: a parsed feed plus every image already decoded and
 * every sessions slide's programme already parsed.
 * Built whole on one thread (the fetch thread, or main before the first frame), then
 * handed to the render thread in an SDL user event, after which the builder never
 * touches it again: the render thread owns it and frees it. Immutable once handed over. */
#ifndef VITRINE_BUNDLE_H
#define VITRINE_BUNDLE_H

#include "feed.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct SDL_Surface;
struct programme;

/* A sessions slide's programme as the fetch side found it. */
struct bundle_programme {
    struct programme *programme; /* NULL: no usable export, the slide is skipped */
    bool stale;                  /* the export could not be refreshed: a cached copy */
};

enum bundle_source {
    BUNDLE_SOURCE_BUILTIN,
    BUNDLE_SOURCE_FILE,
    BUNDLE_SOURCE_CACHE,
    BUNDLE_SOURCE_NETWORK
};

struct bundle;

/* The bundle, built whole: takes ownership of feed, of images (an array of n surfaces,
 * one per slide, NULL meaning the slide's designed fallback; n must be the feed's slide
 * count) and of programmes (n entries, or NULL when the deck has no sessions slide).
 * version: ETag or content hash (copied); NULL: the feed's digest. On failure (out of
 * memory) everything given is freed and NULL returned. */
struct bundle *bundle_new(struct feed *feed, enum bundle_source source, const char *version,
                          struct SDL_Surface **images, size_t n,
                          struct bundle_programme *programmes);

void bundle_free(struct bundle *b);

const struct feed *bundle_feed(const struct bundle *b);
enum bundle_source bundle_source(const struct bundle *b);
const char *bundle_source_name(enum bundle_source s); /* "builtin", "file", "cache", "network" */
const char *bundle_version(const struct bundle *b);
struct SDL_Surface *bundle_image(const struct bundle *b, size_t slide); /* NULL: fallback */
/* A sessions slide's programme, or NULL; *stale (may be NULL) says it is a cached copy. */
const struct programme *bundle_programme(const struct bundle *b, size_t slide, bool *stale);

/* The wall time (unix seconds) until which slide may show as far as its content goes:
 * INT64_MAX for a slide that is not a sessions slide, BUNDLE_NEVER for one without a
 * usable programme, else the end of the last talk in its rooms (then it drops out). */
#define BUNDLE_NEVER INT64_MIN
int64_t bundle_shows_until(const struct bundle *b, size_t slide);

/* The same for slide s with programme p (NULL: none), outside any bundle (--plan). */
int64_t bundle_content_until(const struct slide *s, const struct programme *p);

#endif
