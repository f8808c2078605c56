/* placement — "hours", "weight" and "screens" of a slide (see placement.h). */
#include "placement.h"

#include "feedparse.h"
#include "hours.h"
#include "weights.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Carries the feed's reporter into hours_parse's, whose problems all skip the slide. */
static void hours_problem(void *ctx, const char *path, const char *message)
{
    feedparse_warn(ctx, path, "%s" FEEDPARSE_SKIPPED, message);
}

static bool parse_hours(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX];
    const json_t *v = json_object_get(js, "hours");
    s->hours.n = 0;
    if (!v) return true;
    feedparse_join(path, sizeof path, at, "hours");
    return hours_parse(v, path, &s->hours, hours_problem, p);
}

static void parse_weight(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX];
    const json_t *v = json_object_get(js, "weight");
    s->weight = WEIGHTS_MIN;
    if (!v) return;
    if (json_is_integer(v) && json_integer_value(v) >= WEIGHTS_MIN &&
        json_integer_value(v) <= WEIGHTS_MAX) {
        s->weight = (int)json_integer_value(v);
        return;
    }
    feedparse_warn(p, feedparse_join(path, sizeof path, at, "weight"),
                   "expected a whole number from %d to %d; using 1", WEIGHTS_MIN, WEIGHTS_MAX);
}

/* A screen name: what `screen = NAME` accepts, so a typo cannot hide a slide. */
static bool screen_name_ok(const char *s)
{
    const size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
    return n > 0 && s[n] == '\0' && n <= FEED_MAX_SCREEN_NAME;
}

static bool parse_screens(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    char path[FEEDPARSE_PATH_MAX], item_at[FEEDPARSE_PATH_MAX + 24];
    const json_t *v = json_object_get(js, "screens"), *item;
    size_t i;
    s->screens = NULL;
    s->n_screens = 0;
    if (!v) return true;
    feedparse_join(path, sizeof path, at, "screens");
    if (!json_is_array(v) || json_array_size(v) == 0) {
        feedparse_warn(p, path, "expected a non-empty array of screen names" FEEDPARSE_SKIPPED);
        return false;
    }
    if (json_array_size(v) > FEED_MAX_SCREENS) {
        feedparse_warn(p, path, "more than %d screens" FEEDPARSE_SKIPPED, FEED_MAX_SCREENS);
        return false;
    }
    const char **names = feedparse_alloc(p, json_array_size(v) * sizeof *names);
    if (!names) return false;
    json_array_foreach(v, i, item) {
        snprintf(item_at, sizeof item_at, "%s[%zu]", path, i);
        if (feedparse_why_not_string(item) || !screen_name_ok(json_string_value(item))) {
            feedparse_warn(p, item_at,
                           "expected a screen name such as \"lobby\" (letters, digits, - _ ., "
                           "at most %d)" FEEDPARSE_SKIPPED,
                           FEED_MAX_SCREEN_NAME);
            return false;
        }
        if (!(names[i] = feedparse_copy(p, json_string_value(item)))) return false;
    }
    s->screens = names;
    s->n_screens = json_array_size(v);
    return true;
}

bool placement_parse(struct feedparse *p, const json_t *js, const char *at, struct slide *s)
{
    parse_weight(p, js, at, s);
    return parse_hours(p, js, at, s) && parse_screens(p, js, at, s);
}

bool placement_for_screen(const struct slide *s, const char *screen)
{
    if (s->n_screens == 0) return true;
    if (!screen || !*screen) return false;
    for (size_t i = 0; i < s->n_screens; i++)
        if (strcasecmp(s->screens[i], screen) == 0) return true;
    return false;
}
