/* hours — parsing and judging weekday/time-of-day windows (see hours.h).
 *
 * The next change is found by candidates rather than by stepping minute by minute:
 * whether t is inside depends only on the local weekday and minute, so it can only
 * change at an instant where local clocks show a window edge or midnight, or where they
 * jump (a zone transition). Every such instant in the next nine days is a candidate; the
 * earliest candidate whose answer differs from now's is the change. */
#include "hours.h"

#include "utf8.h"
#include "zone.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MSG_MAX               256
#define PATH_MAX_LEN          256
#define QUOTE_MAX             24 /* bytes of a feed value echoed in a message */
#define ALL_DAYS              0x7f
#define LOOKAHEAD             9 /* days: a weekly window recurs within 8 */
#define MAX_TRANSITIONS_AHEAD 8

static const char *const day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const day_long[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};

struct ctx {
    hours_report_fn report;
    void *ctx;
    bool ok;
};

static void problem(struct ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct ctx *c, const char *path, const char *fmt, ...)
{
    char msg[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->ok = false;
    if (c->report) c->report(c->ctx, path, msg);
}

/* A feed value in a message: cut at a character, control characters shown as '?'. */
static const char *quote(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);
    const bool cut = n > QUOTE_MAX;
    if (cut) n = utf8_floor(s, QUOTE_MAX);
    snprintf(buf, cap, "\"%.*s%s\"", (int)n, s, cut ? "..." : "");
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    return buf;
}

/* "path[i]" or "path.suffix" in buf; a location too long for buf is cut, which only
 * shortens a message (the return value is checked so that the compiler sees it is meant). */
static const char *at(char *buf, const char *path, const char *suffix, size_t i)
{
    const int n = suffix[0] == '[' ? snprintf(buf, PATH_MAX_LEN, "%s[%zu]", path, i)
                                   : snprintf(buf, PATH_MAX_LEN, "%s.%s", path, suffix);
    if (n < 0) buf[0] = '\0';
    return buf;
}

static int day_index(const char *s)
{
    for (int d = 0; d < 7; d++)
        if (strcasecmp(s, day_names[d]) == 0 || strcasecmp(s, day_long[d]) == 0) return d;
    return -1;
}

static void parse_days(struct ctx *c, const json_t *v, const char *path, uint8_t *days)
{
    char where[PATH_MAX_LEN], q[QUOTE_MAX + 8];
    const json_t *item;
    size_t i;
    *days = ALL_DAYS;
    if (!v) return; /* no "days": every day */
    if (!json_is_array(v) || json_array_size(v) == 0) {
        problem(c, path, "expected a non-empty array of days such as [\"mon\", \"tue\"]");
        return;
    }
    *days = 0;
    json_array_foreach(v, i, item) {
        at(where, path, "[", i);
        const int d = json_is_string(item) ? day_index(json_string_value(item)) : -1;
        if (d >= 0) {
            *days |= (uint8_t)(1u << d);
            continue;
        }
        if (json_is_string(item))
            problem(c, where, "unknown day %s (expected mon, tue, wed, thu, fri, sat or sun)",
                    quote(q, sizeof q, json_string_value(item)));
        else
            problem(c, where, "expected a day name such as \"mon\"");
    }
}

/* "H:MM" or "HH:MM"; max_min is 1439 for "from" and 1440 ("24:00") for "to". */
static bool parse_clock(const char *s, int max_min, int *out)
{
    const size_t h_len = strspn(s, "0123456789");
    if (h_len < 1 || h_len > 2 || s[h_len] != ':' || strspn(s + h_len + 1, "0123456789") != 2 ||
        s[h_len + 3] != '\0')
        return false;
    const int h = h_len == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[h_len + 1] - '0') * 10 + (s[h_len + 2] - '0');
    if (h > 24 || m > 59 || h * 60 + m > max_min) return false;
    *out = h * 60 + m;
    return true;
}

static bool parse_time(struct ctx *c, const json_t *w, const char *path, const char *field,
                       int max_min, int *out)
{
    char where[PATH_MAX_LEN], q[QUOTE_MAX + 8];
    const json_t *v = json_object_get(w, field);
    at(where, path, field, 0);
    const char *range = max_min == HOURS_DAY_MIN ? "00:00 to 24:00" : "00:00 to 23:59";
    if (!v) {
        problem(c, where, "missing required field (a time such as \"07:30\")");
        return false;
    }
    if (json_is_string(v) && parse_clock(json_string_value(v), max_min, out)) return true;
    if (json_is_string(v))
        problem(c, where, "invalid time %s (expected HH:MM, %s)",
                quote(q, sizeof q, json_string_value(v)), range);
    else
        problem(c, where, "expected a time such as \"07:30\" (HH:MM, %s)", range);
    return false;
}

static void parse_window(struct ctx *c, const json_t *w, const char *path, struct hours_window *out)
{
    char where[PATH_MAX_LEN];
    int from = 0, to = 0;
    if (!json_is_object(w)) {
        problem(c, path,
                "expected an object such as {\"days\": [\"mon\"], \"from\": \"07:30\", "
                "\"to\": \"10:00\"}");
        return;
    }
    parse_days(c, json_object_get(w, "days"), at(where, path, "days", 0), &out->days);
    const bool from_ok = parse_time(c, w, path, "from", HOURS_DAY_MIN - 1, &from);
    const bool to_ok = parse_time(c, w, path, "to", HOURS_DAY_MIN, &to);
    if (from_ok && to_ok && from == to)
        problem(c, path,
                "\"from\" and \"to\" are the same time: an empty window (all day is \"00:00\" "
                "to \"24:00\")");
    out->from = (uint16_t)from;
    out->to = (uint16_t)to;
}

bool hours_parse(const struct json_t *v, const char *path, struct hours *out,
                 hours_report_fn report, void *ctx)
{
    struct ctx c = {report, ctx, true};
    struct hours h = {0};
    char where[PATH_MAX_LEN];
    const json_t *w;
    size_t i;
    if (!json_is_array(v) || json_array_size(v) == 0) {
        problem(&c, path,
                "expected a non-empty array of windows such as [{\"days\": [\"mon\"], "
                "\"from\": \"07:30\", \"to\": \"10:00\"}]");
        return false;
    }
    if (json_array_size(v) > HOURS_MAX_WINDOWS) {
        problem(&c, path, "more than %d windows", HOURS_MAX_WINDOWS);
        return false;
    }
    json_array_foreach(v, i, w)
        parse_window(&c, w, at(where, path, "[", i), &h.w[h.n++]);
    if (c.ok) *out = h;
    return c.ok;
}

static bool window_covers(const struct hours_window *w, int wday, int minute)
{
    const int yesterday = (wday + 6) % 7;
    if (w->from < w->to) return (w->days >> wday & 1) && w->from <= minute && minute < w->to;
    return ((w->days >> wday & 1) && minute >= w->from) ||
           ((w->days >> yesterday & 1) && minute < w->to);
}

bool hours_inside(const struct hours *h, const struct zone *z, int64_t t)
{
    if (h->n == 0) return true;
    struct zone_time lt;
    zone_local(z, t, &lt);
    const int minute = lt.hour * 60 + lt.minute;
    for (size_t i = 0; i < h->n; i++)
        if (window_covers(&h->w[i], lt.wday, minute)) return true;
    return false;
}

struct search {
    const struct hours *h;
    const struct zone *z;
    int64_t t, best;
    bool now;
};

static void consider(struct search *s, int64_t c)
{
    if (c > s->t && c < s->best && hours_inside(s->h, s->z, c) != s->now) s->best = c;
}

static void consider_local(struct search *s, int64_t local)
{
    int64_t u[2];
    const size_t n = zone_instants(s->z, local, u);
    for (size_t i = 0; i < n; i++)
        consider(s, u[i]);
}

int64_t hours_next_change(const struct hours *h, const struct zone *z, int64_t t)
{
    if (h->n == 0) return INT64_MAX;
    struct search s = {h, z, t, INT64_MAX, hours_inside(h, z, t)};
    struct zone_time lt;
    zone_local(z, t, &lt);
    for (int64_t day = lt.days - 1; day <= lt.days + LOOKAHEAD; day++) {
        consider_local(&s, day * ZONE_S_PER_DAY);
        for (size_t i = 0; i < h->n; i++) {
            consider_local(&s, day * ZONE_S_PER_DAY + h->w[i].from * 60);
            consider_local(&s, day * ZONE_S_PER_DAY + h->w[i].to * 60);
        }
    }
    /* Clocks jumping over an edge: the jump itself is where the answer changes. */
    int64_t u = t;
    for (int k = 0; k < MAX_TRANSITIONS_AHEAD; k++) {
        u = zone_next_transition(z, u);
        if (u == ZONE_NO_TIME || u > t + (int64_t)(LOOKAHEAD + 1) * ZONE_S_PER_DAY) break;
        consider(&s, u);
    }
    return s.best;
}
