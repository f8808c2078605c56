/* hours — weekday and time-of-day windows for a slide, the feed's
 * "hours": [{"days": ["mon", "tue"], "from": "07:30", "to": "10:00"}], read in the event's
 * time zone. A window whose "to" is earlier than its "from" crosses midnight and belongs
 * to the day it starts on (fri 22:00-02:00 covers Saturday 01:00). Windows are judged on
 * the local wall clock, so a DST night behaves as the clocks on the wall do: a window at
 * 02:00-03:00 does not happen on the spring-forward night, and one at 01:00-02:00 lasts
 * two hours on the fall-back night. The caller combines this with start/end and the
 * clock-unset guard. Pure: parsing and queries on any thread. */
#ifndef VITRINE_HOURS_H
#define VITRINE_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HOURS_MAX_WINDOWS 16
#define HOURS_DAY_MIN     1440 /* minutes in a day; "24:00" as a "to" */

struct json_t;
struct zone;

struct hours_window {
    uint8_t days;  /* bit d: the window starts on weekday d (0 = Sunday) */
    uint16_t from; /* minutes after local midnight, 0-1439 */
    uint16_t to;   /* minutes after local midnight, 0-1440; < from: ends the next day */
};

/* A slide's windows, a plain value (no allocation): n == 0 means "no hours", always on. */
struct hours {
    size_t n;
    struct hours_window w[HOURS_MAX_WINDOWS];
};

/* Called once per problem: path is the JSON location ("slides[2].hours[0].days[1]"),
 * message a sentence without it ("unknown day \"mnd\" (expected mon, ... or sun)"). */
typedef void (*hours_report_fn)(void *ctx, const char *path, const char *message);

/* Parses the value of "hours" (an array of windows) found at JSON location path. False
 * after reporting every problem (not an array, unknown day names, a time that is not
 * HH:MM, from == to, too many windows): the caller then skips the slide rather than show
 * it at the wrong hours. *out is only written on success. */
bool hours_parse(const struct json_t *v, const char *path, struct hours *out,
                 hours_report_fn report, void *ctx);

/* Whether unix time t (seconds) falls inside one of the windows in zone z. */
bool hours_inside(const struct hours *h, const struct zone *z, int64_t t);

/* The first instant after t at which hours_inside changes, or INT64_MAX when it never
 * does (no windows, or every minute of every day covered). */
int64_t hours_next_change(const struct hours *h, const struct zone *z, int64_t t);

#endif
