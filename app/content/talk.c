/* talk — one schedule-export event into a struct programme_talk (see talk.h). */
#include "talk.h"

#include "frabtime.h"
#include "jsonread.h"
#include "utf8.h"
#include "zone.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define LANG_MAX 16 /* bytes of a language tag */
#define SKIPPED  "; talk skipped"
#define IGNORED  "; ignored"

#define warn(env, path, ...) jsonread_problem((env)->r, false, path, __VA_ARGS__)

static const struct talk_track *find_track(const struct talk_env *env, const char *name)
{
    for (size_t i = 0; i < env->n_tracks; i++)
        if (strcmp(env->tracks[i].name, name) == 0) return &env->tracks[i];
    for (size_t i = 0; i < env->n_tracks; i++)
        if (strcasecmp(env->tracks[i].name, name) == 0) return &env->tracks[i];
    return NULL;
}

/* "public_name" (frab) or "name" (pretalx) of each person, or plain strings, joined. */
static const char *speakers(const struct talk_env *env, const json_t *ev, const char *prefix)
{
    char joined[PROGRAMME_MAX_SPEAKERS + 1] = "", name[PROGRAMME_MAX_NAME + 1],
                                         at[JSONREAD_PATH_MAX];
    const json_t *v = json_object_get(ev, "persons"), *person;
    size_t i, len = 0, named = 0;
    if (!json_is_array(v)) return NULL;
    json_array_foreach(v, i, person) {
        const json_t *n = json_is_object(person) ? json_object_get(person, "public_name") : person;
        if (json_is_object(person) && !json_is_string(n)) n = json_object_get(person, "name");
        if (!json_is_string(n) ||
            !utf8_clean(name, PROGRAMME_MAX_NAME, json_string_value(n), json_string_length(n)))
            continue;
        const size_t need = (len ? 2 : 0) + strlen(name);
        if (named == PROGRAMME_MAX_PERSONS || len + need > PROGRAMME_MAX_SPEAKERS) {
            warn(env, jsonread_join(at, prefix, "persons"),
                 "more speakers than fit; the first %zu are named", named);
            break;
        }
        snprintf(joined + len, sizeof joined - len, "%s%s", len ? ", " : "", name);
        len += need;
        named++;
    }
    return len ? jsonread_clean(env->r, joined, len, PROGRAMME_MAX_SPEAKERS) : NULL;
}

/* A BCP 47 tag as exporters write it ("en", "fr", "pt_BR"): lower case, '-' separated. */
static const char *language(const struct talk_env *env, const json_t *ev, const char *prefix)
{
    char at[JSONREAD_PATH_MAX], q[JSONREAD_QUOTE_BUF], tag[LANG_MAX + 1];
    const json_t *v = json_object_get(ev, "language");
    if (!json_is_string(v) || !*json_string_value(v)) return NULL;
    const char *s = json_string_value(v);
    const size_t n = strlen(s);
    if (n < 2 || n > LANG_MAX ||
        strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n) {
        warn(env, jsonread_join(at, prefix, "language"), "invalid language tag %s" IGNORED,
             jsonread_quote(q, s));
        return NULL;
    }
    for (size_t i = 0; i <= n; i++)
        tag[i] = s[i] == '_' ? '-' : (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] | 0x20) : s[i];
    return jsonread_clean(env->r, tag, n, LANG_MAX);
}

/* The export's id, a number in frab and a string elsewhere. */
static const char *talk_id(const struct talk_env *env, const json_t *ev)
{
    char buf[32];
    const json_t *v = json_object_get(ev, "id");
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return jsonread_clean(env->r, buf, strlen(buf), sizeof buf);
    }
    return json_is_string(v) ? jsonread_clean(env->r, json_string_value(v), json_string_length(v),
                                              PROGRAMME_MAX_NAME)
                             : NULL;
}

/* A talk without a usable "date" starts at its day's date and "start", on the next
 * calendar date when that is earlier than the day's start (01:00 in a day that began at
 * 10:00 is after midnight). */
static bool start_from_day(const struct talk_env *env, const struct talk_day *d, int sod,
                           int64_t *out)
{
    if (!d->has_date) return false;
    const int64_t same = zone_resolve(env->zone, d->date_days * ZONE_S_PER_DAY + sod);
    const int64_t next = zone_resolve(env->zone, (d->date_days + 1) * ZONE_S_PER_DAY + sod);
    if (d->has_start)
        *out = same >= d->start || (d->has_end && next >= d->end) ? same : next;
    else
        *out = sod < PROGRAMME_DAY_CHANGE ? next : same;
    return true;
}

static bool talk_start(const struct talk_env *env, const json_t *ev, const char *prefix,
                       const struct talk_day *d, int64_t *out)
{
    char at[JSONREAD_PATH_MAX], q[JSONREAD_QUOTE_BUF];
    const json_t *date = json_object_get(ev, "date"), *start = json_object_get(ev, "start");
    int sod;
    if (json_is_string(date) && frabtime_instant(env->zone, json_string_value(date), out))
        return true;
    if (date && !json_is_null(date))
        warn(env, jsonread_join(at, prefix, "date"),
             "expected a date-time such as "
             "\"2026-12-08T09:30:00-05:00\"; using \"start\"");
    if (!json_is_string(start) || !frabtime_clock(json_string_value(start), &sod)) {
        warn(env, jsonread_join(at, prefix, "start"),
             "%s%s (expected a time such as \"09:30\")" SKIPPED,
             start ? "invalid time " : "missing required field",
             json_is_string(start) ? jsonread_quote(q, json_string_value(start)) : "");
        return false;
    }
    if (start_from_day(env, d, sod, out)) return true;
    warn(env, jsonread_join(at, prefix, "start"), "no \"date\" on the talk or its day" SKIPPED);
    return false;
}

static bool talk_timing(const struct talk_env *env, const json_t *ev, const char *prefix,
                        const struct talk_day *d, struct programme_talk *t)
{
    char at[JSONREAD_PATH_MAX], q[JSONREAD_QUOTE_BUF];
    const json_t *dur = json_object_get(ev, "duration");
    if (!json_is_string(dur) || !frabtime_duration(json_string_value(dur), &t->duration)) {
        warn(env, jsonread_join(at, prefix, "duration"),
             "%s%s (expected a duration such as \"00:45\" or \"1:00:00\", up to 7 days)" SKIPPED,
             dur ? "invalid duration " : "missing required field",
             json_is_string(dur) ? jsonread_quote(q, json_string_value(dur)) : "");
        return false;
    }
    if (!talk_start(env, ev, prefix, d, &t->start)) return false;
    t->end = t->start + t->duration;
    return true;
}

bool talk_parse(const struct talk_env *env, const json_t *ev, const char *path,
                const struct talk_day *day, struct programme_talk *out)
{
    char at[JSONREAD_PATH_MAX];
    struct programme_talk t = {0};
    if (!json_is_object(ev)) {
        warn(env, path, "expected a talk (an object)" SKIPPED);
        return false;
    }
    t.title = jsonread_text(env->r, ev, path, "title", PROGRAMME_MAX_TITLE);
    if (!t.title) {
        warn(env, jsonread_join(at, path, "title"), "missing or empty title" SKIPPED);
        return false;
    }
    if (!talk_timing(env, ev, path, day, &t)) return false;
    t.subtitle = jsonread_text(env->r, ev, path, "subtitle", PROGRAMME_MAX_TITLE);
    t.track = jsonread_text(env->r, ev, path, "track", PROGRAMME_MAX_NAME);
    t.type = jsonread_text(env->r, ev, path, "type", PROGRAMME_MAX_NAME);
    t.guid = jsonread_text(env->r, ev, path, "guid", PROGRAMME_MAX_NAME);
    t.id = talk_id(env, ev);
    t.language = language(env, ev, path);
    t.speakers = speakers(env, ev, path);
    const struct talk_track *tr = t.track ? find_track(env, t.track) : NULL;
    if (tr && tr->has_colour) {
        t.has_colour = true;
        t.colour = tr->colour;
    }
    *out = t;
    return true;
}
