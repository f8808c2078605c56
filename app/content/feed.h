/* feed — parses and validates a vitrine feed (format v1, docs/feed-format.md) into
 * immutable content. Pure: no SDL, no network, no global state; safe on any thread.
 *
 * A struct feed is built once by feed_parse() and never changed afterwards, so the
 * fetch thread can build it and hand it to the render thread without locks. The slide
 * data is exposed read-only (const) because every module needs to read it; the feed
 * owns every string it points to. */
#ifndef VITRINE_FEED_H
#define VITRINE_FEED_H

#include "hours.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits on untrusted content: a feed over these is rejected or truncated (with a
 * problem report), so a broken or hostile server cannot exhaust a Pi's memory. */
#define FEED_MAX_BYTES        (2u * 1024u * 1024u) /* whole document */
#define FEED_MAX_LANGS        4
#define FEED_MAX_SLIDES       500
#define FEED_MAX_MEMBERS      10000
#define FEED_MAX_TEXT         (64u * 1024u) /* bytes per text value; longer is cut at a UTF-8 boundary */
#define FEED_MAX_DEPTH        32            /* JSON nesting */
#define FEED_MAX_MARKS        4         /* diacritics kept in a row: "Zalgo" stacks draw towers */
#define FEED_MIN_DURATION     1         /* seconds */
#define FEED_MAX_DURATION     3600      /* seconds */
#define FEED_DEFAULT_DURATION 8         /* seconds, when "defaults" says nothing */
#define FEED_NO_TIME          INT64_MIN /* an open start or end of a schedule window */
#define FEED_MAX_SCREENS      64        /* names in a slide's "screens" */
#define FEED_MAX_SCREEN_NAME  64        /* bytes of a screen name */

enum slide_type { SLIDE_PARTNER, SLIDE_DELEGATION, SLIDE_ANNOUNCEMENT, SLIDE_SESSIONS };
#define FEED_SLIDE_TYPES 4   /* how many enum slide_type has: tables indexed by type */
#define FEED_MAX_ROOMS   64  /* names in a sessions slide's "rooms" */
#define FEED_MAX_STATUS  256 /* entries in a sessions slide's "status" */
enum transition { TRANSITION_FADE, TRANSITION_SLIDE, TRANSITION_CUT };

/* A text in every language of the feed. v[i] is the text for feed language i, already
 * resolved with fallbacks at parse time (missing language -> primary language -> any
 * language given), so a reader never falls back itself. All NULL when the field is absent. */
struct ltext {
    const char *v[FEED_MAX_LANGS];
};

struct member {
    const char *name;
    struct ltext role;
};

struct slide {
    const char *id;
    enum slide_type type;
    int duration_ms;            /* resolved: slide's own, else defaults.duration */
    enum transition transition; /* resolved: slide's own "transition", else defaults */
    int64_t start;              /* unix seconds, or FEED_NO_TIME */
    int64_t end;                /* unix seconds (exclusive), or FEED_NO_TIME */
    bool urgent;
    struct hours hours;         /* weekday/time windows in the event's zone; n == 0: always */
    int weight;                 /* showings per loop, 1-10 */
    const char *const *screens; /* the screen names it shows on; n_screens == 0: everywhere */
    size_t n_screens;

    struct ltext title;    /* partner: "name"; delegation and announcement: "title" */
    struct ltext subtitle; /* partner: "tagline"; delegation: "origin" */
    struct ltext text;     /* "text" */
    struct ltext when;     /* delegation, announcement */
    struct ltext where;    /* announcement */
    const char *image; /* partner "logo" / announcement "image": absolute URL or path, or NULL */
    const char *image_sha256;     /* its pin, {"url", "sha256"}: 64 lowercase hex digits, or NULL */
    const char *link;             /* announcement "link", absolute, drawn as a QR code, or NULL */
    const struct member *members; /* delegation */
    size_t n_members;

    /* sessions: the schedule export (absolute URL or path), the rooms shown (none: all),
     * and what the organiser says about rooms and talks (badges). The title is "title". */
    const char *source;
    const char *const *rooms;
    size_t n_rooms;
    const struct roomstatus *status;
    size_t n_status;
};

enum feed_severity {
    FEED_WARNING, /* the slide or field is skipped, the feed stays usable */
    FEED_ERROR,   /* the whole feed is rejected */
};

/* Called once per problem found. path is a JSON location like "slides[3].members[1].name"
 * ("" for the document itself); message is a short sentence without the path, e.g.
 * "expected a string". */
typedef void (*feed_report_fn)(void *ctx, enum feed_severity severity, const char *path,
                               const char *message);

struct feed;
struct roomstatus;
struct zone;

/* Parses and validates a feed document of len bytes (need not be NUL-terminated).
 * base is the feed's own location (URL or file path), against which relative "logo",
 * "image" and "link" values resolve; it may be NULL for no resolution.
 * Returns NULL when the feed is rejected as a whole (not JSON, not v1, no usable slide,
 * over the limits); every problem, fatal or not, goes to report (which may be NULL). */
struct feed *feed_parse(const char *json, size_t len, const char *base, feed_report_fn report,
                        void *ctx);

/* Reads the file at path (at most FEED_MAX_BYTES) and parses it with path as base.
 * An unreadable file is reported as a FEED_ERROR with path "". */
struct feed *feed_load_file(const char *path, feed_report_fn report, void *ctx);

/* A report function (ctx: a zeroed struct feed_problems) for callers that keep a deck
 * on screen: the first fatal problem is kept for their one-line failure message, and
 * the first FEED_LOGGED_WARNINGS warnings are logged, so a technician sees a skipped
 * slide once per new deck. */
#define FEED_LOGGED_WARNINGS 5
struct feed_problems {
    char first_error[256];
    int warnings;
};
void feed_problems_collect(void *ctx, enum feed_severity sev, const char *path,
                           const char *message);

void feed_free(struct feed *feed);

const struct ltext *feed_event_name(const struct feed *feed);
const char *feed_timezone(const struct feed *feed);       /* IANA name; "UTC" when absent */
const struct zone *feed_zone(const struct feed *feed);    /* that zone, loaded; never NULL */
size_t feed_lang_count(const struct feed *feed);          /* >= 1 */
const char *feed_lang(const struct feed *feed, size_t i); /* e.g. "fr" */
size_t feed_slide_count(const struct feed *feed);         /* >= 1 */
const struct slide *feed_slide(const struct feed *feed, size_t i);

/* A stable hash of the document's bytes (hex, 16 chars): the deck "version" when the
 * server gives no ETag. */
const char *feed_digest(const struct feed *feed);

#endif
