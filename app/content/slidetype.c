/* slidetype — partner, delegation and announcement slides (see slidetype.h and
 * docs/feed-format.md). Each parser reads its fields in the order the format lists
 * them, so problems are reported in that order. */
#include "slidetype.h"

#include "feedparse.h"

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

static const struct slidetype types[] = {
    {"partner", SLIDE_PARTNER, parse_partner},
    {"delegation", SLIDE_DELEGATION, parse_delegation},
    {"announcement", SLIDE_ANNOUNCEMENT, parse_announcement},
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
