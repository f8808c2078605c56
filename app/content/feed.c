/* feed — parses and validates a vitrine feed (format v1, docs/feed-format.md) into an
 * immutable struct feed. jansson does the JSON (strict UTF-8, no duplicate keys); this
 * file only checks shapes and values and copies what it keeps.
 *
 * Ownership: everything a struct feed points to lives in its own arena (a list of
 * blocks), so feed_free() is one walk and no failure path can leak a string. The
 * parser keeps no global state: the fetch thread and main (--check, the first deck)
 * call it concurrently. */
#include "feed.h"

#include "file.h"
#include "hash.h"
#include "log.h"
#include "rfc3339.h"
#include "url.h"
#include "utf8.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define ARENA_BLOCK  (16u * 1024u) /* bytes; most feeds fit in a few blocks */
#define MSG_MAX      512           /* bytes of one problem message */
#define PATH_MAX_LEN 256           /* bytes of one JSON location */
#define QUOTE_MAX    48            /* bytes of a feed value echoed in a message */
#define LANG_MIN     2             /* characters of a language code */
#define LANG_MAX     8
#define TZ_NAME_MAX  64 /* the longest IANA name is about 32 */
#define ZONEINFO_DIR "/usr/share/zoneinfo"
#define DEFAULT_TZ   "UTC"

/* The consequence a warning ends with, so a technician knows what will be on screen. */
#define SKIPPED     "; slide skipped"
#define IGNORED     "; ignored"
#define MEMBER_SKIP "; member skipped"

struct block {
    struct block *next;
    size_t used, cap; /* bytes of data */
    max_align_t data[];
};

struct feed {
    struct block *arena; /* owns every string and array below */
    struct ltext event_name;
    const char *timezone;
    const char *langs[FEED_MAX_LANGS];
    size_t n_langs;
    struct slide *slides;
    size_t n_slides;
    char digest[HASH_HEX_LEN + 1];
};

/* State of one feed_parse() call. */
struct parser {
    struct feed *feed;
    const char *base;
    feed_report_fn report;
    void *ctx;
    int errors;
    bool oom;
    int default_ms;
    enum transition default_transition;
    json_t *ids; /* id -> index of the slide that used it first */
};

/* --- memory -------------------------------------------------------------------------- */

static void *arena_alloc(struct parser *p, size_t n)
{
    const size_t align = sizeof(max_align_t);
    struct block *b = p->feed->arena;
    n = (n + align - 1) / align * align;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b) {
            p->oom = true;
            return NULL;
        }
        b->next = p->feed->arena;
        b->used = 0;
        b->cap = cap;
        p->feed->arena = b;
    }
    char *out = (char *)b->data + b->used;
    b->used += n;
    memset(out, 0, n);
    return out;
}

static char *arena_strndup(struct parser *p, const char *s, size_t n)
{
    char *out = arena_alloc(p, n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

/* --- problems ------------------------------------------------------------------------ */

/* Feed content ends up on a technician's terminal: no control characters get through. */
static void scrub(char *s)
{
    for (unsigned char *c = (unsigned char *)s; *c; c++)
        if (*c < 0x20 || *c == 0x7f) *c = '?';
}

static void problem(struct parser *p, enum feed_severity sev, const char *path, const char *fmt,
                    ...) LOG_PRINTF(4, 5);

static void problem(struct parser *p, enum feed_severity sev, const char *path, const char *fmt,
                    ...)
{
    char msg[MSG_MAX], where[PATH_MAX_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(where, sizeof where, "%s", path);
    scrub(msg);
    scrub(where);
    if (sev == FEED_ERROR) p->errors++;
    if (p->report) p->report(p->ctx, sev, where, msg);
}

#define warn(p, path, ...)  problem(p, FEED_WARNING, path, __VA_ARGS__)
#define error(p, path, ...) problem(p, FEED_ERROR, path, __VA_ARGS__)

/* "prefix.field", or "field" at the top level. */
static const char *join(char *buf, size_t cap, const char *prefix, const char *field)
{
    /* A path longer than the buffer is cut; it is only ever shown to a person. */
    if (snprintf(buf, cap, "%s%s%s", prefix, *prefix ? "." : "", field) >= (int)cap)
        buf[cap - 1] = '\0';
    return buf;
}

/* A feed value echoed in a message: at most QUOTE_MAX bytes, cut at a character. */
static const char *quote(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n <= QUOTE_MAX) {
        snprintf(buf, cap, "\"%s\"", s);
        return buf;
    }
    n = utf8_floor(s, QUOTE_MAX);
    snprintf(buf, cap, "\"%.*s...\"", (int)n, s);
    return buf;
}

static const char *kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a real number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}

/* --- values -------------------------------------------------------------------------- */

#define WHY_STRING "expected a string"
#define WHY_NUL    "contains a NUL character (\\u0000)"
#define WHY_TEXT   "expected a string or an object of translations"

/* Why v cannot be used as a C string, or NULL when it can. jansson keeps "\u0000"
 * (JSON_ALLOW_NUL) so it is refused here, with a path, instead of silently cutting. */
static const char *why_not_string(const json_t *v)
{
    if (!json_is_string(v)) return WHY_STRING;
    if (strlen(json_string_value(v)) != json_string_length(v)) return WHY_NUL;
    return NULL;
}

/* The generic combining-diacritics blocks (not the script-specific marks of Hebrew or
 * Arabic, which stack legitimately). */
static bool is_diacritic(unsigned long cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* Drops diacritics beyond FEED_MAX_MARKS in a row, in place; s is valid UTF-8 (jansson
 * checked it). */
static void cap_marks(char *s, size_t n)
{
    size_t in = 0, out = 0, run = 0;
    while (in < n) {
        unsigned char c = (unsigned char)s[in];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned long cp = len == 1 ? c : c & (0x3Fu >> (len - 1));
        for (size_t k = 1; k < len && in + k < n; k++)
            cp = (cp << 6) | ((unsigned char)s[in + k] & 0x3Fu);
        run = is_diacritic(cp) ? run + 1 : 0;
        if (run <= FEED_MAX_MARKS) {
            memmove(s + out, s + in, len);
            out += len;
        }
        in += len;
    }
    s[out] = '\0';
}

/* A copy of a text value, cut to FEED_MAX_TEXT bytes at a UTF-8 character boundary,
 * with runs of stacked diacritics capped. */
static const char *keep_text(struct parser *p, const char *s, const char *path)
{
    size_t n = strlen(s);
    if (n > FEED_MAX_TEXT) {
        n = utf8_floor(s, FEED_MAX_TEXT);
        warn(p, path, "longer than %u bytes; cut", FEED_MAX_TEXT);
    }
    char *copy = arena_strndup(p, s, n);
    if (copy) cap_marks(copy, n);
    return copy;
}

enum text_status {
    TEXT_ABSENT, /* no such field */
    TEXT_OK,
    TEXT_EMPTY, /* "" or no non-empty translation: absent for optional fields */
    TEXT_BAD,   /* wrong type: *why says how */
};

/* A usable translation: its key (for the path of a "cut" warning) and its value. */
struct tr {
    const char *key;
    const json_t *v;
};

/* The translation of obj for language lang (case-insensitive, as BCP 47 tags are).
 * Unusable entries were already reported by check_translations. */
static struct tr translation(const json_t *obj, const char *lang)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key,
                        v) if (strcasecmp(key, lang) == 0 && !why_not_string(v) &&
                               *json_string_value(v)) return (struct tr){key, v};
    return (struct tr){NULL, NULL};
}

/* Warns about translations that cannot be used; returns the first usable one. */
static struct tr check_translations(struct parser *p, const json_t *obj, const char *path)
{
    struct tr first = {NULL, NULL};
    const json_t *v;
    const char *key;
    char at[PATH_MAX_LEN];
    json_object_foreach((json_t *)obj, key, v)
    {
        const char *why = why_not_string(v);
        if (why)
            warn(p, join(at, sizeof at, path, key), "%s" IGNORED, why);
        else if (!first.v && *json_string_value(v))
            first = (struct tr){key, v};
    }
    return first;
}

/* Fills out->v[i] for every feed language: own translation, else the primary language's,
 * else the first feed language present, else the first usable key of the object. */
static enum text_status text_object(struct parser *p, const json_t *obj, const char *path,
                                    struct ltext *out)
{
    const struct feed *f = p->feed;
    struct tr own[FEED_MAX_LANGS], fallback = check_translations(p, obj, path);
    const char *copy[FEED_MAX_LANGS];
    const json_t *src[FEED_MAX_LANGS];
    char at[PATH_MAX_LEN];
    if (!fallback.v) return TEXT_EMPTY;
    for (size_t i = f->n_langs; i-- > 0;) {
        own[i] = translation(obj, f->langs[i]);
        fallback = own[i].v ? own[i] : fallback;
    }
    for (size_t i = 0; i < f->n_langs; i++) {
        const struct tr *t = own[i].v ? &own[i] : own[0].v ? &own[0] : &fallback;
        src[i] = t->v;
        copy[i] = NULL;
        for (size_t j = 0; j < i && !copy[i]; j++) /* one copy per distinct translation */
            copy[i] = src[j] == src[i] ? copy[j] : NULL;
        if (!copy[i])
            copy[i] = keep_text(p, json_string_value(t->v), join(at, sizeof at, path, t->key));
        out->v[i] = copy[i];
    }
    return TEXT_OK;
}

/* Parses a TEXT (a string or an object of translations) into out. */
static enum text_status text_parse(struct parser *p, const json_t *v, const char *path,
                                   struct ltext *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (!v) return TEXT_ABSENT;
    if (json_is_object(v)) return text_object(p, v, path, out);
    *why = json_is_string(v) ? why_not_string(v) : WHY_TEXT;
    if (*why) return TEXT_BAD;
    if (!*json_string_value(v)) return TEXT_EMPTY;
    const char *s = keep_text(p, json_string_value(v), path);
    for (size_t i = 0; i < p->feed->n_langs; i++)
        out->v[i] = s;
    return TEXT_OK;
}

static const char *empty_why(const json_t *v)
{
    return json_is_string(v) ? "empty text" : "no text in any language";
}

/* A required TEXT field; false (reported with the given consequence) when unusable. */
static bool text_required(struct parser *p, enum feed_severity sev, const json_t *obj,
                          const char *prefix, const char *field, const char *then,
                          struct ltext *out)
{
    char at[PATH_MAX_LEN];
    const char *why = NULL;
    const json_t *v = json_object_get(obj, field);
    join(at, sizeof at, prefix, field);
    switch (text_parse(p, v, at, out, &why)) {
    case TEXT_OK:
        return true;
    case TEXT_ABSENT:
        why = "missing required field";
        break;
    case TEXT_EMPTY:
        why = empty_why(v);
        break;
    case TEXT_BAD:
        break;
    }
    problem(p, sev, at, "%s%s", why, then);
    return false;
}

/* An optional TEXT field: problems are warnings and the field is left absent. */
static void text_optional(struct parser *p, const json_t *obj, const char *prefix,
                          const char *field, struct ltext *out)
{
    char at[PATH_MAX_LEN];
    const char *why = NULL;
    join(at, sizeof at, prefix, field);
    if (text_parse(p, json_object_get(obj, field), at, out, &why) == TEXT_BAD)
        warn(p, at, "%s" IGNORED, why);
}

/* An optional URL field (logo, image, link), resolved against the feed's location. */
static const char *url_optional(struct parser *p, const json_t *obj, const char *prefix,
                                const char *field)
{
    char at[PATH_MAX_LEN], q[QUOTE_MAX + 8];
    const json_t *v = json_object_get(obj, field);
    if (!v) return NULL;
    join(at, sizeof at, prefix, field);
    const char *why = why_not_string(v);
    if (why) {
        warn(p, at, "%s" IGNORED, why);
        return NULL;
    }
    const char *ref = json_string_value(v);
    if (!*ref) /* as for texts, "" is how many CMSs say "none" */
        return NULL;
    if (strlen(ref) > FEED_MAX_TEXT) {
        warn(p, at, "longer than %u bytes" IGNORED, FEED_MAX_TEXT);
        return NULL;
    }
    char *url = url_resolve(p->base, ref);
    if (!url) {
        warn(p, at, "unusable URL %s (expected http, https or a path)" IGNORED,
             quote(q, sizeof q, ref));
        return NULL;
    }
    /* A link becomes a QR code for phones: a path on this screen's disk means nothing
     * there (a relative link in a feed read from a file resolves to one). */
    if (strcmp(field, "link") == 0 && !url_is_remote(url)) {
        warn(p, at, "%s is not an http or https address (phones cannot open it)" IGNORED,
             quote(q, sizeof q, ref));
        free(url);
        return NULL;
    }
    const char *out = arena_strndup(p, url, strlen(url));
    free(url);
    return out;
}

static bool parse_duration(const json_t *v, int *ms)
{
    if (!json_is_number(v)) return false;
    double s = json_number_value(v);
    if (!(s >= FEED_MIN_DURATION && s <= FEED_MAX_DURATION)) return false;
    *ms = (int)(s * 1000.0 + 0.5);
    return true;
}

static bool parse_transition(const json_t *v, enum transition *out)
{
    static const char *const names[] = {
        [TRANSITION_FADE] = "fade", [TRANSITION_SLIDE] = "slide", [TRANSITION_CUT] = "cut"};
    for (size_t i = 0; json_is_string(v) && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(json_string_value(v), names[i]) == 0) {
            *out = (enum transition)i;
            return true;
        }
    return false;
}

/* --- the document -------------------------------------------------------------------- */

/* True when a container sits deeper than FEED_MAX_DEPTH (the top object is level 1). */
static bool too_deep(const json_t *v, int level)
{
    const char *key;
    const json_t *child;
    size_t i;
    if (level > FEED_MAX_DEPTH) return true;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key,
                            child) if ((json_is_object(child) || json_is_array(child)) &&
                                       too_deep(child, level + 1)) return true;
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, child) if ((json_is_object(child) || json_is_array(child)) &&
                                            too_deep(child, level + 1)) return true;
    }
    return false;
}

static bool check_version(struct parser *p, const json_t *root)
{
    const json_t *v = json_object_get(root, "vitrine");
    if (!v) {
        error(p, "vitrine", "missing: not a vitrine feed (expected \"vitrine\": 1)");
        return false;
    }
    if (!json_is_integer(v)) {
        error(p, "vitrine", "expected the integer 1, found %s", kind(v));
        return false;
    }
    if (json_integer_value(v) != 1) {
        error(p, "vitrine", "unsupported format version %" JSON_INTEGER_FORMAT " (expected 1)",
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
    const char *copy = arena_strndup(p, code, strlen(code));
    if (copy) f->langs[f->n_langs++] = copy;
}

/* One entry of "languages"; kept when it is a new, well-formed code. */
static void parse_lang(struct parser *p, const json_t *v, size_t i)
{
    char at[32], q[QUOTE_MAX + 8];
    const struct feed *f = p->feed;
    snprintf(at, sizeof at, "languages[%zu]", i);
    if (why_not_string(v)) {
        warn(p, at, "expected a language code such as \"fr\"" IGNORED);
        return;
    }
    const char *code = json_string_value(v);
    if (!lang_code_ok(code)) {
        warn(p, at, "invalid language code %s" IGNORED, quote(q, sizeof q, code));
        return;
    }
    for (size_t j = 0; j < f->n_langs; j++)
        if (strcasecmp(f->langs[j], code) == 0) {
            warn(p, at, "duplicate language %s" IGNORED, quote(q, sizeof q, code));
            return;
        }
    if (f->n_langs == FEED_MAX_LANGS) {
        warn(p, at, "more than %d languages" IGNORED, FEED_MAX_LANGS);
        return;
    }
    add_lang(p, code);
}

static void parse_languages(struct parser *p, const json_t *root)
{
    const json_t *v = json_object_get(root, "languages"), *item;
    size_t i;
    if (v && !json_is_array(v))
        warn(p, "languages", "expected an array of language codes; using [\"fr\", \"en\"]");
    if (!json_is_array(v)) {
        add_lang(p, "fr");
        add_lang(p, "en");
        return;
    }
    json_array_foreach(v, i, item) parse_lang(p, item, i);
    if (p->feed->n_langs == 0) error(p, "languages", "no usable language");
}

static bool tz_name_ok(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-/");
    return s[n] == '\0' && n > 0 && n <= TZ_NAME_MAX && s[0] != '/' && !strstr(s, "..");
}

static bool tz_exists(const char *name)
{
    char path[sizeof ZONEINFO_DIR + TZ_NAME_MAX + 1];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", ZONEINFO_DIR, name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void parse_timezone(struct parser *p, const json_t *event)
{
    char q[QUOTE_MAX + 8];
    const json_t *v = json_object_get(event, "timezone");
    p->feed->timezone = DEFAULT_TZ;
    if (!v) return;
    const char *why = why_not_string(v);
    if (why) {
        warn(p, "event.timezone", "%s; using " DEFAULT_TZ, why);
        return;
    }
    const char *name = json_string_value(v);
    if (!tz_name_ok(name) || !tz_exists(name)) {
        warn(p, "event.timezone", "unknown time zone %s; using " DEFAULT_TZ,
             quote(q, sizeof q, name));
        return;
    }
    const char *copy = arena_strndup(p, name, strlen(name));
    p->feed->timezone = copy ? copy : DEFAULT_TZ;
}

static void parse_event(struct parser *p, const json_t *root)
{
    const json_t *event = json_object_get(root, "event");
    if (!event) {
        error(p, "event", "missing required field");
        return;
    }
    if (!json_is_object(event)) {
        error(p, "event", "expected an object");
        return;
    }
    if (p->feed->n_langs > 0)
        text_required(p, FEED_ERROR, event, "event", "name", "", &p->feed->event_name);
    parse_timezone(p, event);
}

static void parse_defaults(struct parser *p, const json_t *root)
{
    const json_t *d = json_object_get(root, "defaults");
    p->default_ms = FEED_DEFAULT_DURATION * 1000;
    p->default_transition = TRANSITION_FADE;
    if (!d) return;
    if (!json_is_object(d)) {
        warn(p, "defaults", "expected an object" IGNORED);
        return;
    }
    const json_t *dur = json_object_get(d, "duration"), *tr = json_object_get(d, "transition");
    if (dur && !parse_duration(dur, &p->default_ms))
        warn(p, "defaults.duration", "expected a number of seconds from %d to %d; using %d",
             FEED_MIN_DURATION, FEED_MAX_DURATION, FEED_DEFAULT_DURATION);
    if (tr && !parse_transition(tr, &p->default_transition))
        warn(p, "defaults.transition", "expected \"fade\", \"slide\" or \"cut\"; using fade");
}

/* --- slides -------------------------------------------------------------------------- */

/* The slide's id, unique among the slides accepted so far (parse_slide registers it). */
static bool parse_id(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    char path[PATH_MAX_LEN], q[QUOTE_MAX + 8];
    const json_t *v = json_object_get(js, "id");
    join(path, sizeof path, at, "id");
    if (!v) {
        warn(p, path, "missing required field" SKIPPED);
        return false;
    }
    const char *why = why_not_string(v);
    if (!why && !*json_string_value(v)) why = "expected a non-empty string";
    if (why) {
        warn(p, path, "%s" SKIPPED, why);
        return false;
    }
    if (json_string_length(v) > FEED_MAX_TEXT) { /* cutting could make two ids equal */
        warn(p, path, "longer than %u bytes" SKIPPED, FEED_MAX_TEXT);
        return false;
    }
    const char *id = json_string_value(v);
    const json_t *first = json_object_get(p->ids, id);
    if (first) {
        warn(p, path, "duplicate id %s (first used by slides[%" JSON_INTEGER_FORMAT "])" SKIPPED,
             quote(q, sizeof q, id), json_integer_value(first));
        return false;
    }
    s->id = arena_strndup(p, id, strlen(id));
    return s->id != NULL;
}

static bool parse_type(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    static const char *const names[] = {[SLIDE_PARTNER] = "partner",
                                        [SLIDE_DELEGATION] = "delegation",
                                        [SLIDE_ANNOUNCEMENT] = "announcement"};
    char path[PATH_MAX_LEN], q[QUOTE_MAX + 8];
    const json_t *v = json_object_get(js, "type");
    join(path, sizeof path, at, "type");
    if (!v) {
        warn(p, path, "missing required field" SKIPPED);
        return false;
    }
    const char *why = why_not_string(v);
    if (why) {
        warn(p, path, "%s" SKIPPED, why);
        return false;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(json_string_value(v), names[i]) == 0) {
            s->type = (enum slide_type)i;
            return true;
        }
    warn(p, path, "unknown slide type %s (expected partner, delegation or announcement)" SKIPPED,
         quote(q, sizeof q, json_string_value(v)));
    return false;
}

static bool parse_time_field(struct parser *p, const json_t *js, const char *at, const char *field,
                             int64_t *out)
{
    char path[PATH_MAX_LEN], q[QUOTE_MAX + 8];
    const json_t *v = json_object_get(js, field);
    *out = FEED_NO_TIME;
    if (!v) return true;
    join(path, sizeof path, at, field);
    if (why_not_string(v)) {
        warn(p, path, "expected an RFC 3339 date-time string" SKIPPED);
        return false;
    }
    if (!rfc3339_parse(json_string_value(v), out)) {
        warn(p, path, "invalid date-time %s (expected e.g. \"2026-12-08T09:00:00-05:00\")" SKIPPED,
             quote(q, sizeof q, json_string_value(v)));
        return false;
    }
    return true;
}

static bool parse_window(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    char path[PATH_MAX_LEN];
    if (!parse_time_field(p, js, at, "start", &s->start) ||
        !parse_time_field(p, js, at, "end", &s->end))
        return false;
    if (s->start != FEED_NO_TIME && s->end != FEED_NO_TIME && s->end <= s->start) {
        warn(p, join(path, sizeof path, at, "end"), "not after start" SKIPPED);
        return false;
    }
    return true;
}

/* duration, transition, urgent: a bad value is ignored and the default used. */
static void parse_common(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    char path[PATH_MAX_LEN];
    const json_t *dur = json_object_get(js, "duration"), *tr = json_object_get(js, "transition");
    const json_t *urgent = json_object_get(js, "urgent");
    s->duration_ms = p->default_ms;
    s->transition = p->default_transition;
    if (dur && !parse_duration(dur, &s->duration_ms))
        warn(p, join(path, sizeof path, at, "duration"),
             "expected a number of seconds from %d to %d; using the default", FEED_MIN_DURATION,
             FEED_MAX_DURATION);
    if (tr && !parse_transition(tr, &s->transition))
        warn(p, join(path, sizeof path, at, "transition"),
             "expected \"fade\", \"slide\" or \"cut\"; using the default");
    if (urgent && !json_is_boolean(urgent))
        warn(p, join(path, sizeof path, at, "urgent"), "expected true or false" IGNORED);
    s->urgent = json_is_true(urgent);
}

static bool parse_member(struct parser *p, const json_t *js, const char *at, struct member *m)
{
    char path[PATH_MAX_LEN];
    if (!json_is_object(js)) {
        warn(p, at, "expected an object" MEMBER_SKIP);
        return false;
    }
    const json_t *name = json_object_get(js, "name");
    join(path, sizeof path, at, "name");
    const char *why = name ? why_not_string(name) : "missing required field";
    if (!why && !*json_string_value(name)) why = "empty text";
    if (why) {
        warn(p, path, "%s" MEMBER_SKIP, why);
        return false;
    }
    m->name = keep_text(p, json_string_value(name), path);
    text_optional(p, js, at, "role", &m->role);
    return m->name != NULL;
}

static bool parse_members(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    char path[PATH_MAX_LEN], mat[PATH_MAX_LEN + 24];
    const json_t *arr = json_object_get(js, "members"), *item;
    size_t i;
    join(path, sizeof path, at, "members");
    if (!json_is_array(arr)) {
        warn(p, path, "%s" SKIPPED, arr ? "expected an array" : "missing required field");
        return false;
    }
    size_t n = json_array_size(arr);
    if (n > FEED_MAX_MEMBERS) {
        warn(p, path, "more than %d members; the rest ignored", FEED_MAX_MEMBERS);
        n = FEED_MAX_MEMBERS;
    }
    struct member *members = n ? arena_alloc(p, n * sizeof *members) : NULL;
    if (n && !members) return false;
    json_array_foreach(arr, i, item)
    {
        if (i == n) break;
        snprintf(mat, sizeof mat, "%s[%zu]", path, i);
        if (parse_member(p, item, mat, &members[s->n_members])) s->n_members++;
    }
    s->members = members;
    return true;
}

static bool parse_partner(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    if (!text_required(p, FEED_WARNING, js, at, "name", SKIPPED, &s->title)) return false;
    s->image = url_optional(p, js, at, "logo");
    text_optional(p, js, at, "tagline", &s->subtitle);
    text_optional(p, js, at, "text", &s->text);
    return true;
}

static bool parse_delegation(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    if (!text_required(p, FEED_WARNING, js, at, "title", SKIPPED, &s->title) ||
        !parse_members(p, js, at, s))
        return false;
    text_optional(p, js, at, "origin", &s->subtitle);
    text_optional(p, js, at, "when", &s->when);
    text_optional(p, js, at, "text", &s->text);
    return true;
}

static bool parse_announcement(struct parser *p, const json_t *js, const char *at, struct slide *s)
{
    if (!text_required(p, FEED_WARNING, js, at, "title", SKIPPED, &s->title)) return false;
    text_optional(p, js, at, "text", &s->text);
    s->image = url_optional(p, js, at, "image");
    text_optional(p, js, at, "when", &s->when);
    text_optional(p, js, at, "where", &s->where);
    s->link = url_optional(p, js, at, "link");
    return true;
}

/* Fills s from slides[index]; false (already reported) when the slide is skipped. */
static bool parse_slide(struct parser *p, const json_t *js, size_t index, struct slide *s)
{
    char at[32];
    snprintf(at, sizeof at, "slides[%zu]", index);
    memset(s, 0, sizeof *s);
    if (!json_is_object(js)) {
        warn(p, at, "expected an object" SKIPPED);
        return false;
    }
    if (!parse_id(p, js, at, s) || !parse_type(p, js, at, s) || !parse_window(p, js, at, s))
        return false;
    parse_common(p, js, at, s);
    bool ok = false;
    switch (s->type) {
    case SLIDE_PARTNER:
        ok = parse_partner(p, js, at, s);
        break;
    case SLIDE_DELEGATION:
        ok = parse_delegation(p, js, at, s);
        break;
    case SLIDE_ANNOUNCEMENT:
        ok = parse_announcement(p, js, at, s);
        break;
    }
    /* Only a slide that is shown claims its id: a skipped one must not take a valid
     * slide down with it. */
    if (ok && json_object_set_new(p->ids, s->id, json_integer((json_int_t)index))) p->oom = true;
    return ok;
}

static void parse_slides(struct parser *p, const json_t *root)
{
    struct feed *f = p->feed;
    const json_t *arr = json_object_get(root, "slides"), *item;
    size_t i;
    if (!json_is_array(arr)) {
        error(p, "slides", "%s", arr ? "expected an array" : "missing required field");
        return;
    }
    size_t n = json_array_size(arr);
    if (n > FEED_MAX_SLIDES) {
        warn(p, "slides", "more than %d slides; the rest ignored", FEED_MAX_SLIDES);
        n = FEED_MAX_SLIDES;
    }
    p->ids = json_object();
    f->slides = n ? arena_alloc(p, n * sizeof *f->slides) : NULL;
    if (!p->ids || (n && !f->slides)) {
        p->oom = true;
        return;
    }
    json_array_foreach(arr, i, item)
    {
        if (i == n || p->oom) break;
        if (parse_slide(p, item, i, &f->slides[f->n_slides])) f->n_slides++;
    }
    if (f->n_slides == 0) error(p, "slides", "no usable slide");
}

/* Validates a parsed document into p->feed; false when it must be rejected. */
static bool build(struct parser *p, const json_t *root)
{
    if (!json_is_object(root)) {
        error(p, "", "expected a JSON object at the top level, found %s", kind(root));
        return false;
    }
    if (too_deep(root, 1)) {
        error(p, "", "nested deeper than %d levels", FEED_MAX_DEPTH);
        return false;
    }
    if (!check_version(p, root)) return false;
    parse_languages(p, root);
    parse_event(p, root);
    parse_defaults(p, root);
    parse_slides(p, root);
    if (p->oom) error(p, "", "out of memory");
    return p->errors == 0;
}

struct feed *feed_parse(const char *json, size_t len, const char *base, feed_report_fn report,
                        void *ctx)
{
    struct parser p = {.base = base, .report = report, .ctx = ctx};
    json_error_t err;
    if (len > FEED_MAX_BYTES) {
        error(&p, "", "larger than %u bytes", FEED_MAX_BYTES);
        return NULL;
    }
    /* ALLOW_NUL: a "\u0000" is refused by this file with its path, not by jansson with
     * a message naming a jansson flag. */
    json_t *root =
        json_loadb(json ? json : "", json ? len : 0, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
    if (!root) {
        error(&p, "", "not valid JSON at line %d, column %d: %s", err.line, err.column, err.text);
        return NULL;
    }
    p.feed = calloc(1, sizeof *p.feed);
    if (!p.feed) {
        json_decref(root);
        error(&p, "", "out of memory");
        return NULL;
    }
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
    char why[PATH_MAX_LEN + 128];
    /* One byte over the limit, so feed_parse tells "too big" with its usual sentence. */
    if (!file_read(path, FEED_MAX_BYTES + 1, &buf, &n, why, sizeof why)) {
        struct parser p = {.report = report, .ctx = ctx};
        error(&p, "", "%s", why);
        return NULL;
    }
    struct feed *f = feed_parse((const char *)buf, n, path, report, ctx);
    free(buf);
    return f;
}

void feed_free(struct feed *feed)
{
    if (!feed) return;
    for (struct block *b = feed->arena, *next; b; b = next) {
        next = b->next;
        free(b);
    }
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
