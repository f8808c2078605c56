/* bundle — a finished deck update (feed + decoded images), the only thing that crosses
 * from the fetch thread to the render thread. Built and filled on one thread, then
 * owned, read and freed by the render thread. */
#include "bundle.h"

#include "feed.h"
#include "image.h"
#include "log.h"
#include "url.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

struct bundle {
    struct feed *feed;
    enum bundle_source source;
    char *version;
    SDL_Surface **images; /* one per slide, NULL = designed fallback */
    size_t n_images;
};

struct bundle *bundle_new(struct feed *feed, enum bundle_source source, const char *version)
{
    struct bundle *b = calloc(1, sizeof *b);
    if (!b) goto fail;
    b->n_images = feed_slide_count(feed);
    /* one SDL_Surface pointer per slide */
    b->images = calloc(b->n_images, sizeof(SDL_Surface *));
    b->version = strdup(version ? version : feed_digest(feed));
    if (!b->images || !b->version) goto fail;
    b->feed = feed;
    b->source = source;
    return b;
fail:
    if (b) {
        free(b->version);
        free(b->images);
        free(b);
    }
    feed_free(feed);
    return NULL;
}

void bundle_set_image(struct bundle *b, size_t slide, SDL_Surface *image)
{
    if (slide >= b->n_images) {
        SDL_FreeSurface(image);
        return;
    }
    SDL_FreeSurface(b->images[slide]);
    b->images[slide] = image;
}

/* Local images only: a remote logo in a file feed is the fetch thread's business. */
static void load_local_images(struct bundle *b)
{
    for (size_t i = 0; i < b->n_images; i++) {
        const char *src = feed_slide(b->feed, i)->image;
        if (!src || url_is_remote(src)) continue;
        char err[256];
        SDL_Surface *s = image_load_file(src, err, sizeof err);
        if (!s)
            log_warn("image %s for slide '%s': %s; showing the fallback", src,
                     feed_slide(b->feed, i)->id, err);
        bundle_set_image(b, i, s);
    }
}

struct bundle *bundle_load_file(const char *path, enum bundle_source source, feed_report_fn report,
                                void *ctx)
{
    struct feed *feed = feed_load_file(path, report, ctx);
    if (!feed) return NULL;
    struct bundle *b = bundle_new(feed, source, NULL);
    if (b) load_local_images(b);
    return b;
}

void bundle_free(struct bundle *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->n_images; i++)
        SDL_FreeSurface(b->images[i]);
    free(b->images);
    free(b->version);
    feed_free(b->feed);
    free(b);
}

const struct feed *bundle_feed(const struct bundle *b)
{
    return b->feed;
}

enum bundle_source bundle_source(const struct bundle *b)
{
    return b->source;
}

const char *bundle_source_name(enum bundle_source s)
{
    static const char *const names[] = {"builtin", "file", "cache", "network"};
    return names[s];
}

const char *bundle_version(const struct bundle *b)
{
    return b->version;
}

SDL_Surface *bundle_image(const struct bundle *b, size_t slide)
{
    return slide < b->n_images ? b->images[slide] : NULL;
}
