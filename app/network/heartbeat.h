/* heartbeat — what this screen tells its organiser (`heartbeat = URL`), on a thread of
 * its own: every heartbeat_interval seconds one POST of a JSON document (beatdoc.h:
 * the screen's name, versions, the status file's feed health, the slide showing, how
 * many times each slide went on screen since the last heartbeat delivered, uptime,
 * memory, temperature, display on or blank, the alert on screen), and with
 * heartbeat_screenshot a small PNG of the frame (HEARTBEAT_THUMB_WIDTH wide).
 *
 * The render thread publishes what is on screen (heartbeat_observe, cheap: a mutex and
 * a string compare per tick) and, when asked by an SDL event, a thumbnail
 * (heartbeat_give_frame): only it reads pixels. Counts survive a failed POST (they
 * accumulate until one is delivered). A failure never touches the slideshow or the
 * feed's last_error: it is logged when its reason changes, kept in the status file's
 * heartbeat_error, and retried with the feed's backoff (2, 4, 8 ... s up to the
 * interval, spread +-50%). Nothing listens on the device: it only sends. */
#ifndef VITRINE_HEARTBEAT_H
#define VITRINE_HEARTBEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct status;

#define HEARTBEAT_DEFAULT_INTERVAL 300 /* seconds */
#define HEARTBEAT_MIN_INTERVAL     5
#define HEARTBEAT_FIRST_S          5      /* first beat after start (spread +-50%) */
#define HEARTBEAT_THUMB_WIDTH      480    /* pixels, heartbeat_screenshot */
#define HEARTBEAT_FRAME_WAIT_MS    3000   /* for the render thread's thumbnail, then without */
#define HEARTBEAT_REPLY_MAX        65536  /* bytes of the receiver's answer kept (ignored) */
#define HEARTBEAT_TIMEOUT_MS       20000L /* one POST, whole */

struct heartbeat_config {
    const char *url;        /* http(s) */
    int interval_s;         /* >= HEARTBEAT_MIN_INTERVAL */
    bool screenshot;        /* heartbeat_screenshot */
    const char *token_file; /* the feed's bearer token, sent too; or NULL */
    const char *screen;     /* this screen's name; NULL: the host name */
    struct status *status;  /* what the document says of the feed; may be NULL */
    uint32_t frame_event;   /* SDL event type asking the render thread for a thumbnail */
};

struct heartbeat;

/* NULL without a URL, with one that is not http(s), or when the thread cannot start
 * (logged). cfg's strings must outlive it. */
struct heartbeat *heartbeat_start(const struct heartbeat_config *cfg);

/* Stops and joins the thread promptly (even mid-transfer), then frees everything. */
void heartbeat_stop(struct heartbeat *hb);

/* Render thread, after every tick: the slide on screen (its id, NULL over the idle or
 * blank screen) and when its showing started; a new start is one more showing. hb may
 * be NULL. */
void heartbeat_observe(struct heartbeat *hb, const char *slide, int64_t start_ms, bool display_on);

/* Render thread, on frame_event: the thumbnail (png: malloc'd, taken), or png NULL
 * when none could be made. */
void heartbeat_give_frame(struct heartbeat *hb, unsigned char *png, size_t len, int w, int h);

#endif
