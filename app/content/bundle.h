/* bundle — one finished deck update: a parsed feed plus every image already decoded.
 * Built whole on one thread (the fetch thread, or main before the first frame), then
 * handed to the render thread in an SDL user event, after which the builder never
 * touches it again: the render thread owns it and frees it. Immutable once handed over. */
#ifndef VITRINE_BUNDLE_H
#define VITRINE_BUNDLE_H

#include "feed.h"

#include <stdbool.h>
#include <stddef.h>

struct SDL_Surface;

enum bundle_source {
    BUNDLE_SOURCE_BUILTIN,
    BUNDLE_SOURCE_FILE,
    BUNDLE_SOURCE_CACHE,
    BUNDLE_SOURCE_NETWORK
};

struct bundle;

/* Takes ownership of feed. version: ETag or content hash (copied). */
struct bundle *bundle_new(struct feed *feed, enum bundle_source source, const char *version);

/* Builder side: gives the bundle the decoded image of slide i (takes ownership; NULL
 * means the slide uses its designed fallback). */
void bundle_set_image(struct bundle *b, size_t slide, struct SDL_Surface *image);

/* Loads a feed file and its local images (remote images get the fallback). NULL when
 * the feed is rejected; problems go to report as in feed_parse. */
struct bundle *bundle_load_file(const char *path, enum bundle_source source, feed_report_fn report,
                                void *ctx);

void bundle_free(struct bundle *b);

const struct feed *bundle_feed(const struct bundle *b);
enum bundle_source bundle_source(const struct bundle *b);
const char *bundle_source_name(enum bundle_source s); /* "builtin", "file", "cache", "network" */
const char *bundle_version(const struct bundle *b);
struct SDL_Surface *bundle_image(const struct bundle *b, size_t slide); /* NULL: fallback */

#endif
