/* programme — parsing a frab / c3voc / pretalx schedule.json export (see programme.h).
 * jansson does the JSON (strict UTF-8, no duplicate keys); this file checks shapes,
 * computes times and copies what the board shows, cleaned and cut to the limits.
 *
 * Ownership: every string lives in the programme's arena (a list of blocks), the talks in
 * one array, the zone in its own allocation; programme_free() releases all three. The
 * parser keeps no global state, so the fetch thread and --check may run it at once. */
#include "programme.h"

#include "arena.h"
#include "file.h"
#include "frabtime.h"
#include "jsonread.h"
#include "talk.h"
#include "utf8.h"
#include "zone.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define JSONREAD_PATH_MAX 256
#define SKIPPED           "; talk skipped"
#define IGNORED           "; ignored"

struct programme {
    struct arena *arena;
    struct zone *zone;
    const char *title, *acronym, *version;
    struct programme_room rooms[PROGRAMME_MAX_ROOMS];
    size_t n_rooms;
    struct programme_day days[PROGRAMME_MAX_DAYS];
    size_t n_days;
    struct programme_talk *talks;
    size_t n_talks;
};

/* A talk while parsing: seq keeps export order among talks that start together. */
struct draft {
    struct programme_talk t;
    size_t seq;
};

/* One day while parsing: what the export said, before widening and sorting. */
struct day_info {
    struct programme_day day;
    struct talk_day said;
};

struct parser {
    struct programme *p;
    struct jsonread r;
    programme_report_fn report;
    void *ctx;
    bool capped;
    struct talk_track tracks[PROGRAMME_MAX_TRACKS];
    size_t n_tracks;
    struct day_info days[PROGRAMME_MAX_DAYS];
    size_t n_days;
    struct draft *drafts;
    size_t n_drafts, cap_drafts;
};

/* --- problems -------------------------------------------------------------------------- */

static void forward(void *ctx, bool is_error, const char *path, const char *message)
{
    const struct parser *ps = ctx;
    if (ps->report)
        ps->report(ps->ctx, is_error ? PROGRAMME_ERROR : PROGRAMME_WARNING, path, message);
}

#define warn(ps, path, ...)  jsonread_problem(&(ps)->r, false, path, __VA_ARGS__)
#define error(ps, path, ...) jsonread_problem(&(ps)->r, true, path, __VA_ARGS__)

/* --- tracks and rooms --------------------------------------------------------------------- */

static int hex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "#rrggbb" or "#rgb". */
static bool parse_colour(const char *s, uint32_t *out)
{
    const size_t n = strlen(s);
    if (s[0] != '#' || (n != 7 && n != 4)) return false;
    uint32_t v = 0;
    for (size_t i = 1; i < n; i++) {
        const int d = hex(s[i]);
        if (d < 0) return false;
        v = n == 7 ? v << 4 | (uint32_t)d : v << 8 | (uint32_t)(d * 17);
    }
    *out = v;
    return true;
}

static void parse_track(struct parser *ps, const json_t *t, const char *at)
{
    char q[JSONREAD_QUOTE_BUF];
    struct talk_track tr = {jsonread_text(&ps->r, t, at, "name", PROGRAMME_MAX_NAME), 0, false};
    if (!tr.name) return; /* a track without a name colours nothing */
    const json_t *c = json_object_get(t, "color");
    if (json_is_string(c) && *json_string_value(c)) {
        tr.has_colour = parse_colour(json_string_value(c), &tr.colour);
        if (!tr.has_colour) {
            char where[JSONREAD_PATH_MAX];
            warn(ps, jsonread_join(where, at, "color"),
                 "invalid colour %s (expected \"#rrggbb\")" IGNORED,
                 jsonread_quote(q, json_string_value(c)));
        }
    }
    ps->tracks[ps->n_tracks++] = tr;
}

static void parse_tracks(struct parser *ps, const json_t *conf)
{
    const char *path = "schedule.conference.tracks";
    const json_t *v = json_object_get(conf, "tracks"), *t;
    char at[JSONREAD_PATH_MAX];
    size_t i;
    if (!v || json_is_null(v)) return;
    if (!json_is_array(v)) {
        warn(ps, path, "expected an array of tracks" IGNORED);
        return;
    }
    json_array_foreach(v, i, t) {
        jsonread_index(at, path, i);
        if (ps->n_tracks == PROGRAMME_MAX_TRACKS) {
            warn(ps, at, "more than %d tracks; the rest have no colour", PROGRAMME_MAX_TRACKS);
            return;
        }
        if (json_is_object(t))
            parse_track(ps, t, at);
        else
            warn(ps, at, "expected an object with \"name\" and \"color\"" IGNORED);
    }
}

/* The index of the room called name (already cleaned), added when new; SIZE_MAX past
 * the limit (reported at path). */
static size_t room_index(struct parser *ps, const char *name, const char *guid, const char *path)
{
    struct programme *p = ps->p;
    for (size_t i = 0; i < p->n_rooms; i++)
        if (strcmp(p->rooms[i].name, name) == 0) {
            if (!p->rooms[i].guid) p->rooms[i].guid = guid;
            return i;
        }
    if (p->n_rooms == PROGRAMME_MAX_ROOMS) {
        warn(ps, path, "more than %d rooms; this room's talks are skipped", PROGRAMME_MAX_ROOMS);
        return SIZE_MAX;
    }
    p->rooms[p->n_rooms] = (struct programme_room){name, guid};
    return p->n_rooms++;
}

/* conference.rooms fixes the export's room order: [{"name": ..., "guid": ...}] or names. */
static void parse_rooms(struct parser *ps, const json_t *conf)
{
    const char *path = "schedule.conference.rooms";
    const json_t *v = json_object_get(conf, "rooms"), *r;
    char at[JSONREAD_PATH_MAX];
    size_t i;
    if (!v || json_is_null(v)) return;
    if (!json_is_array(v)) {
        warn(ps, path, "expected an array of rooms" IGNORED);
        return;
    }
    json_array_foreach(v, i, r) {
        jsonread_index(at, path, i);
        const char *name =
            json_is_string(r) ? jsonread_clean(&ps->r, json_string_value(r), json_string_length(r),
                                               PROGRAMME_MAX_NAME)
            : json_is_object(r) ? jsonread_text(&ps->r, r, at, "name", PROGRAMME_MAX_NAME)
                                : NULL;
        if (!name) {
            warn(ps, at, "a room without a name" IGNORED);
            continue;
        }
        const char *guid =
            json_is_object(r) ? jsonread_text(&ps->r, r, at, "guid", PROGRAMME_MAX_NAME) : NULL;
        if (room_index(ps, name, guid, at) == SIZE_MAX) return;
    }
}

static bool add_draft(struct parser *ps, const struct programme_talk *t)
{
    if (ps->n_drafts == ps->cap_drafts) {
        const size_t cap = ps->cap_drafts ? ps->cap_drafts * 2 : 64;
        struct draft *d = realloc(ps->drafts, cap * sizeof *d);
        if (!d) {
            ps->r.oom = true;
            return false;
        }
        ps->drafts = d;
        ps->cap_drafts = cap;
    }
    ps->drafts[ps->n_drafts] = (struct draft){*t, ps->n_drafts};
    ps->n_drafts++;
    return true;
}

/* One talk of room `room` on day `day` (indices of the parse), up to the limit. */
static void parse_talk(struct parser *ps, const json_t *ev, const char *path, size_t room,
                       size_t day)
{
    if (ps->n_drafts == PROGRAMME_MAX_TALKS) {
        if (!ps->capped)
            warn(ps, path, "more than %d talks; the rest are skipped", PROGRAMME_MAX_TALKS);
        ps->capped = true;
        return;
    }
    const struct talk_env env = {&ps->r, ps->p->zone, ps->tracks, ps->n_tracks};
    struct programme_talk t;
    if (!talk_parse(&env, ev, path, &ps->days[day].said, &t)) return;
    t.room = room;
    t.day = day;
    add_draft(ps, &t);
}

/* --- days ------------------------------------------------------------------------------- */

static void day_time(struct parser *ps, const json_t *dv, const char *prefix, const char *field,
                     int64_t *out, bool *has)
{
    char at[JSONREAD_PATH_MAX], q[JSONREAD_QUOTE_BUF];
    const json_t *v = json_object_get(dv, field);
    *has = json_is_string(v) && frabtime_instant(ps->p->zone, json_string_value(v), out);
    if (!*has && v && !json_is_null(v))
        warn(ps, jsonread_join(at, prefix, field), "invalid date-time %s" IGNORED,
             json_is_string(v) ? jsonread_quote(q, json_string_value(v)) : "(not a string)");
}

static void parse_room_talks(struct parser *ps, const char *key, const json_t *list,
                             const char *prefix, size_t day)
{
    char at[JSONREAD_PATH_MAX], name[PROGRAMME_MAX_NAME + 1];
    const json_t *ev;
    size_t i;
    char rooms[JSONREAD_PATH_MAX];
    jsonread_key(at, jsonread_join(rooms, prefix, "rooms"), key);
    if (!json_is_array(list)) {
        warn(ps, at, "expected an array of talks" IGNORED);
        return;
    }
    if (!utf8_clean(name, PROGRAMME_MAX_NAME, key, strlen(key))) {
        warn(ps, at, "a room without a name; its talks are skipped");
        return;
    }
    const size_t room =
        room_index(ps, jsonread_clean(&ps->r, name, strlen(name), PROGRAMME_MAX_NAME), NULL, at);
    if (room == SIZE_MAX || ps->r.oom) return;
    json_array_foreach(list, i, ev) {
        char talk_at[JSONREAD_PATH_MAX];
        jsonread_index(talk_at, at, i);
        parse_talk(ps, ev, talk_at, room, day);
    }
}

static void parse_day(struct parser *ps, const json_t *dv, const char *prefix)
{
    char at[JSONREAD_PATH_MAX], q[JSONREAD_QUOTE_BUF];
    struct day_info *d = &ps->days[ps->n_days];
    memset(d, 0, sizeof *d);
    const json_t *index = json_object_get(dv, "index"), *date = json_object_get(dv, "date");
    d->day.index = json_is_integer(index) && json_integer_value(index) >= 0 &&
                           json_integer_value(index) < 10000
                       ? (int)json_integer_value(index)
                       : (int)ps->n_days + 1;
    if (json_is_string(date) && frabtime_date(json_string_value(date), &d->said.date_days) &&
        json_string_length(date) == 10) {
        d->said.has_date = true;
        d->day.date = jsonread_clean(&ps->r, json_string_value(date), 10, 10);
    } else if (date) {
        warn(ps, jsonread_join(at, prefix, "date"),
             "expected a date such as \"2026-12-08\"" IGNORED);
    }
    day_time(ps, dv, prefix, "day_start", &d->said.start, &d->said.has_start);
    day_time(ps, dv, prefix, "day_end", &d->said.end, &d->said.has_end);
    d->day.start = d->said.start;
    d->day.end = d->said.end;
    const size_t day = ps->n_days++;
    const json_t *rooms = json_object_get(dv, "rooms"), *list;
    const char *key;
    if (!json_is_object(rooms)) {
        warn(ps, jsonread_join(at, prefix, "rooms"),
             "expected an object of rooms and their talks; "
             "day %s has no talks",
             d->day.date ? jsonread_quote(q, d->day.date) : "without date");
        return;
    }
    json_object_foreach((json_t *)rooms, key, list)
        parse_room_talks(ps, key, list, prefix, day);
}

/* Fills in and widens each day's bounds, drops days with neither talks nor times, and
 * puts the days in time order (renumbering the talks' day). */
static void settle_days(struct parser *ps)
{
    struct programme *p = ps->p;
    size_t map[PROGRAMME_MAX_DAYS] = {0};
    for (size_t k = 0; k < ps->n_days; k++) {
        struct day_info *d = &ps->days[k];
        int64_t lo = INT64_MAX, hi = INT64_MIN;
        for (size_t i = 0; i < ps->n_drafts; i++)
            if (ps->drafts[i].t.day == k) {
                lo = ps->drafts[i].t.start < lo ? ps->drafts[i].t.start : lo;
                hi = ps->drafts[i].t.end > hi ? ps->drafts[i].t.end : hi;
            }
        const int64_t base = d->said.date_days * ZONE_S_PER_DAY + PROGRAMME_DAY_CHANGE;
        if (!d->said.has_start) d->day.start = d->said.has_date ? zone_resolve(p->zone, base) : lo;
        if (!d->said.has_end)
            d->day.end = d->said.has_date ? zone_resolve(p->zone, base + ZONE_S_PER_DAY) : hi;
        map[k] = SIZE_MAX;
        if (lo == INT64_MAX && (d->day.start == INT64_MAX || d->day.end <= d->day.start))
            continue; /* no talk and no usable bounds */
        d->day.start = lo < d->day.start ? lo : d->day.start;
        d->day.end = hi > d->day.end ? hi : d->day.end;
        size_t j = p->n_days++; /* insertion by start: at most PROGRAMME_MAX_DAYS */
        for (; j > 0 && p->days[j - 1].start > d->day.start; j--)
            p->days[j] = p->days[j - 1];
        p->days[j] = d->day;
        for (size_t m = 0; m < k; m++)
            if (map[m] != SIZE_MAX && map[m] >= j) map[m]++;
        map[k] = j;
    }
    for (size_t i = 0; i < ps->n_drafts; i++)
        ps->drafts[i].t.day = map[ps->drafts[i].t.day];
}

static int by_time(const void *a, const void *b)
{
    const struct draft *x = a, *y = b;
    if (x->t.start != y->t.start) return x->t.start < y->t.start ? -1 : 1;
    if (x->t.room != y->t.room) return x->t.room < y->t.room ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void settle_talks(struct parser *ps)
{
    struct programme *p = ps->p;
    if (ps->n_drafts == 0) return;
    qsort(ps->drafts, ps->n_drafts, sizeof *ps->drafts, by_time);
    p->talks = malloc(ps->n_drafts * sizeof *p->talks);
    if (!p->talks) {
        ps->r.oom = true;
        return;
    }
    for (size_t i = 0; i < ps->n_drafts; i++)
        p->talks[i] = ps->drafts[i].t;
    p->n_talks = ps->n_drafts;
}

/* --- the document ---------------------------------------------------------------------- */

static bool too_deep(const json_t *v, int level)
{
    const char *key;
    const json_t *child;
    size_t i;
    if (level > PROGRAMME_MAX_DEPTH) return true;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, child)
            if (too_deep(child, level + 1)) return true;
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, child)
            if (too_deep(child, level + 1)) return true;
    }
    return false;
}

/* The conference zone, else the caller's fallback, else UTC (built in, needs no tzdata). */
static void choose_zone(struct parser *ps, const json_t *conf, const char *fallback)
{
    char why[256], q[JSONREAD_QUOTE_BUF];
    const json_t *v = json_object_get(conf, "time_zone_name");
    const char *path = "schedule.conference.time_zone_name";
    if (json_is_string(v) && *json_string_value(v)) {
        ps->p->zone = zone_load(json_string_value(v), why, sizeof why);
        if (ps->p->zone) return;
        warn(ps, path, "%s: %s; using %s", jsonread_quote(q, json_string_value(v)), why,
             fallback ? fallback : "UTC");
    } else if (v && !json_is_null(v)) {
        warn(ps, path, "expected a time-zone name such as \"America/Toronto\"" IGNORED);
    }
    if (fallback && *fallback) ps->p->zone = zone_load(fallback, why, sizeof why);
    if (!ps->p->zone) ps->p->zone = zone_utc();
    if (!ps->p->zone) ps->r.oom = true;
}

static void parse_conference(struct parser *ps, const json_t *schedule, const char *fallback)
{
    char at[JSONREAD_PATH_MAX];
    const json_t *conf = json_object_get(schedule, "conference"), *days, *dv;
    size_t i;
    if (!json_is_object(conf)) {
        error(ps, "schedule.conference", "missing or not an object: not a schedule export");
        return;
    }
    ps->p->version = jsonread_text(&ps->r, schedule, "schedule", "version", PROGRAMME_MAX_NAME);
    ps->p->title = jsonread_text(&ps->r, conf, "schedule.conference", "title", PROGRAMME_MAX_TITLE);
    ps->p->acronym =
        jsonread_text(&ps->r, conf, "schedule.conference", "acronym", PROGRAMME_MAX_NAME);
    choose_zone(ps, conf, fallback);
    if (ps->r.oom) return;
    parse_tracks(ps, conf);
    parse_rooms(ps, conf);
    days = json_object_get(conf, "days");
    if (!json_is_array(days)) {
        error(ps, "schedule.conference.days", "missing or not an array: no talks");
        return;
    }
    json_array_foreach(days, i, dv) {
        jsonread_index(at, "schedule.conference.days", i);
        if (ps->n_days == PROGRAMME_MAX_DAYS) {
            warn(ps, at, "more than %d days; the rest are skipped", PROGRAMME_MAX_DAYS);
            break;
        }
        if (json_is_object(dv))
            parse_day(ps, dv, at);
        else
            warn(ps, at, "expected a day (an object)" IGNORED);
    }
    settle_days(ps);
    settle_talks(ps);
    if (ps->p->n_talks == 0 && !ps->r.oom)
        error(ps, "schedule.conference.days", "no usable talk in the export");
}

static void parse_document(struct parser *ps, const char *json, size_t len, const char *fallback)
{
    json_error_t err;
    if (len > PROGRAMME_MAX_BYTES) {
        error(ps, "", "the export is %zu bytes, over the %u MB limit", len,
              PROGRAMME_MAX_BYTES / (1024u * 1024u));
        return;
    }
    /* \u0000 is kept (and then dropped as a control character) rather than failing the
     * whole export; a repeated key is a generator's bug, not worth losing a programme. */
    json_t *root = json_loadb(json ? json : "", json ? len : 0, JSON_ALLOW_NUL, &err);
    if (!root) {
        error(ps, "", "not JSON: %s (line %d, column %d)", err.text, err.line, err.column);
        return;
    }
    const json_t *schedule = json_object_get(root, "schedule");
    if (too_deep(root, 1))
        error(ps, "", "nested deeper than %d levels", PROGRAMME_MAX_DEPTH);
    else if (!json_is_object(schedule))
        error(ps, "schedule",
              "missing: not a schedule export (expected {\"schedule\": "
              "{\"conference\": ...}})");
    else
        parse_conference(ps, schedule, fallback);
    json_decref(root);
}

struct programme *programme_parse(const char *json, size_t len, const char *fallback_tz,
                                  programme_report_fn report, void *ctx)
{
    struct parser *ps = calloc(1, sizeof *ps);
    struct programme *p = calloc(1, sizeof *p);
    if (p) p->arena = arena_new();
    if (!ps || !p || !p->arena) {
        free(ps);
        if (p) arena_free(p->arena);
        free(p);
        if (report) report(ctx, PROGRAMME_ERROR, "", "out of memory");
        return NULL;
    }
    ps->p = p;
    ps->report = report;
    ps->ctx = ctx;
    ps->r = (struct jsonread){p->arena, forward, ps, 0, false};
    parse_document(ps, json, len, fallback_tz);
    if (ps->r.oom) error(ps, "", "out of memory");
    const bool ok = ps->r.errors == 0;
    free(ps->drafts);
    free(ps);
    if (ok) return p;
    programme_free(p);
    return NULL;
}

struct programme *programme_load_file(const char *path, const char *fallback_tz,
                                      programme_report_fn report, void *ctx)
{
    unsigned char *data;
    size_t len;
    char err[512];
    if (!file_read(path, PROGRAMME_MAX_BYTES, &data, &len, err, sizeof err)) {
        if (report) report(ctx, PROGRAMME_ERROR, "", err);
        return NULL;
    }
    struct programme *p = programme_parse((const char *)data, len, fallback_tz, report, ctx);
    free(data);
    return p;
}

void programme_free(struct programme *p)
{
    if (!p) return;
    free(p->talks);
    zone_free(p->zone);
    arena_free(p->arena);
    free(p);
}

const char *programme_title(const struct programme *p)
{
    return p->title;
}

const char *programme_acronym(const struct programme *p)
{
    return p->acronym;
}

const char *programme_version(const struct programme *p)
{
    return p->version;
}

const struct zone *programme_zone(const struct programme *p)
{
    return p->zone;
}

size_t programme_room_count(const struct programme *p)
{
    return p->n_rooms;
}

const struct programme_room *programme_room(const struct programme *p, size_t i)
{
    return &p->rooms[i];
}

size_t programme_day_count(const struct programme *p)
{
    return p->n_days;
}

const struct programme_day *programme_day(const struct programme *p, size_t i)
{
    return &p->days[i];
}

size_t programme_talk_count(const struct programme *p)
{
    return p->n_talks;
}

const struct programme_talk *programme_talk(const struct programme *p, size_t i)
{
    return &p->talks[i];
}
