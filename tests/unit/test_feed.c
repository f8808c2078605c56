/* Unit tests for feed: the feed format v1 as docs/feed-format.md describes it, every
 * problem with its JSON path, the limits and UTF-8 edge cases (RFC 3339 itself: test_rfc3339.c).
 * Problems are collected as the lines `vitrine --check` prints ("warning: PATH: MESSAGE"). */
#include "feed.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define MAX_LINES 64
#define LINE_MAX  400

struct report {
    char lines[MAX_LINES][LINE_MAX];
    int n, errors, warnings;
};

static void collect(void *ctx, enum feed_severity sev, const char *path, const char *msg)
{
    struct report *r = ctx;
    const char *level = sev == FEED_ERROR ? "error" : "warning";
    if (sev == FEED_ERROR)
        r->errors++;
    else
        r->warnings++;
    if (r->n < MAX_LINES)
        snprintf(r->lines[r->n++], LINE_MAX, "%s: %s%s%s", level, path, *path ? ": " : "", msg);
}

static void dump(const struct report *r)
{
    for (int i = 0; i < r->n; i++)
        print_error("  reported: %s\n", r->lines[i]);
}

static void assert_reported(const struct report *r, const char *line)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->lines[i], line) == 0) return;
    print_error("expected the problem: %s\n", line);
    dump(r);
    fail();
}

static void assert_clean(const struct report *r)
{
    if (r->n == 0) return;
    dump(r);
    fail_msg("expected no problem");
}

/* A heap string from a format: the feeds under test are built from pieces. */
static char *strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *strf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static struct feed *parse_base(const char *json, const char *base, struct report *r)
{
    memset(r, 0, sizeof *r);
    return feed_parse(json, strlen(json), base, collect, r);
}

static struct feed *parse(const char *json, struct report *r)
{
    return parse_base(json, NULL, r);
}

/* A v1 feed around the given slides (a JSON array body). */
static struct feed *parse_slides(const char *slides, struct report *r)
{
    char *json = strf("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"slides\": [%s]}", slides);
    struct feed *f = parse(json, r);
    free(json);
    return f;
}

#define PARTNER "{\"id\": \"p\", \"type\": \"partner\", \"name\": \"ACME\"}"

/* --- valid feeds ---------------------------------------------------------------------- */

static void parse_accepts_minimal_feed(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(PARTNER, &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_int_equal(feed_slide_count(f), 1);
    assert_int_equal(feed_lang_count(f), 2);
    assert_string_equal(feed_lang(f, 0), "fr");
    assert_string_equal(feed_lang(f, 1), "en");
    assert_string_equal(feed_timezone(f), "UTC");
    assert_string_equal(feed_event_name(f)->v[0], "E");
    const struct slide *s = feed_slide(f, 0);
    assert_string_equal(s->id, "p");
    assert_int_equal(s->type, SLIDE_PARTNER);
    assert_int_equal(s->duration_ms, FEED_DEFAULT_DURATION * 1000);
    assert_int_equal(s->transition, TRANSITION_FADE);
    assert_true(s->start == FEED_NO_TIME && s->end == FEED_NO_TIME);
    assert_false(s->urgent);
    assert_string_equal(s->title.v[0], "ACME");
    assert_string_equal(s->title.v[1], "ACME");
    assert_null(s->subtitle.v[0]);
    assert_null(s->image);
    assert_null(feed_slide(f, 1));
    feed_free(f);
}

static void parse_reads_every_partner_field(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_base("{\"vitrine\": 1, \"event\": {\"name\": \"E\", \"timezone\": "
                                "\"America/Toronto\"}, \"languages\": [\"en\", \"fr\"],"
                                "\"slides\": [{\"id\": \"p1\", \"type\": \"partner\", "
                                "\"name\": {\"fr\": \"Banque\", \"en\": \"Bank\"},"
                                "\"logo\": \"logos/bank.png\", \"tagline\": \"Since 1900\","
                                "\"text\": {\"fr\": \"Merci\"}, \"unknown\": [1, 2]}]}",
                                "https://example.org/events/feed.json", &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_string_equal(feed_timezone(f), "America/Toronto");
    assert_string_equal(feed_lang(f, 0), "en");
    const struct slide *s = feed_slide(f, 0);
    assert_string_equal(s->title.v[0], "Bank");
    assert_string_equal(s->title.v[1], "Banque");
    assert_string_equal(s->subtitle.v[0], "Since 1900");
    assert_string_equal(s->subtitle.v[1], "Since 1900");
    assert_string_equal(s->text.v[0], "Merci");
    assert_string_equal(s->text.v[1], "Merci");
    assert_string_equal(s->image, "https://example.org/events/logos/bank.png");
    assert_null(s->link);
    feed_free(f);
}

static void parse_reads_every_delegation_field(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(
        "{\"id\": \"d\", \"type\": \"delegation\", \"title\": \"Japon\", \"origin\": \"Tokyo\","
        "\"when\": \"Lundi\", \"text\": \"Bienvenue\", \"members\": [{\"name\": \"A. Sato\","
        "\"role\": {\"fr\": \"Ministre\", \"en\": \"Minister\"}}, {\"name\": \"B. Ito\"}]}",
        &r);
    assert_non_null(f);
    assert_clean(&r);
    const struct slide *s = feed_slide(f, 0);
    assert_int_equal(s->type, SLIDE_DELEGATION);
    assert_string_equal(s->title.v[0], "Japon");
    assert_string_equal(s->subtitle.v[1], "Tokyo");
    assert_string_equal(s->when.v[0], "Lundi");
    assert_string_equal(s->text.v[0], "Bienvenue");
    assert_int_equal(s->n_members, 2);
    assert_string_equal(s->members[0].name, "A. Sato");
    assert_string_equal(s->members[0].role.v[0], "Ministre");
    assert_string_equal(s->members[0].role.v[1], "Minister");
    assert_string_equal(s->members[1].name, "B. Ito");
    assert_null(s->members[1].role.v[0]);
    feed_free(f);
}

static void parse_reads_every_announcement_field(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(
        "{\"id\": \"a\", \"type\": \"announcement\", \"title\": \"Gala\", \"text\": \"Soir\","
        "\"image\": \"https://cdn.example.org/gala.jpg\", \"when\": \"20 h\", \"where\": "
        "\"Salle A\", \"link\": \"https://example.org/gala?x=1\", \"duration\": 12.5, "
        "\"transition\": \"cut\", \"urgent\": true, \"start\": \"2026-12-08T09:00:00-05:00\","
        "\"end\": \"2026-12-08T18:00:00-05:00\"}",
        &r);
    assert_non_null(f);
    assert_clean(&r);
    const struct slide *s = feed_slide(f, 0);
    assert_int_equal(s->type, SLIDE_ANNOUNCEMENT);
    assert_string_equal(s->title.v[1], "Gala");
    assert_string_equal(s->text.v[0], "Soir");
    assert_string_equal(s->image, "https://cdn.example.org/gala.jpg");
    assert_string_equal(s->when.v[0], "20 h");
    assert_string_equal(s->where.v[0], "Salle A");
    assert_string_equal(s->link, "https://example.org/gala?x=1");
    assert_int_equal(s->duration_ms, 12500);
    assert_int_equal(s->transition, TRANSITION_CUT);
    assert_true(s->urgent);
    assert_true(s->start == 1796738400);
    assert_true(s->end == 1796738400 + 9 * 3600);
    feed_free(f);
}

static void parse_applies_defaults_and_slide_overrides(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"defaults\": "
                           "{\"duration\": 4.25, \"transition\": \"slide\"}, \"slides\": ["
                           "{\"id\": \"a\", \"type\": \"partner\", \"name\": \"A\"},"
                           "{\"id\": \"b\", \"type\": \"partner\", \"name\": \"B\", "
                           "\"duration\": 1, \"transition\": \"fade\"}]}",
                           &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_int_equal(feed_slide(f, 0)->duration_ms, 4250);
    assert_int_equal(feed_slide(f, 0)->transition, TRANSITION_SLIDE);
    assert_int_equal(feed_slide(f, 1)->duration_ms, 1000);
    assert_int_equal(feed_slide(f, 1)->transition, TRANSITION_FADE);
    feed_free(f);
}

static void bad_defaults_warn_and_use_builtin_values(void **state)
{
    (void)state;
    struct report r;
    struct feed *f =
        parse("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"defaults\": "
              "{\"duration\": 0.5, \"transition\": \"wipe\"}, \"slides\": [" PARTNER "]}",
              &r);
    assert_non_null(f);
    assert_reported(&r, "warning: defaults.duration: expected a number of seconds from 1 to "
                        "3600; using 8");
    assert_reported(&r, "warning: defaults.transition: expected \"fade\", \"slide\" or \"cut\"; "
                        "using fade");
    assert_int_equal(feed_slide(f, 0)->duration_ms, 8000);
    assert_int_equal(feed_slide(f, 0)->transition, TRANSITION_FADE);
    feed_free(f);
    f = parse("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"defaults\": [], \"slides\": "
              "[" PARTNER "]}",
              &r);
    assert_non_null(f);
    assert_reported(&r, "warning: defaults: expected an object; ignored");
    feed_free(f);
}

/* --- localized text ------------------------------------------------------------------- */

/* The title of the only slide of a feed in languages langs. */
static struct feed *parse_title(const char *langs, const char *title, struct report *r)
{
    char *json = strf("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"languages\": [%s], "
                      "\"slides\": [{\"id\": \"x\", \"type\": \"partner\", \"name\": %s}]}",
                      langs, title);
    struct feed *f = parse(json, r);
    free(json);
    return f;
}

static void text_falls_back_to_the_primary_language(void **state)
{
    (void)state;
    struct report r;
    struct feed *f =
        parse_title("\"fr\", \"en\", \"es\"", "{\"fr\": \"Bonjour\", \"es\": \"Hola\"}", &r);
    assert_non_null(f);
    assert_clean(&r);
    const struct ltext *t = &feed_slide(f, 0)->title;
    assert_string_equal(t->v[0], "Bonjour");
    assert_string_equal(t->v[1], "Bonjour"); /* en missing: primary */
    assert_string_equal(t->v[2], "Hola");
    feed_free(f);
}

static void text_without_primary_falls_back_to_first_feed_language_present(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_title("\"fr\", \"en\", \"es\"",
                                 "{\"de\": \"Hallo\", \"es\": \"Hola\", \"en\": \"Hello\"}", &r);
    assert_non_null(f);
    const struct ltext *t = &feed_slide(f, 0)->title;
    assert_string_equal(t->v[0], "Hello"); /* feed order: en before es, whatever the keys */
    assert_string_equal(t->v[1], "Hello");
    assert_string_equal(t->v[2], "Hola");
    feed_free(f);
}

static void text_in_no_feed_language_uses_the_first_key(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_title("\"fr\", \"en\"", "{\"de\": \"Hallo\", \"it\": \"Ciao\"}", &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_string_equal(feed_slide(f, 0)->title.v[0], "Hallo");
    assert_string_equal(feed_slide(f, 0)->title.v[1], "Hallo");
    feed_free(f);
}

static void text_treats_empty_and_bad_translations_as_absent(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_title("\"fr\", \"en\"", "{\"fr\": \"\", \"EN\": \"Hi\", \"es\": 3}", &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].name.es: expected a string; ignored");
    assert_int_equal(r.n, 1);
    assert_string_equal(feed_slide(f, 0)->title.v[0], "Hi"); /* keys match case-insensitively */
    assert_string_equal(feed_slide(f, 0)->title.v[1], "Hi");
    feed_free(f);
}

static void text_of_wrong_type_or_without_text_is_reported(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse_title("\"fr\"", "[\"x\"]", &r));
    assert_reported(&r, "warning: slides[0].name: expected a string or an object of "
                        "translations; slide skipped");
    assert_reported(&r, "error: slides: no usable slide");
    assert_null(parse_title("\"fr\"", "{\"fr\": \"\"}", &r));
    assert_reported(&r, "warning: slides[0].name: no text in any language; slide skipped");
    assert_null(parse_title("\"fr\"", "\"\"", &r));
    assert_reported(&r, "warning: slides[0].name: empty text; slide skipped");
}

static void text_longer_than_the_limit_is_cut_at_a_character(void **state)
{
    (void)state;
    struct report r;
    /* FEED_MAX_TEXT - 1 ASCII bytes then a 2-byte "é": the cut falls inside it. */
    char *long_text = malloc(FEED_MAX_TEXT + 2);
    assert_non_null(long_text);
    memset(long_text, 'a', FEED_MAX_TEXT - 1);
    memcpy(long_text + FEED_MAX_TEXT - 1, "\xc3\xa9", 3);
    char *title = strf("{\"fr\": \"%s\"}", long_text);
    struct feed *f = parse_title("\"fr\", \"en\"", title, &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].name.fr: longer than 65536 bytes; cut");
    assert_int_equal(r.n, 1); /* the copy for "en" is the same string, reported once */
    assert_int_equal(strlen(feed_slide(f, 0)->title.v[0]), FEED_MAX_TEXT - 1);
    assert_ptr_equal(feed_slide(f, 0)->title.v[0], feed_slide(f, 0)->title.v[1]);
    feed_free(f);
    free(title);
    free(long_text);
}

/* --- URLs ----------------------------------------------------------------------------- */

static const char *const URL_SLIDES =
    "{\"id\": \"a\", \"type\": \"announcement\", \"title\": \"T\", \"image\": \"img/a b.png\","
    "\"link\": \"../more.html\"},"
    "{\"id\": \"p\", \"type\": \"partner\", \"name\": \"P\", \"logo\": \"/abs/logo.png\"}";

static struct feed *parse_urls(const char *base, struct report *r)
{
    char *json =
        strf("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"slides\": [%s]}", URL_SLIDES);
    struct feed *f = parse_base(json, base, r);
    free(json);
    return f;
}

static void relative_urls_resolve_against_an_http_base(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_urls("http://kiosk.example.org/salon/feed.json", &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_string_equal(feed_slide(f, 0)->image, "http://kiosk.example.org/salon/img/a%20b.png");
    assert_string_equal(feed_slide(f, 0)->link, "http://kiosk.example.org/more.html");
    assert_string_equal(feed_slide(f, 1)->image, "http://kiosk.example.org/abs/logo.png");
    feed_free(f);
}

/* Images resolve to files beside the feed; a link cannot: it is a QR code for phones,
 * and a path on the screen's disk means nothing to them. */
static void relative_urls_resolve_beside_a_feed_file_but_links_need_the_web(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_urls("/srv/vitrine/feed.json", &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].link: \"../more.html\" is not an http or https "
                        "address (phones cannot open it); ignored");
    assert_int_equal(r.n, 1);
    assert_string_equal(feed_slide(f, 0)->image, "/srv/vitrine/img/a b.png");
    assert_null(feed_slide(f, 0)->link);
    assert_string_equal(feed_slide(f, 1)->image, "/abs/logo.png");
    feed_free(f);
}

static void unusable_urls_are_dropped_with_a_warning(void **state)
{
    (void)state;
    struct report r;
    struct feed *f =
        parse_slides("{\"id\": \"a\", \"type\": \"announcement\", \"title\": \"T\", \"image\": "
                     "\"file:///etc/passwd\", \"link\": \"javascript:alert(1)\"},"
                     "{\"id\": \"b\", \"type\": \"partner\", \"name\": \"P\", \"logo\": 42}",
                     &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].image: unusable URL \"file:///etc/passwd\" (expected "
                        "http, https or a path); ignored");
    assert_reported(&r, "warning: slides[0].link: unusable URL \"javascript:alert(1)\" "
                        "(expected http, https or a path); ignored");
    assert_reported(&r, "warning: slides[1].logo: expected a string; ignored");
    assert_int_equal(feed_slide_count(f), 2);
    assert_null(feed_slide(f, 0)->image);
    assert_null(feed_slide(f, 0)->link);
    assert_null(feed_slide(f, 1)->image);
    feed_free(f);
}

/* --- rejected feeds ------------------------------------------------------------------- */

static void parse_rejects_invalid_json_with_line_and_column(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse("{\"vitrine\": 1,\n  \"slides\": [,]}", &r));
    assert_int_equal(r.errors, 1);
    assert_reported(&r, "error: not valid JSON at line 2, column 14: unexpected token near ','");
    assert_null(parse("", &r));
    assert_int_equal(r.errors, 1);
    assert_null(parse("{\"vitrine\": 1} trailing", &r));
    assert_int_equal(r.errors, 1);
}

static void parse_rejects_a_top_level_that_is_not_an_object(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse("[1, 2]", &r));
    assert_reported(&r, "error: expected a JSON object at the top level, found an array");
}

static void parse_rejects_feed_that_is_not_v1(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse("{\"event\": {\"name\": \"E\"}, \"slides\": [" PARTNER "]}", &r));
    assert_reported(&r, "error: vitrine: missing: not a vitrine feed (expected \"vitrine\": 1)");
    assert_int_equal(r.n, 1);
    assert_null(parse("{\"vitrine\": 2}", &r));
    assert_reported(&r, "error: vitrine: unsupported format version 2 (expected 1)");
    assert_null(parse("{\"vitrine\": \"1\"}", &r));
    assert_reported(&r, "error: vitrine: expected the integer 1, found a string");
    assert_null(parse("{\"vitrine\": 1.0}", &r));
    assert_reported(&r, "error: vitrine: expected the integer 1, found a real number");
}

static void parse_rejects_feed_without_slides(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}}", &r));
    assert_reported(&r, "error: slides: missing required field");
    assert_int_equal(r.n, 1);
    assert_null(parse("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"slides\": {}}", &r));
    assert_reported(&r, "error: slides: expected an array");
    assert_null(parse_slides("", &r));
    assert_reported(&r, "error: slides: no usable slide");
    assert_int_equal(r.n, 1);
}

static void parse_rejects_feed_whose_slides_are_all_broken(void **state)
{
    (void)state;
    struct report r;
    assert_null(
        parse_slides("{\"id\": \"a\", \"type\": \"video\"}, 3, {\"type\": \"partner\"}", &r));
    assert_reported(&r, "warning: slides[0].type: unknown slide type \"video\" (expected partner, "
                        "delegation, announcement or sessions); slide skipped");
    assert_reported(&r, "warning: slides[1]: expected an object; slide skipped");
    assert_reported(&r, "warning: slides[2].id: missing required field; slide skipped");
    assert_reported(&r, "error: slides: no usable slide");
    assert_int_equal(r.errors, 1);
    assert_int_equal(r.warnings, 3);
}

static void parse_rejects_missing_event_or_event_name(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse("{\"vitrine\": 1, \"slides\": [" PARTNER "]}", &r));
    assert_reported(&r, "error: event: missing required field");
    assert_null(parse("{\"vitrine\": 1, \"event\": \"E\", \"slides\": [" PARTNER "]}", &r));
    assert_reported(&r, "error: event: expected an object");
    assert_null(parse("{\"vitrine\": 1, \"event\": {}, \"slides\": [" PARTNER "]}", &r));
    assert_reported(&r, "error: event.name: missing required field");
    assert_null(parse("{\"vitrine\": 1, \"event\": {\"name\": 3}, \"slides\": [" PARTNER "]}", &r));
    assert_reported(&r, "error: event.name: expected a string or an object of translations");
}

/* A v1 feed with `levels` arrays nested in an unknown field (the top object is level 1). */
static char *nested(int levels)
{
    char *open = malloc((size_t)levels + 1), *close = malloc((size_t)levels + 1);
    assert_true(open && close);
    memset(open, '[', (size_t)levels);
    memset(close, ']', (size_t)levels);
    open[levels] = close[levels] = '\0';
    char *json = strf("{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"x\": %s%s, \"slides\": "
                      "[" PARTNER "]}",
                      open, close);
    free(open);
    free(close);
    return json;
}

static void parse_rejects_nesting_deeper_than_the_limit(void **state)
{
    (void)state;
    struct report r;
    char *ok = nested(FEED_MAX_DEPTH - 1), *deep = nested(FEED_MAX_DEPTH);
    struct feed *f = parse(ok, &r);
    assert_non_null(f);
    assert_clean(&r);
    feed_free(f);
    assert_null(parse(deep, &r));
    assert_reported(&r, "error: nested deeper than 32 levels");
    assert_int_equal(r.n, 1);
    free(ok);
    free(deep);
}

static void parse_rejects_feed_larger_than_the_limit(void **state)
{
    (void)state;
    struct report r = {0};
    char *big = malloc(FEED_MAX_BYTES + 1);
    assert_non_null(big);
    memset(big, ' ', FEED_MAX_BYTES + 1);
    assert_null(feed_parse(big, FEED_MAX_BYTES + 1, NULL, collect, &r));
    assert_reported(&r, "error: larger than 2097152 bytes");
    assert_int_equal(r.n, 1);
    free(big);
}

static void parse_rejects_duplicate_object_keys(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse_slides("{\"id\": \"a\", \"id\": \"b\", \"type\": \"partner\", \"name\": "
                             "\"P\"}",
                             &r));
    assert_int_equal(r.errors, 1);
    assert_non_null(strstr(r.lines[0], "error: not valid JSON at line 1, column"));
    assert_non_null(strstr(r.lines[0], "duplicate object key"));
}

/* --- UTF-8 ---------------------------------------------------------------------------- */

static void parse_rejects_invalid_utf8(void **state)
{
    (void)state;
    struct report r;
    assert_null(parse_slides("{\"id\": \"a\", \"type\": \"partner\", \"name\": \"\xff\"}", &r));
    assert_int_equal(r.errors, 1);
    assert_non_null(strstr(r.lines[0], "error: not valid JSON at line 1"));
    /* An overlong encoding of '/' and a lone surrogate escape are refused too. */
    assert_null(parse_slides("{\"id\": \"a\", \"type\": \"partner\", \"name\": \"\xc0\xaf\"}", &r));
    assert_null(parse_slides("{\"id\": \"a\", \"type\": \"partner\", \"name\": \"\\ud800\"}", &r));
}

static void parse_keeps_four_byte_emoji(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides("{\"id\": \"\xf0\x9f\x8e\x89\", \"type\": \"partner\", "
                                  "\"name\": \"Caf\xc3\xa9 \\ud83c\\udf89 \xf0\x9f\x8e\x89\"}",
                                  &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_string_equal(feed_slide(f, 0)->id, "\xf0\x9f\x8e\x89");
    assert_string_equal(feed_slide(f, 0)->title.v[0],
                        "Caf\xc3\xa9 \xf0\x9f\x8e\x89 \xf0\x9f\x8e\x89");
    feed_free(f);
}

static void parse_refuses_nul_escapes_in_strings(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(
        "{\"id\": \"a\", \"type\": \"partner\", \"name\": \"P\", \"tagline\": \"x\\u0000y\"},"
        "{\"id\": \"b\\u0000\", \"type\": \"partner\", \"name\": \"Q\"},"
        "{\"id\": \"c\", \"type\": \"partner\", \"name\": {\"fr\": \"a\\u0000\", \"en\": \"B\"}}",
        &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].tagline: contains a NUL character (\\u0000); ignored");
    assert_reported(&r, "warning: slides[1].id: contains a NUL character (\\u0000); slide skipped");
    assert_reported(&r, "warning: slides[2].name.fr: contains a NUL character (\\u0000); ignored");
    assert_int_equal(feed_slide_count(f), 2);
    assert_null(feed_slide(f, 0)->subtitle.v[0]);
    assert_string_equal(feed_slide(f, 1)->title.v[0], "B");
    feed_free(f);
}

static void control_characters_never_reach_the_report(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(PARTNER ", {\"id\": \"x\", \"type\": \"\\u001b[2Jvideo\"}", &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[1].type: unknown slide type \"?[2Jvideo\" (expected "
                        "partner, delegation, announcement or sessions); slide skipped");
    feed_free(f);
}

/* --- slides --------------------------------------------------------------------------- */

static void duplicate_slide_id_skips_the_later_slide(void **state)
{
    (void)state;
    struct report r;
    struct feed *f =
        parse_slides(PARTNER ", {\"id\": \"q\", \"type\": \"partner\", \"name\": \"Q\"}, "
                             "{\"id\": \"p\", \"type\": \"announcement\", \"title\": \"Again\"}",
                     &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[2].id: duplicate id \"p\" (first used by slides[0]); "
                        "slide skipped");
    assert_int_equal(r.n, 1);
    assert_int_equal(feed_slide_count(f), 2);
    assert_string_equal(feed_slide(f, 0)->title.v[0], "ACME");
    assert_string_equal(feed_slide(f, 1)->id, "q");
    feed_free(f);
}

static void an_id_longer_than_the_text_limit_skips_the_slide(void **state)
{
    (void)state;
    struct report r;
    char *id = malloc(FEED_MAX_TEXT + 2);
    assert_non_null(id);
    memset(id, 'i', FEED_MAX_TEXT + 1);
    id[FEED_MAX_TEXT + 1] = '\0';
    char *slides = strf(PARTNER ", {\"id\": \"%s\", \"type\": \"partner\", \"name\": \"N\"}", id);
    struct feed *f = parse_slides(slides, &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[1].id: longer than 65536 bytes; slide skipped");
    assert_int_equal(feed_slide_count(f), 1);
    feed_free(f);
    free(slides);
    free(id);
}

static void required_fields_are_reported_with_their_path(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(
        PARTNER ","
                "{\"id\": \"\", \"type\": \"partner\", \"name\": \"N\"},"
                "{\"id\": \"b\"},"
                "{\"id\": \"c\", \"type\": 7},"
                "{\"id\": \"d\", \"type\": \"announcement\"},"
                "{\"id\": \"e\", \"type\": \"delegation\", \"title\": \"T\"},"
                "{\"id\": \"f\", \"type\": \"delegation\", \"title\": \"T\", \"members\": {}},"
                "{\"id\": \"g\", \"type\": \"partner\", \"title\": \"not name\"}",
        &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[1].id: expected a non-empty string; slide skipped");
    assert_reported(&r, "warning: slides[2].type: missing required field; slide skipped");
    assert_reported(&r, "warning: slides[3].type: expected a string; slide skipped");
    assert_reported(&r, "warning: slides[4].title: missing required field; slide skipped");
    assert_reported(&r, "warning: slides[5].members: missing required field; slide skipped");
    assert_reported(&r, "warning: slides[6].members: expected an array; slide skipped");
    assert_reported(&r, "warning: slides[7].name: missing required field; slide skipped");
    assert_int_equal(r.n, 7);
    assert_int_equal(feed_slide_count(f), 1);
    feed_free(f);
}

static void optional_fields_of_wrong_type_are_ignored(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(
        "{\"id\": \"a\", \"type\": \"announcement\", \"title\": \"T\", \"text\": 5, \"when\": "
        "[], \"where\": null, \"urgent\": \"yes\", \"duration\": \"10\", \"transition\": "
        "\"wipe\"}",
        &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].duration: expected a number of seconds from 1 to "
                        "3600; using the default");
    assert_reported(&r, "warning: slides[0].transition: expected \"fade\", \"slide\" or "
                        "\"cut\"; using the default");
    assert_reported(&r, "warning: slides[0].urgent: expected true or false; ignored");
    assert_reported(&r, "warning: slides[0].text: expected a string or an object of "
                        "translations; ignored");
    assert_reported(&r, "warning: slides[0].when: expected a string or an object of "
                        "translations; ignored");
    assert_reported(&r, "warning: slides[0].where: expected a string or an object of "
                        "translations; ignored");
    const struct slide *s = feed_slide(f, 0);
    assert_int_equal(s->duration_ms, 8000);
    assert_false(s->urgent);
    assert_null(s->text.v[0]);
    assert_null(s->when.v[0]);
    feed_free(f);
}

static void invalid_members_are_skipped_and_the_slide_kept(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(
        "{\"id\": \"d\", \"type\": \"delegation\", \"title\": \"T\", \"members\": ["
        "{\"name\": \"A\"}, {\"name\": 3}, \"B\", {\"role\": \"R\"}, {\"name\": \"\"}, "
        "{\"name\": \"C\", \"role\": 4}]},"
        "{\"id\": \"e\", \"type\": \"delegation\", \"title\": \"Empty\", \"members\": []}",
        &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].members[1].name: expected a string; member skipped");
    assert_reported(&r, "warning: slides[0].members[2]: expected an object; member skipped");
    assert_reported(&r, "warning: slides[0].members[3].name: missing required field; member "
                        "skipped");
    assert_reported(&r, "warning: slides[0].members[4].name: empty text; member skipped");
    assert_reported(&r, "warning: slides[0].members[5].role: expected a string or an object of "
                        "translations; ignored");
    const struct slide *s = feed_slide(f, 0);
    assert_int_equal(s->n_members, 2);
    assert_string_equal(s->members[0].name, "A");
    assert_string_equal(s->members[1].name, "C");
    assert_null(s->members[1].role.v[0]);
    assert_int_equal(feed_slide(f, 1)->n_members, 0);
    feed_free(f);
}

static void time_windows_are_parsed_and_checked(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_slides(
        "{\"id\": \"a\", \"type\": \"partner\", \"name\": \"A\", \"start\": "
        "\"2026-12-08T14:00:00Z\"},"
        "{\"id\": \"b\", \"type\": \"partner\", \"name\": \"B\", \"start\": "
        "\"2026-12-08T10:00:00-05:00\", \"end\": \"2026-12-08T16:00:00Z\"},"
        "{\"id\": \"c\", \"type\": \"partner\", \"name\": \"C\", \"start\": "
        "\"2026-02-30T10:00:00Z\"},"
        "{\"id\": \"d\", \"type\": \"partner\", \"name\": \"D\", \"end\": 1765000000},"
        "{\"id\": \"e\", \"type\": \"partner\", \"name\": \"E\", \"start\": "
        "\"2026-12-08T10:00:00Z\","
        "\"end\": \"2026-12-08T10:00:00Z\"},"
        "{\"id\": \"f\", \"type\": \"partner\", \"name\": \"F\", \"start\": \"2026-12-08\"}",
        &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[2].start: invalid date-time \"2026-02-30T10:00:00Z\" "
                        "(expected e.g. \"2026-12-08T09:00:00-05:00\"); slide skipped");
    assert_reported(&r, "warning: slides[3].end: expected an RFC 3339 date-time string; slide "
                        "skipped");
    assert_reported(&r, "warning: slides[4].end: not after start; slide skipped");
    assert_reported(&r, "warning: slides[5].start: invalid date-time \"2026-12-08\" (expected "
                        "e.g. \"2026-12-08T09:00:00-05:00\"); slide skipped");
    assert_int_equal(feed_slide_count(f), 2);
    assert_true(feed_slide(f, 0)->start == 1796738400);
    assert_true(feed_slide(f, 0)->end == FEED_NO_TIME);
    assert_true(feed_slide(f, 1)->start == 1796738400 + 3600);
    assert_true(feed_slide(f, 1)->end == 1796738400 + 7200);
    feed_free(f);
}

/* --- feed level ----------------------------------------------------------------------- */

static struct feed *parse_event(const char *event_fields, const char *langs, struct report *r)
{
    char *json = strf("{\"vitrine\": 1, \"event\": {\"name\": {\"en\": \"Fair\"}%s}%s, \"slides\": "
                      "[" PARTNER "]}",
                      event_fields, langs);
    struct feed *f = parse(json, r);
    free(json);
    return f;
}

static void timezone_must_be_a_known_iana_name(void **state)
{
    (void)state;
    static const char *const bad[] = {"Mars/Olympus",
                                      "../../../etc/passwd",
                                      "/etc/localtime",
                                      "America",
                                      "Europe/../UTC",
                                      "Eu rope/Paris",
                                      ""};
    struct report r;
    struct feed *f = parse_event(", \"timezone\": \"Europe/Paris\"", "", &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_string_equal(feed_timezone(f), "Europe/Paris");
    assert_string_equal(feed_event_name(f)->v[0], "Fair"); /* fr missing: any language */
    feed_free(f);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *field = strf(", \"timezone\": \"%s\"", bad[i]);
        char *line = strf("warning: event.timezone: unknown time zone \"%s\"; using UTC", bad[i]);
        f = parse_event(field, "", &r);
        assert_non_null(f);
        assert_reported(&r, line);
        assert_string_equal(feed_timezone(f), "UTC");
        feed_free(f);
        free(line);
        free(field);
    }
    f = parse_event(", \"timezone\": -5", "", &r);
    assert_reported(&r, "warning: event.timezone: expected a string; using UTC");
    feed_free(f);
}

static void languages_are_validated_and_bad_entries_dropped(void **state)
{
    (void)state;
    struct report r;
    struct feed *f = parse_event("",
                                 ", \"languages\": [\"en\", 3, \"f r\", \"EN\", \"es\", "
                                 "\"zh-Hant\", \"de\", \"it\", \"x\"]",
                                 &r);
    assert_non_null(f);
    assert_reported(&r, "warning: languages[1]: expected a language code such as \"fr\"; ignored");
    assert_reported(&r, "warning: languages[2]: invalid language code \"f r\"; ignored");
    assert_reported(&r, "warning: languages[3]: duplicate language \"EN\"; ignored");
    assert_reported(&r, "warning: languages[7]: more than 4 languages; ignored");
    assert_reported(&r, "warning: languages[8]: invalid language code \"x\"; ignored");
    assert_int_equal(feed_lang_count(f), 4);
    assert_string_equal(feed_lang(f, 0), "en");
    assert_string_equal(feed_lang(f, 3), "de");
    assert_null(feed_lang(f, 4));
    feed_free(f);

    f = parse_event("", ", \"languages\": \"fr\"", &r);
    assert_non_null(f);
    assert_reported(&r, "warning: languages: expected an array of language codes; using "
                        "[\"fr\", \"en\"]");
    assert_int_equal(feed_lang_count(f), 2);
    feed_free(f);

    assert_null(parse_event("", ", \"languages\": []", &r));
    assert_reported(&r, "error: languages: no usable language");
    assert_null(parse_event("", ", \"languages\": [\"?\"]", &r));
    assert_reported(&r, "error: languages: no usable language");
}

static void slides_over_the_limit_are_ignored_with_a_warning(void **state)
{
    (void)state;
    struct report r;
    size_t cap = (FEED_MAX_SLIDES + 2) * 80, len = 0;
    char *slides = malloc(cap);
    assert_non_null(slides);
    for (int i = 0; i < FEED_MAX_SLIDES + 2; i++)
        len += (size_t)snprintf(slides + len, cap - len,
                                "%s{\"id\": \"s%d\", \"type\": \"partner\", \"name\": \"N\"}",
                                i ? "," : "", i);
    struct feed *f = parse_slides(slides, &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides: more than 500 slides; the rest ignored");
    assert_int_equal(r.n, 1);
    assert_int_equal(feed_slide_count(f), FEED_MAX_SLIDES);
    assert_string_equal(feed_slide(f, FEED_MAX_SLIDES - 1)->id, "s499");
    feed_free(f);
    free(slides);
}

static void members_over_the_limit_are_ignored_with_a_warning(void **state)
{
    (void)state;
    struct report r;
    size_t cap = (FEED_MAX_MEMBERS + 1) * 16 + 200, len = 0;
    char *json = malloc(cap);
    assert_non_null(json);
    len += (size_t)snprintf(json, cap,
                            "{\"id\": \"d\", \"type\": \"delegation\", \"title\": "
                            "\"T\", \"members\": [");
    for (int i = 0; i < FEED_MAX_MEMBERS + 1; i++)
        len += (size_t)snprintf(json + len, cap - len, "%s{\"name\": \"m\"}", i ? "," : "");
    snprintf(json + len, cap - len, "]}");
    struct feed *f = parse_slides(json, &r);
    assert_non_null(f);
    assert_reported(&r, "warning: slides[0].members: more than 10000 members; the rest ignored");
    assert_int_equal(feed_slide(f, 0)->n_members, FEED_MAX_MEMBERS);
    feed_free(f);
    free(json);
}

/* The reference FNV-1a 64, to check feed_digest against. */
static void fnv1a(const char *s, size_t n, char out[17])
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static void digest_is_the_fnv1a_of_the_raw_bytes(void **state)
{
    (void)state;
    static const char a[] =
        "{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"slides\": [" PARTNER "]}";
    static const char b[] =
        "{\"vitrine\": 1,  \"event\": {\"name\": \"E\"}, \"slides\": [" PARTNER "]}";
    char want[17];
    struct report r;
    fnv1a("a", 1, want);
    assert_string_equal(want, "af63dc4c8601ec8c"); /* the published test vector */
    struct feed *fa = parse(a, &r), *fb = parse(b, &r);
    assert_true(fa && fb);
    fnv1a(a, strlen(a), want);
    assert_string_equal(feed_digest(fa), want);
    assert_string_not_equal(feed_digest(fa), feed_digest(fb));
    assert_int_equal(strlen(feed_digest(fb)), 16);
    feed_free(fa);
    feed_free(fb);
}

static void parse_without_report_callback_is_safe(void **state)
{
    (void)state;
    assert_null(feed_parse("{", 1, NULL, NULL, NULL));
    assert_null(feed_parse(NULL, 0, NULL, NULL, NULL));
    const char *json =
        "{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"slides\": [" PARTNER ", 3]}";
    struct feed *f = feed_parse(json, strlen(json), NULL, NULL, NULL);
    assert_non_null(f);
    feed_free(f);
    feed_free(NULL);
}

static void parse_reads_only_len_bytes(void **state)
{
    (void)state;
    struct report r = {0};
    const char *json =
        "{\"vitrine\": 1, \"event\": {\"name\": \"E\"}, \"slides\": [" PARTNER "]}GARBAGE";
    struct feed *f = feed_parse(json, strlen(json) - 7, NULL, collect, &r);
    assert_non_null(f);
    feed_free(f);
}

/* --- files ---------------------------------------------------------------------------- */

static void stacked_diacritics_are_capped_but_vietnamese_and_hebrew_are_kept(void **state)
{
    (void)state;
    struct report r;
    /* Z with 40 acute accents; Vietnamese "ệ" (e + 2 marks); Hebrew with points. */
    char *zalgo = malloc(8 + 40 * 6);
    strcpy(zalgo, "Z");
    for (int i = 0; i < 40; i++)
        strcat(zalgo, "\\u0301");
    char *slides =
        strf("{\"id\": \"a\", \"type\": \"partner\", \"name\": \"%s!\", "
             "\"tagline\": \"Vi\\u1ec7t \\u05e9\\u05c1\\u05b8\\u05dc\\u05d5\\u05b9\\u05dd\"}",
             zalgo);
    struct feed *f = parse_slides(slides, &r);
    assert_non_null(f);
    const struct slide *s = feed_slide(f, 0);
    /* "Z" + FEED_MAX_MARKS x U+0301 (2 bytes each) + "!" */
    assert_int_equal(strlen(s->title.v[0]), 1 + 2 * FEED_MAX_MARKS + 1);
    assert_string_equal(s->subtitle.v[0],
                        "Vi\xe1\xbb\x87t \xd7\xa9\xd7\x81\xd6\xb8\xd7\x9c\xd7\x95\xd6\xb9\xd7\x9d");
    feed_free(f);
    free(slides);
    free(zalgo);
}

static void load_file_resolves_beside_the_file(void **state)
{
    (void)state;
    const char *data = getenv("VITRINE_TEST_DATA");
    assert_non_null(data);
    char *path = strf("%s/feeds/valid/every-field/feed.json", data);
    char *logo = strf("%s/feeds/valid/every-field/logos/acme.png", data);
    struct report r = {0};
    struct feed *f = feed_load_file(path, collect, &r);
    assert_non_null(f);
    assert_clean(&r);
    assert_string_equal(feed_slide(f, 0)->image, logo);
    feed_free(f);
    free(logo);
    free(path);
}

static void load_file_reports_an_unreadable_file(void **state)
{
    (void)state;
    struct report r = {0};
    assert_null(feed_load_file("/nonexistent/feed.json", collect, &r));
    assert_reported(&r, "error: cannot read /nonexistent/feed.json: No such file or directory");
    memset(&r, 0, sizeof r);
    assert_null(feed_load_file("/", collect, &r));
    assert_reported(&r, "error: cannot read /: Is a directory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_accepts_minimal_feed),
        cmocka_unit_test(parse_reads_every_partner_field),
        cmocka_unit_test(parse_reads_every_delegation_field),
        cmocka_unit_test(parse_reads_every_announcement_field),
        cmocka_unit_test(parse_applies_defaults_and_slide_overrides),
        cmocka_unit_test(bad_defaults_warn_and_use_builtin_values),
        cmocka_unit_test(text_falls_back_to_the_primary_language),
        cmocka_unit_test(text_without_primary_falls_back_to_first_feed_language_present),
        cmocka_unit_test(text_in_no_feed_language_uses_the_first_key),
        cmocka_unit_test(text_treats_empty_and_bad_translations_as_absent),
        cmocka_unit_test(text_of_wrong_type_or_without_text_is_reported),
        cmocka_unit_test(text_longer_than_the_limit_is_cut_at_a_character),
        cmocka_unit_test(relative_urls_resolve_against_an_http_base),
        cmocka_unit_test(relative_urls_resolve_beside_a_feed_file_but_links_need_the_web),
        cmocka_unit_test(unusable_urls_are_dropped_with_a_warning),
        cmocka_unit_test(parse_rejects_invalid_json_with_line_and_column),
        cmocka_unit_test(parse_rejects_a_top_level_that_is_not_an_object),
        cmocka_unit_test(parse_rejects_feed_that_is_not_v1),
        cmocka_unit_test(parse_rejects_feed_without_slides),
        cmocka_unit_test(parse_rejects_feed_whose_slides_are_all_broken),
        cmocka_unit_test(parse_rejects_missing_event_or_event_name),
        cmocka_unit_test(parse_rejects_nesting_deeper_than_the_limit),
        cmocka_unit_test(parse_rejects_feed_larger_than_the_limit),
        cmocka_unit_test(parse_rejects_duplicate_object_keys),
        cmocka_unit_test(parse_rejects_invalid_utf8),
        cmocka_unit_test(parse_keeps_four_byte_emoji),
        cmocka_unit_test(parse_refuses_nul_escapes_in_strings),
        cmocka_unit_test(control_characters_never_reach_the_report),
        cmocka_unit_test(duplicate_slide_id_skips_the_later_slide),
        cmocka_unit_test(an_id_longer_than_the_text_limit_skips_the_slide),
        cmocka_unit_test(required_fields_are_reported_with_their_path),
        cmocka_unit_test(optional_fields_of_wrong_type_are_ignored),
        cmocka_unit_test(invalid_members_are_skipped_and_the_slide_kept),
        cmocka_unit_test(time_windows_are_parsed_and_checked),
        cmocka_unit_test(timezone_must_be_a_known_iana_name),
        cmocka_unit_test(languages_are_validated_and_bad_entries_dropped),
        cmocka_unit_test(slides_over_the_limit_are_ignored_with_a_warning),
        cmocka_unit_test(members_over_the_limit_are_ignored_with_a_warning),
        cmocka_unit_test(digest_is_the_fnv1a_of_the_raw_bytes),
        cmocka_unit_test(parse_without_report_callback_is_safe),
        cmocka_unit_test(parse_reads_only_len_bytes),
        cmocka_unit_test(stacked_diacritics_are_capped_but_vietnamese_and_hebrew_are_kept),
        cmocka_unit_test(load_file_resolves_beside_the_file),
        cmocka_unit_test(load_file_reports_an_unreadable_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
