/* fetch — keeps the deck fresh from its source, on a background thread: polls an
 * http(s) feed (http.h: conditional requests, limits), with jitter and backoff, has its
 * images revalidated (assets.h), persists the last good deck (cache.h), or watches a
 * local feed file for changes. Each complete, validated update is handed to the render
 * thread as a struct bundle in an SDL user event (data1); the render thread owns it
 * from then. Nothing here touches SDL video or renderer state.
 *
 * Adding a source (a schedule export, an alert feed, a signature...): fetched with
 * http_get, parsed in content/, cached through cache.h, its failure logged and put in
 * the status with backoff, handed over in the bundle or its own event — the path is
 * written down in docs/architecture.md. */
#ifndef VITRINE_FETCH_H
#define VITRINE_FETCH_H

#include "feed.h"
#include "image.h"
#include "signature.h"

#include <stdbool.h>
#include <stdint.h>

struct bundle;
struct status;

#define FETCH_DEFAULT_INTERVAL 60 /* seconds */
#define FETCH_MIN_INTERVAL     1
#define FETCH_QUIET_INTERVAL   900 /* seconds between polls outside screen hours */

struct fetch_config {
    const char *feed;       /* http(s) URL or file path; NULL: the built-in demo deck only */
    const char *builtin;    /* path of the built-in demo feed (assets/demo/feed.json) */
    const char *cache_dir;  /* where the last good deck persists; NULL: no cache */
    const char *token_file; /* file holding a bearer token, or NULL */
    int interval_s;         /* poll interval, >= FETCH_MIN_INTERVAL */
    uint32_t event_type;    /* SDL event type registered for deck updates */
    struct status *status;  /* may be NULL */
    /* feed_digest of the deck startup_deck gave, or NULL: copied by fetch_start, so
     * that deck is not handed over a second time when the thread first reads it. */
    const char *shown_digest;
    /* By slide type, the largest box an image is drawn in on this screen (the program
     * asks the layout once the output size is known): decoded images are shrunk to it.
     * All zero: IMAGE_MAX_DISPLAY. */
    struct image_box image_boxes[FEED_SLIDE_TYPES];
    /* With a key: only feeds signed by it, and never older than the last one trusted. */
    struct signature_rule sign;
};

/* Starts the background thread (URL polling or file watching). Returns NULL when there
 * is nothing to watch (no feed) or the thread cannot start (logged). cfg's strings must
 * outlive the fetch. */
struct fetch *fetch_start(const struct fetch_config *cfg);

/* Render thread: outside screen hours nobody sees the deck, so poll only every
 * FETCH_QUIET_INTERVAL; when quiet ends, poll at once so the screen wakes up fresh.
 * Cheap to call every loop turn; f may be NULL. */
void fetch_set_quiet(struct fetch *f, bool quiet);

/* Stops and joins the thread promptly (even mid-transfer), then frees everything. */
void fetch_stop(struct fetch *f);

#endif
