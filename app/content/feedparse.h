/* feedparse — the feed parser's toolkit, shared by the document (feed.c) and the slide
 * types (slidetype.c): reading one JSON value into what a struct feed keeps (texts in
 * every language with their fallbacks, URLs, durations, transitions), and reporting a
 * problem with its JSON path. Internal to the feed parser: nothing outside content/
 * includes it. Pure; the state of one parse is a struct feedparse on the caller's stack,
 * so concurrent parses share nothing. */
#ifndef VITRINE_FEEDPARSE_H
#define VITRINE_FEEDPARSE_H

#include "feed.h"
#include "log.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define FEEDPARSE_PATH_MAX  256                       /* bytes of one JSON location */
#define FEEDPARSE_QUOTE_MAX 48                        /* bytes of a feed value in a message */
#define FEEDPARSE_QUOTE_BUF (FEEDPARSE_QUOTE_MAX + 8) /* feedparse_quote's buffer */

/* The consequence a warning ends with, so a technician knows what will be on screen. */
#define FEEDPARSE_SKIPPED "; slide skipped"
#define FEEDPARSE_IGNORED "; ignored"

struct arena;

/* What every reader needs during one feed_parse() call. */
struct feedparse {
    struct arena *arena;      /* the feed's: every value kept is copied there */
    const char *const *langs; /* the feed's languages, primary first; set once read */
    size_t n_langs;
    const char *base;      /* the feed's location, for relative URLs, or NULL */
    feed_report_fn report; /* may be NULL */
    void *ctx;
    int errors; /* FEED_ERRORs reported so far: any rejects the feed */
    bool oom;   /* an allocation failed: the feed is rejected */
};

/* --- problems --- */

/* Reports one problem at path, with control characters scrubbed from both. */
void feedparse_problem(struct feedparse *p, enum feed_severity sev, const char *path,
                       const char *fmt, ...) LOG_PRINTF(4, 5);
#define feedparse_warn(p, path, ...)  feedparse_problem(p, FEED_WARNING, path, __VA_ARGS__)
#define feedparse_error(p, path, ...) feedparse_problem(p, FEED_ERROR, path, __VA_ARGS__)

/* "prefix.field", or "field" at the top level, in buf (cut when longer). Returns buf. */
const char *feedparse_join(char *buf, size_t cap, const char *prefix, const char *field);

/* A feed value as a message echoes it: "\"...\"", cut at a character after
 * FEEDPARSE_QUOTE_MAX bytes. buf holds FEEDPARSE_QUOTE_BUF bytes. Returns buf. */
const char *feedparse_quote(char *buf, size_t cap, const char *s);

/* "an object", "a string", ...: what a message says was found instead. */
const char *feedparse_kind(const json_t *v);

/* Why v cannot be used as a C string ("expected a string", a NUL inside), or NULL. */
const char *feedparse_why_not_string(const json_t *v);

/* --- values --- */

/* n zeroed bytes in the feed's arena; NULL (and p->oom) when out of memory. */
void *feedparse_alloc(struct feedparse *p, size_t n);

/* A copy of s in the feed's arena; NULL (and p->oom) when out of memory. */
const char *feedparse_copy(struct feedparse *p, const char *s);

/* A copy of a text value, cut to FEED_MAX_TEXT bytes at a character (reported at path)
 * and with runs of stacked diacritics capped at FEED_MAX_MARKS. */
const char *feedparse_keep_text(struct feedparse *p, const char *s, const char *path);

/* A required string field of a slide, obj[field]: its value (possibly ""), or NULL when
 * missing or not a string, reported with FEEDPARSE_SKIPPED. path receives its location. */
const char *feedparse_slide_string(struct feedparse *p, const json_t *obj, const char *prefix,
                                   const char *field, char *path, size_t cap);

/* A required TEXT field (a string, or an object of translations resolved into every feed
 * language): false, reported with severity sev and the consequence then, when unusable. */
bool feedparse_text_required(struct feedparse *p, enum feed_severity sev, const json_t *obj,
                             const char *prefix, const char *field, const char *then,
                             struct ltext *out);

/* An optional TEXT field: absent, empty or unusable leaves out all NULL (warned if bad). */
void feedparse_text_optional(struct feedparse *p, const json_t *obj, const char *prefix,
                             const char *field, struct ltext *out);

/* An optional URL field ("logo", "image", "link"), resolved against p->base; "link" must
 * be http(s). NULL when absent, empty or unusable (warned). */
const char *feedparse_url_optional(struct feedparse *p, const json_t *obj, const char *prefix,
                                   const char *field);

/* An image field ("logo", "image"): a URL as feedparse_url_optional reads it, or an
 * object {"url": URL, "sha256": HEX} pinning the image's bytes (*sha256 then gets the
 * 64 digits in lower case; else NULL). A malformed pin drops the image (warned): the
 * organiser asked for these bytes only. */
const char *feedparse_image(struct feedparse *p, const json_t *obj, const char *prefix,
                            const char *field, const char **sha256);

/* A duration in seconds from FEED_MIN_DURATION to FEED_MAX_DURATION, into *ms. */
bool feedparse_duration(const json_t *v, int *ms);

/* "fade", "slide" or "cut". */
bool feedparse_transition(const json_t *v, enum transition *out);

#endif
