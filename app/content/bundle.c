/* bundle — a finished deck update (feed + decoded images), the only thing that crosses
 * from the fetch thread to the render thread. Built whole on one thread, then owned,
 * read and freed by the render thread; nothing changes it in between. */
#include "bundle.h"

#include "feed.h"
#include "programme.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct bundle {
    struct feed *feed;
    enum bundle_source source;
    char *version;
    SDL_Surface **images; /* one per slide, NULL = designed fallback */
    size_t n_images;
    struct bundle_programme *programmes; /* n_images of them, or NULL */
};

static void free_programmes(struct bundle_programme *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++)
        programme_free(p[i].programme);
    free(p);
}

static void free_images(SDL_Surface **images, size_t n)
{
    for (size_t i = 0; images && i < n; i++)
        SDL_FreeSurface(images[i]);
    free(images);
}

struct bundle *bundle_new(struct feed *feed, enum bundle_source source, const char *version,
                          SDL_Surface **images, size_t n, struct bundle_programme *programmes)
{
    struct bundle *b = calloc(1, sizeof *b);
    char *v = strdup(version ? version : feed_digest(feed));
    if (!b || !v || !images || n != feed_slide_count(feed)) {
        free(v);
        free(b);
        free_images(images, n);
        free_programmes(programmes, n);
        feed_free(feed);
        return NULL;
    }
    b->programmes = programmes;
    b->feed = feed;
    b->source = source;
    b->version = v;
    b->images = images;
    b->n_images = n;
    return b;
}

void bundle_free(struct bundle *b)
{
    if (!b) return;
    free_images(b->images, b->n_images);
    free_programmes(b->programmes, b->n_images);
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

const struct programme *bundle_programme(const struct bundle *b, size_t slide, bool *stale)
{
    const bool have = b->programmes && slide < b->n_images;
    if (stale) *stale = have && b->programmes[slide].stale;
    return have ? b->programmes[slide].programme : NULL;
}

int64_t bundle_content_until(const struct slide *s, const struct programme *p)
{
    if (!s || s->type != SLIDE_SESSIONS) return INT64_MAX;
    if (!p) return BUNDLE_NEVER;
    /* The last talk in the slide's rooms: after it the board would be empty. */
    int64_t last = BUNDLE_NEVER;
    for (size_t i = 0; i < programme_talk_count(p); i++) {
        const struct programme_talk *t = programme_talk(p, i);
        bool shown = s->n_rooms == 0;
        for (size_t r = 0; r < s->n_rooms && !shown; r++)
            shown = strcasecmp(s->rooms[r], programme_room(p, t->room)->name) == 0;
        if (shown && t->end > last) last = t->end;
    }
    return last;
}

int64_t bundle_shows_until(const struct bundle *b, size_t slide)
{
    return bundle_content_until(feed_slide(b->feed, slide), bundle_programme(b, slide, NULL));
}
