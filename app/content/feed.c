/* feed — parses and validates a vitrine feed (format v1, docs/feed-format.md) into an
 * immutable struct feed: the document (version, languages, event, defaults, the slides
 * loop with the fields every slide has, unique ids, the digest) and the accessors.
 * jansson does the JSON (strict UTF-8, no duplicate keys); feedparse.c reads values and
 * reports problems, slidetype.c reads each type's own fields.
 *
 * Ownership: everything a struct feed points to lives in its arena, so feed_free() is
 * one call and no failure path can leak a string. The parser keeps no global state:
 * the fetch thread and main (--check, the first deck) call it concurrently. */
#include "feed.h"

#include "arena.h"
#include "feedparse.h"
#include "file.h"
#include "hash.h"
#include "log.h"
#include "placement.h"
#include "rfc3339.h"
#include "slidetype.h"
#include "zone.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LANG_MIN   2 /* characters of a language code */
#define LANG_MAX   8
#define DEFAULT_TZ "UTC"
#define TYPES_MAX  128 /* bytes of the list of type names in a message */

/* Short names for the consequences warnings end with (feedparse.h). */
#define SKIPPED FEEDPARSE_SKIPPED
#define IGNORED FEEDPARSE_IGNORED

struct feed {
    struct arena *arena; /* owns every string and array below */
    struct ltext event_name;
    const char *timezone;
    struct zone *zone; /* timezone, loaded once here: hours are judged in it on any thread */
    const char *langs[FEED_MAX_LANGS];
    size_t n_langs;
    struct slide *slides;
    size_t n_slides;
    char digest[HASH_HEX_LEN + 1];
};

/* State of one feed_parse() call: what every reader shares, and the document's own. */
struct parser {
    struct feedparse fp;
    struct feed *feed;
    int default_ms;
    enum transition default_transition;
    json_t *ids; /* id -> index of the slide that used it first */
};

/* --- the document -------------------------------------------------------------------- */

/* True when a container sits deeper than FEED_MAX_DEPTH (the top object is level 1). */
static bool too_deep(const json_t *v, int level)
{
    const char *key;
    const json_t *child;
    size_t i;
    if (level > FEED_MAX_DEPTH) return true;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, child) {
            if ((json_is_object(child) || json_is_array(child)) && too_deep(child, level + 1))
                return true;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, child) {
            if ((json_is_object(child) || json_is_array(child)) && too_deep(child, level + 1))
                return true;
        }
    }
    return false;
}

static bool check_version(struct parser *p, const json_t *root)
{
    const json_t *v = json_object_get(root, "vitrine");
    if (!v) {
        feedparse_error(&p->fp, "vitrine", "missing: not a vitrine feed (expected \"vitrine\": 1)");
        return false;
    }
    if (!json_is_integer(v)) {
        feedparse_error(&p->fp, "vitrine", "expected the integer 1, found %s", feedparse_kind(v));
        return false;
    }
    if (json_integer_value(v) != 1) {
        feedparse_error(&p->fp, "vitrine",
                        "unsupported format version %" JSON_INTEGER_FORMAT " (expected 1)",
                        json_integer_value(v));
        return false;
    }
    return true;
}

static bool lang_code_ok(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-");
    return s[n] == '\0' && n >= LANG_MIN && n <= LANG_MAX;
}

static void add_lang(struct parser *p, const char *code)
{
    struct feed *f = p->feed;
    const char *copy = feedparse_copy(&p->fp, code);
    if (copy) f->langs[f->n_langs++] = copy;
    p->fp.n_langs = f->n_langs; /* text fields resolve into the languages read so far */
}

/* One entry of "languages"; kept when it is a new, well-formed code. */
static void parse_lang(struct parser *p, const json_t *v, size_t i)
{
    char at[32], q[FEEDPARSE_QUOTE_BUF];
    const struct feed *f = p->feed;
    snprintf(at, sizeof at, "languages[%zu]", i);
    if (feedparse_why_not_string(v)) {
        feedparse_warn(&p->fp, at, "expected a language code such as \"fr\"" IGNORED);
        return;
    }
    const char *code = json_string_value(v);
    if (!lang_code_ok(code)) {
        feedparse_warn(&p->fp, at, "invalid language code %s" IGNORED,
                       feedparse_quote(q, sizeof q, code));
        return;
    }
    for (size_t j = 0; j < f->n_langs; j++)
        if (strcasecmp(f->langs[j], code) == 0) {
            feedparse_warn(&p->fp, at, "duplicate language %s" IGNORED,
                           feedparse_quote(q, sizeof q, code));
            return;
        }
    if (f->n_langs == FEED_MAX_LANGS) {
        feedparse_warn(&p->fp, at, "more than %d languages" IGNORED, FEED_MAX_LANGS);
        return;
    }
    add_lang(p, code);
}

static void parse_languages(struct parser *p, const json_t *root)
{
    const json_t *v = json_object_get(root, "languages"), *item;
    size_t i;
    if (v && !json_is_array(v))
        feedparse_warn(&p->fp, "languages",
                       "expected an array of language codes; using [\"fr\", \"en\"]");
    if (!json_is_array(v)) {
        add_lang(p, "fr");
        add_lang(p, "en");
        return;
    }
    json_array_foreach(v, i, item)
        parse_lang(p, item, i);
    if (p->feed->n_langs == 0) feedparse_error(&p->fp, "languages", "no usable language");
}

static void parse_timezone(struct parser *p, const json_t *event)
{
    char q[FEEDPARSE_QUOTE_BUF];
    const json_t *v = json_object_get(event, "timezone");
    p->feed->timezone = DEFAULT_TZ;
    if (!v) return;
    const char *why = feedparse_why_not_string(v);
    if (why) {
        feedparse_warn(&p->fp, "event.timezone", "%s; using " DEFAULT_TZ, why);
        return;
    }
    const char *name = json_string_value(v);
    struct zone *z = zone_load(name, NULL, 0); /* a zone vitrine can really use */
    if (!z) {
        feedparse_warn(&p->fp, "event.timezone", "unknown time zone %s; using " DEFAULT_TZ,
                       feedparse_quote(q, sizeof q, name));
        return;
    }
    const char *copy = feedparse_copy(&p->fp, name);
    if (!copy) {
        zone_free(z);
        return;
    }
    p->feed->timezone = copy;
    p->feed->zone = z;
}

/* The event zone when none (or an unusable one) was named: UTC, from tzdata when it is
 * there, else built in. */
static void default_zone(struct parser *p)
{
    if (p->feed->zone) return;
    p->feed->timezone = DEFAULT_TZ;
    p->feed->zone = zone_load(DEFAULT_TZ, NULL, 0);
    if (!p->feed->zone) p->feed->zone = zone_utc();
    if (!p->feed->zone) p->fp.oom = true;
}

static void parse_event(struct parser *p, const json_t *root)
{
    const json_t *event = json_object_get(root, "event");
    if (!event) {
        feedparse_error(&p->fp, "event", "missing required field");
        return;
    }
    if (!json_is_object(event)) {
        feedparse_error(&p->fp, "event", "expected an object");
        return;
    }
    if (p->feed->n_langs > 0)
        feedparse_text_required(&p->fp, FEED_ERROR, event, "event", "name", "",
                                &p->feed->event_name);
    parse_timezone(p, event);
}

static void parse_defaults(struct parser *p, const json_t *root)
{
    const json_t *d = json_object_get(root, "defaults");
    p->default_ms = FEED_DEFAULT_DURATION * 1000;
    p->default_transition = TRANSITION_FADE;
    if (!d) return;
    if (!json_is_object(d)) {
        feedparse_warn(&p->fp, "defaults", "expected an object" IGNORED);
        return;
    }
    const json_t *dur = json_object_get(d, "duration"), *tr = json_object_get(d, "transition");
    if (dur && !feedparse_duration(dur, &p->default_ms))
        feedparse_warn(&p->fp, "defaults.duration",
                       "expected a number of seconds from %d to %d; using %d", FEED_MIN_DURATION,
                       FEED_MAX_DURATION, FEED_DEFAULT_DURATION);
    if (tr && !feedparse_transition(tr, &p->default_transition))
        feedparse_warn(&p->fp, "defaults.transition",
                       "expected \"fade\", \"slide\" or \"cut\"; using fade");
}

/* --- slides -------------------------------------------------------------------------- */

/* The slide's id, unique among the slides accepted so far (parse_slide registers it). */
static bool parse_id(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX], q[FEEDPARSE_QUOTE_BUF];
    const char *id = feedparse_slide_string(&p->fp, js, at, "id", path, sizeof path);
    if (!id) return false;
    if (!*id) {
        feedparse_warn(&p->fp, path, "expected a non-empty string" SKIPPED);
        return false;
    }
    if (strlen(id) > FEED_MAX_TEXT) { /* cutting could make two ids equal */
        feedparse_warn(&p->fp, path, "longer than %u bytes" SKIPPED, FEED_MAX_TEXT);
        return false;
    }
    const json_t *first = json_object_get(p->ids, id);
    if (first) {
        feedparse_warn(&p->fp, path,
                       "duplicate id %s (first used by slides[%" JSON_INTEGER_FORMAT "])" SKIPPED,
                       feedparse_quote(q, sizeof q, id), json_integer_value(first));
        return false;
    }
    s->id = feedparse_copy(&p->fp, id);
    return s->id != NULL;
}

/* The slide's type from the table of types; s->type is set. */
static const struct slidetype *parse_type(struct parser *p, const json_t *js, const char *at,
                                          struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX], q[FEEDPARSE_QUOTE_BUF], names[TYPES_MAX];
    const char *name = feedparse_slide_string(&p->fp, js, at, "type", path, sizeof path);
    if (!name) return NULL;
    const struct slidetype *t = slidetype_find(name);
    if (t) {
        s->type = t->type;
        return t;
    }
    slidetype_list(names, sizeof names);
    feedparse_warn(&p->fp, path, "unknown slide type %s (expected %s)" SKIPPED,
                   feedparse_quote(q, sizeof q, name), names);
    return NULL;
}

static bool parse_time_field(struct parser *p, const json_t *js, const char *at, const char *field,
                             int64_t *out)
{
    char path[FEEDPARSE_PATH_MAX], q[FEEDPARSE_QUOTE_BUF];
    const json_t *v = json_object_get(js, field);
    *out = FEED_NO_TIME;
    if (!v) return true;
    feedparse_join(path, sizeof path, at, field);
    if (feedparse_why_not_string(v)) {
        feedparse_warn(&p->fp, path, "expected an RFC 3339 date-time string" SKIPPED);
        return false;
    }
    if (!rfc3339_parse(json_string_value(v), out)) {
        feedparse_warn(&p->fp, path,
                       "invalid date-time %s (expected e.g. \"2026-12-08T09:00:00-05:00\")" SKIPPED,
                       feedparse_quote(q, sizeof q, json_string_value(v)));
        return false;
    }
    return true;
}

static bool parse_window(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX];
    if (!parse_time_field(p, js, at, "start", &s->start) ||
        !parse_time_field(p, js, at, "end", &s->end))
        return false;
    if (s->start != FEED_NO_TIME && s->end != FEED_NO_TIME && s->end <= s->start) {
        feedparse_warn(&p->fp, feedparse_join(path, sizeof path, at, "end"),
                       "not after start" SKIPPED);
        return false;
    }
    return true;
}

/* duration, transition, urgent: a bad value is ignored and the default used. */
static void parse_common(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX];
    const json_t *dur = json_object_get(js, "duration"), *tr = json_object_get(js, "transition");
    const json_t *urgent = json_object_get(js, "urgent");
    s->duration_ms = p->default_ms;
    s->transition = p->default_transition;
    if (dur && !feedparse_duration(dur, &s->duration_ms))
        feedparse_warn(&p->fp, feedparse_join(path, sizeof path, at, "duration"),
                       "expected a number of seconds from %d to %d; using the default",
                       FEED_MIN_DURATION, FEED_MAX_DURATION);
    if (tr && !feedparse_transition(tr, &s->transition))
        feedparse_warn(&p->fp, feedparse_join(path, sizeof path, at, "transition"),
                       "expected \"fade\", \"slide\" or \"cut\"; using the default");
    if (urgent && !json_is_boolean(urgent))
        feedparse_warn(&p->fp, feedparse_join(path, sizeof path, at, "urgent"),
                       "expected true or false" IGNORED);
    s->urgent = json_is_true(urgent);
}

/* Fills s from slides[index]; false (already reported) when the slide is skipped. */
static bool parse_slide(struct parser *p, const json_t *js, size_t index, struct slide *s)
{
    char at[32];
    snprintf(at, sizeof at, "slides[%zu]", index);
    memset(s, 0, sizeof *s);
    if (!json_is_object(js)) {
        feedparse_warn(&p->fp, at, "expected an object" SKIPPED);
        return false;
    }
    const struct slidetype *type = NULL;
    if (!parse_id(p, js, at, s) || !(type = parse_type(p, js, at, s)) ||
        !parse_window(p, js, at, s))
        return false;
    parse_common(p, js, at, s);
    if (!placement_parse(&p->fp, js, at, s)) return false;
    bool ok = type->parse(&p->fp, js, at, s);
    /* Only a slide that is shown claims its id: a skipped one must not take a valid
     * slide down with it. */
    if (ok && json_object_set_new(p->ids, s->id, json_integer((json_int_t)index))) p->fp.oom = true;
    return ok;
}

static void parse_slides(struct parser *p, const json_t *root)
{
    struct feed *f = p->feed;
    const json_t *arr = json_object_get(root, "slides"), *item;
    size_t i;
    if (!json_is_array(arr)) {
        feedparse_error(&p->fp, "slides", "%s",
                        arr ? "expected an array" : "missing required field");
        return;
    }
    size_t n = json_array_size(arr);
    if (n > FEED_MAX_SLIDES) {
        feedparse_warn(&p->fp, "slides", "more than %d slides; the rest ignored", FEED_MAX_SLIDES);
        n = FEED_MAX_SLIDES;
    }
    p->ids = json_object();
    f->slides = n ? feedparse_alloc(&p->fp, n * sizeof *f->slides) : NULL;
    if (!p->ids || (n && !f->slides)) {
        p->fp.oom = true;
        return;
    }
    json_array_foreach(arr, i, item) {
        if (i == n || p->fp.oom) break;
        if (parse_slide(p, item, i, &f->slides[f->n_slides])) f->n_slides++;
    }
    if (f->n_slides == 0) feedparse_error(&p->fp, "slides", "no usable slide");
}

/* Validates a parsed document into p->feed; false when it must be rejected. */
static bool build(struct parser *p, const json_t *root)
{
    if (!json_is_object(root)) {
        feedparse_error(&p->fp, "", "expected a JSON object at the top level, found %s",
                        feedparse_kind(root));
        return false;
    }
    if (too_deep(root, 1)) {
        feedparse_error(&p->fp, "", "nested deeper than %d levels", FEED_MAX_DEPTH);
        return false;
    }
    if (!check_version(p, root)) return false;
    parse_languages(p, root);
    parse_event(p, root);
    default_zone(p);
    parse_defaults(p, root);
    parse_slides(p, root);
    if (p->fp.oom) feedparse_error(&p->fp, "", "out of memory");
    return p->fp.errors == 0;
}

struct feed *feed_parse(const char *json, size_t len, const char *base, feed_report_fn report,
                        void *ctx)
{
    struct parser p = {.fp = {.base = base, .report = report, .ctx = ctx}};
    json_error_t err;
    if (len > FEED_MAX_BYTES) {
        feedparse_error(&p.fp, "", "larger than %u bytes", FEED_MAX_BYTES);
        return NULL;
    }
    /* ALLOW_NUL: a "\u0000" is refused by this file with its path, not by jansson with
     * a message naming a jansson flag. */
    json_t *root =
        json_loadb(json ? json : "", json ? len : 0, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
    if (!root) {
        feedparse_error(&p.fp, "", "not valid JSON at line %d, column %d: %s", err.line, err.column,
                        err.text);
        return NULL;
    }
    p.feed = calloc(1, sizeof *p.feed);
    if (p.feed) p.feed->arena = arena_new();
    if (!p.feed || !p.feed->arena) {
        feed_free(p.feed);
        json_decref(root);
        feedparse_error(&p.fp, "", "out of memory");
        return NULL;
    }
    p.fp.arena = p.feed->arena;
    p.fp.langs = p.feed->langs;
    bool ok = build(&p, root);
    json_decref(p.ids);
    json_decref(root);
    if (!ok) {
        feed_free(p.feed);
        return NULL;
    }
    hash_hex(json, len, p.feed->digest);
    return p.feed;
}

struct feed *feed_load_file(const char *path, feed_report_fn report, void *ctx)
{
    unsigned char *buf = NULL;
    size_t n = 0;
    char why[FEEDPARSE_PATH_MAX + 128];
    /* One byte over the limit, so feed_parse tells "too big" with its usual sentence. */
    if (!file_read(path, FEED_MAX_BYTES + 1, &buf, &n, why, sizeof why)) {
        struct feedparse p = {.report = report, .ctx = ctx};
        feedparse_error(&p, "", "%s", why);
        return NULL;
    }
    struct feed *f = feed_parse((const char *)buf, n, path, report, ctx);
    free(buf);
    return f;
}

void feed_problems_collect(void *ctx, enum feed_severity sev, const char *path, const char *message)
{
    struct feed_problems *p = ctx;
    const char *sep = path && *path ? ": " : "";
    if (sev == FEED_ERROR) {
        if (!p->first_error[0])
            snprintf(p->first_error, sizeof p->first_error, "%s%s%s", path ? path : "", sep,
                     message);
        return;
    }
    if (++p->warnings <= FEED_LOGGED_WARNINGS)
        log_warn("feed: %s%s%s", path ? path : "", sep, message);
}

void feed_free(struct feed *feed)
{
    if (!feed) return;
    zone_free(feed->zone);
    arena_free(feed->arena);
    free(feed);
}

const struct ltext *feed_event_name(const struct feed *feed)
{
    return &feed->event_name;
}

const char *feed_timezone(const struct feed *feed)
{
    return feed->timezone;
}

const struct zone *feed_zone(const struct feed *feed)
{
    return feed->zone;
}

size_t feed_lang_count(const struct feed *feed)
{
    return feed->n_langs;
}

const char *feed_lang(const struct feed *feed, size_t i)
{
    return i < feed->n_langs ? feed->langs[i] : NULL;
}

size_t feed_slide_count(const struct feed *feed)
{
    return feed->n_slides;
}

const struct slide *feed_slide(const struct feed *feed, size_t i)
{
    return i < feed->n_slides ? &feed->slides[i] : NULL;
}

const char *feed_digest(const struct feed *feed)
{
    return feed->digest;
}
