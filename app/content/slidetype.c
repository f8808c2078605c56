/* slidetype — partner, delegation, announcement and sessions slides (see slidetype.h and
 * docs/feed-format.md). Each parser reads its fields in the order the format lists
 * them, so problems are reported in that order. */
#include "slidetype.h"

#include "feedparse.h"
#include "roomstatus.h"

#include <stdio.h>
#include <string.h>

#define MEMBER_SKIPPED "; member skipped"

static bool parse_member(struct feedparse *p, const json_t *js, const char *at, struct member *m)
{
    char path[FEEDPARSE_PATH_MAX];
    if (!json_is_object(js)) {
        feedparse_warn(p, at, "expected an object" MEMBER_SKIPPED);
        return false;
    }
    const json_t *name = json_object_get(js, "name");
    feedparse_join(path, sizeof path, at, "name");
    const char *why = name ? feedparse_why_not_string(name) : "missing required field";
    if (!why && !*json_string_value(name)) why = "empty text";
    if (why) {
        feedparse_warn(p, path, "%s" MEMBER_SKIPPED, why);
        return false;
    }
    m->name = feedparse_keep_text(p, json_string_value(name), path);
    feedparse_text_optional(p, js, at, "role", &m->role);
    return m->name != NULL;
}

static bool parse_members(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX], mat[FEEDPARSE_PATH_MAX + 24];
    const json_t *arr = json_object_get(js, "members"), *item;
    size_t i;
    feedparse_join(path, sizeof path, at, "members");
    if (!json_is_array(arr)) {
        feedparse_warn(p, path, "%s" FEEDPARSE_SKIPPED,
                       arr ? "expected an array" : "missing required field");
        return false;
    }
    size_t n = json_array_size(arr);
    if (n > FEED_MAX_MEMBERS) {
        feedparse_warn(p, path, "more than %d members; the rest ignored", FEED_MAX_MEMBERS);
        n = FEED_MAX_MEMBERS;
    }
    struct member *members = n ? feedparse_alloc(p, n * sizeof *members) : NULL;
    if (n && !members) return false;
    json_array_foreach(arr, i, item) {
        if (i == n) break;
        snprintf(mat, sizeof mat, "%s[%zu]", path, i);
        if (parse_member(p, item, mat, &members[s->n_members])) s->n_members++;
    }
    s->members = members;
    return true;
}

static bool parse_partner(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    if (!feedparse_text_required(p, FEED_WARNING, js, at, "name", FEEDPARSE_SKIPPED, &s->title))
        return false;
    s->image = feedparse_image(p, js, at, "logo", &s->image_sha256);
    feedparse_text_optional(p, js, at, "tagline", &s->subtitle);
    feedparse_text_optional(p, js, at, "text", &s->text);
    return true;
}

static bool parse_delegation(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    if (!feedparse_text_required(p, FEED_WARNING, js, at, "title", FEEDPARSE_SKIPPED, &s->title) ||
        !parse_members(p, js, at, s))
        return false;
    feedparse_text_optional(p, js, at, "origin", &s->subtitle);
    feedparse_text_optional(p, js, at, "when", &s->when);
    feedparse_text_optional(p, js, at, "text", &s->text);
    return true;
}

static bool parse_announcement(struct feedparse *p, const json_t *js, const char *at,
                               struct slide *s)
{
    if (!feedparse_text_required(p, FEED_WARNING, js, at, "title", FEEDPARSE_SKIPPED, &s->title))
        return false;
    feedparse_text_optional(p, js, at, "text", &s->text);
    s->image = feedparse_image(p, js, at, "image", &s->image_sha256);
    feedparse_text_optional(p, js, at, "when", &s->when);
    feedparse_text_optional(p, js, at, "where", &s->where);
    s->link = feedparse_url_optional(p, js, at, "link");
    return true;
}

/* "rooms": the names of the export's rooms to show, in the board's order. */
static bool parse_rooms(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX], iat[FEEDPARSE_PATH_MAX + 24];
    const json_t *v = json_object_get(js, "rooms"), *item;
    size_t i;
    if (!v) return true;
    feedparse_join(path, sizeof path, at, "rooms");
    if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > FEED_MAX_ROOMS) {
        feedparse_warn(p, path, "expected an array of 1 to %d room names" FEEDPARSE_SKIPPED,
                       FEED_MAX_ROOMS);
        return false;
    }
    const char **names = feedparse_alloc(p, json_array_size(v) * sizeof *names);
    if (!names) return false;
    json_array_foreach(v, i, item) {
        snprintf(iat, sizeof iat, "%s[%zu]", path, i);
        if (feedparse_why_not_string(item) || !*json_string_value(item)) {
            feedparse_warn(p, iat,
                           "expected a room name as the export spells it" FEEDPARSE_SKIPPED);
            return false;
        }
        if (!(names[i] = feedparse_keep_text(p, json_string_value(item), iat))) return false;
    }
    s->rooms = names;
    s->n_rooms = json_array_size(v);
    return true;
}

/* A string member of a status entry, or NULL (absent, or not a non-empty string). */
static const char *entry_string(struct feedparse *p, const json_t *e, const char *field,
                                const char *at)
{
    const json_t *v = json_object_get(e, field);
    return json_is_string(v) && *json_string_value(v)
               ? feedparse_keep_text(p, json_string_value(v), at)
               : NULL;
}

/* One "status" entry: {"room" or "talk", "state": "full"|"cancelled"|"moved", "to"?,
 * "note"?}. False (warned, the entry ignored) when it cannot be used. */
static bool parse_status_entry(struct feedparse *p, const json_t *e, const char *at,
                               struct roomstatus *out)
{
    char path[FEEDPARSE_PATH_MAX];
    const json_t *state = json_object_get(e, "state");
    if (!json_is_object(e)) {
        feedparse_warn(p, at, "expected an object" FEEDPARSE_IGNORED);
        return false;
    }
    out->room = entry_string(p, e, "room", at);
    out->talk = entry_string(p, e, "talk", at);
    if (!out->room == !out->talk) {
        feedparse_warn(p, at,
                       "expected either \"room\" (a room name) or \"talk\" (a talk's "
                       "guid or id)" FEEDPARSE_IGNORED);
        return false;
    }
    if (!json_is_string(state) || !roomstatus_parse_state(json_string_value(state), &out->state)) {
        feedparse_warn(p, feedparse_join(path, sizeof path, at, "state"),
                       "expected \"full\", \"cancelled\" or \"moved\"" FEEDPARSE_IGNORED);
        return false;
    }
    out->moved_to = entry_string(p, e, "to", at);
    struct ltext *note = feedparse_alloc(p, sizeof *note);
    if (!note) return false;
    feedparse_text_optional(p, e, at, "note", note);
    out->note = note->v[0] ? note : NULL;
    return true;
}

static void parse_status(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX], iat[FEEDPARSE_PATH_MAX + 24];
    const json_t *v = json_object_get(js, "status"), *item;
    size_t i;
    if (!v) return;
    feedparse_join(path, sizeof path, at, "status");
    if (!json_is_array(v)) {
        feedparse_warn(p, path, "expected an array of room or talk states" FEEDPARSE_IGNORED);
        return;
    }
    size_t n = json_array_size(v);
    if (n > FEED_MAX_STATUS) {
        feedparse_warn(p, path, "more than %d entries; the rest ignored", FEED_MAX_STATUS);
        n = FEED_MAX_STATUS;
    }
    struct roomstatus *list = n ? feedparse_alloc(p, n * sizeof *list) : NULL;
    if (n && !list) return;
    json_array_foreach(v, i, item) {
        if (i == n) break;
        snprintf(iat, sizeof iat, "%s[%zu]", path, i);
        if (parse_status_entry(p, item, iat, &list[s->n_status])) s->n_status++;
    }
    s->status = list;
}

static bool parse_sessions(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX];
    s->source = feedparse_url_optional(p, js, at, "source");
    if (!s->source) { /* an unusable one was just reported as ignored: say what follows */
        feedparse_warn(p, feedparse_join(path, sizeof path, at, "source"), "%s" FEEDPARSE_SKIPPED,
                       json_object_get(js, "source")
                           ? "no usable schedule export URL"
                           : "missing required field (the schedule export's URL)");
        return false;
    }
    if (!parse_rooms(p, js, at, s)) return false;
    feedparse_text_optional(p, js, at, "title", &s->title);
    parse_status(p, js, at, s);
    return true;
}

static const struct slidetype types[] = {
    {"partner", SLIDE_PARTNER, parse_partner},
    {"delegation", SLIDE_DELEGATION, parse_delegation},
    {"announcement", SLIDE_ANNOUNCEMENT, parse_announcement},
    {"sessions", SLIDE_SESSIONS, parse_sessions},
};

#define N_TYPES (sizeof types / sizeof types[0])

const struct slidetype *slidetype_find(const char *name)
{
    for (size_t i = 0; i < N_TYPES; i++)
        if (strcmp(name, types[i].name) == 0) return &types[i];
    return NULL;
}

void slidetype_list(char *buf, size_t cap)
{
    size_t used = 0;
    if (cap == 0) return;
    buf[0] = '\0';
    for (size_t i = 0; i < N_TYPES && used < cap; i++) {
        const char *sep = i == 0 ? "" : i + 1 == N_TYPES ? " or " : ", ";
        int n = snprintf(buf + used, cap - used, "%s%s", sep, types[i].name);
        if (n < 0) break;
        used += (size_t)n;
    }
}
