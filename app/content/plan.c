/* plan — the showings of a span of wall time as JSON lines (see plan.h). */
#include "plan.h"

#include "feed.h"
#include "rfc3339.h"
#include "schedule.h"
#include "zone.h"

#include <jansson.h>
#include <stdlib.h>

#define MS_PER_S 1000

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* "2026-12-08T09:00:00-05:00": whole seconds, rounded down, at the offset then. */
static json_t *when(const struct zone *z, int64_t ms)
{
    char buf[RFC3339_LEN + 8];
    const int64_t s = ms / MS_PER_S - (ms % MS_PER_S < 0);
    rfc3339_format_offset(buf, sizeof buf, s, zone_offset(z, s));
    return json_string(buf);
}

static int write_line(FILE *out, const struct feed *feed, int64_t at, int64_t until,
                      const struct schedule_pos *pos)
{
    const struct zone *z = feed_zone(feed);
    json_t *line = json_object();
    if (!line) return -1;
    int bad = json_object_set_new(line, "at", when(z, at));
    bad |= json_object_set_new(line, "slide",
                               pos ? json_string(feed_slide(feed, pos->slide)->id) : json_null());
    bad |= json_object_set_new(line, "lang",
                               pos ? json_string(feed_lang(feed, pos->lang)) : json_null());
    bad |= json_object_set_new(line, "until", when(z, until));
    char *text = bad ? NULL : json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(line);
    if (!text) return -1;
    const int r = fprintf(out, "%s\n", text) < 0 ? -1 : 0;
    free(text);
    return r;
}

long plan_write(FILE *out, const struct feed *feed, const char *screen, int64_t min_valid_s,
                const int64_t *until, int64_t from_s, int64_t for_s)
{
    struct schedule *sched = schedule_new_limited(feed, min_valid_s, screen, until);
    if (!sched) return -1;
    const int64_t end = (from_s + for_s) * MS_PER_S;
    int64_t t = from_s * MS_PER_S;
    long lines = 0;
    while (t < end && lines >= 0) {
        struct schedule_pos pos;
        const bool active = schedule_at(sched, t, &pos);
        /* The loop and the active set both decide where this showing stops. */
        int64_t stop = min64(schedule_next_change(sched, t), end);
        if (active) stop = min64(stop, pos.end_ms);
        if (stop <= t) stop = t + 1; /* never stuck: every step moves on */
        lines = write_line(out, feed, t, stop, active ? &pos : NULL) < 0 ? -1 : lines + 1;
        t = stop;
    }
    schedule_free(sched);
    return lines;
}
