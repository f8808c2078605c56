/* beatdoc — the heartbeat's JSON document (see docs/remote-content.md#heartbeat): what
 * a screen tells its organiser every heartbeat_interval seconds. Pure (jansson): the
 * heartbeat thread gathers the facts, this turns them into the bytes it POSTs, so the
 * document's shape is tested without a thread, a display or a network. */
#ifndef VITRINE_BEATDOC_H
#define VITRINE_BEATDOC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BEATDOC_FORMAT 1 /* the document's "heartbeat" member: bumped on an incompatible change */

/* How many times a slide went on screen since the last heartbeat delivered. */
struct beat_count {
    const char *slide; /* its id */
    unsigned long shown;
};

/* A small image of the frame on screen, PNG. */
struct beat_image {
    const unsigned char *png;
    size_t len;
    int width, height;
};

struct beat_facts {
    const char *screen;  /* this screen's name */
    const char *version; /* vitrine's */
    int interval_s;      /* heartbeat_interval: the receiver judges staleness by it */
    int64_t sent_s;      /* wall clock, unix seconds */
    /* The status file's document (status_document): feed, source, slides, the deck's
     * version, last_success, last_error, alert, alerts_error; borrowed. May be NULL. */
    const json_t *status;
    const char *showing;             /* id of the slide on screen, NULL: the idle screen or blank */
    bool display_on;                 /* false: blanked outside screen hours */
    int64_t uptime_s;                /* since vitrine started (monotonic) */
    long rss_kib;                    /* resident memory, KiB; < 0: unknown */
    bool has_temperature;            /* the kernel exposes a thermal zone */
    double temperature_c;            /* */
    const struct beat_count *counts; /* n of them, each slide at most once */
    size_t n_counts;
    const struct beat_image *image; /* heartbeat_screenshot, or NULL */
};

/* The document as a JSON object (the caller's), or NULL when memory runs out. */
json_t *beatdoc_build(const struct beat_facts *f);

/* Standard base64 (RFC 4648, padded) of n bytes: a new NUL-terminated string, or NULL. */
char *beatdoc_base64(const unsigned char *data, size_t n);

#endif
