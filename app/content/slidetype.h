/* slidetype — the slide types of the feed format: one parser each, and the table that
 * names them. Internal to the feed parser (feed.c looks a slide's "type" up here, after
 * reading the fields every slide has: id, window, duration, transition, urgent).
 *
 * A new slide type is: a value of enum slide_type and its fields in struct slide
 * (feed.h), a parse function and a row here, its format in docs/feed-format.md, and a
 * design on the screen side. Pure; any thread. */
#ifndef VITRINE_SLIDETYPE_H
#define VITRINE_SLIDETYPE_H

#include "feed.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct feedparse;

/* Fills the type's own fields of s from the slide object js at JSON path at (e.g.
 * "slides[3]"); false, reported with FEEDPARSE_SKIPPED, when the slide cannot be shown. */
typedef bool (*slidetype_parse_fn)(struct feedparse *p, const json_t *js, const char *at,
                                   struct slide *s);

struct slidetype {
    const char *name; /* the feed's "type" */
    enum slide_type type;
    slidetype_parse_fn parse;
};

/* The type called name, or NULL. */
const struct slidetype *slidetype_find(const char *name);

/* Every type name as a message lists them, "partner, delegation or announcement", into
 * buf (cut when longer). */
void slidetype_list(char *buf, size_t cap);

#endif
