/* Unit tests for plan.c (--plan): the showings of a span as JSON lines, contiguous from
 * the start to the end of the span, cut where the active set changes, with null lines
 * while nothing is active, times at the event's offset across a DST change. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "plan.h"
#include "rfc3339.h"

#define MIN_VALID_S 1700000000LL
#define DOC_MAX     4096
#define MAX_LINES   64

static struct feed *parse(const char *slides)
{
    char doc[DOC_MAX];
    const int n = snprintf(doc, sizeof doc,
                           "{\"vitrine\":1,\"event\":{\"name\":\"T\",\"timezone\":"
                           "\"America/Toronto\"},\"languages\":[\"fr\",\"en\"],\"slides\":[%s]}",
                           slides);
    assert_true(n > 0 && (size_t)n < sizeof doc);
    struct feed *f = feed_parse(doc, (size_t)n, NULL, NULL, NULL);
    assert_non_null(f);
    return f;
}

struct line {
    int64_t at, until;
    char slide[32], lang[8];
    char at_text[40];
};

/* Runs plan_write into memory and parses every line back. */
static size_t plan(const struct feed *f, const char *screen, const char *from, int64_t for_s,
                   struct line *out)
{
    char *buf = NULL;
    size_t len = 0;
    int64_t t;
    assert_true(rfc3339_parse(from, &t));
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    const long n = plan_write(mem, f, screen, MIN_VALID_S, NULL, t, for_s);
    assert_int_equal(fclose(mem), 0);
    assert_true(n >= 0 && n <= MAX_LINES);
    size_t count = 0;
    for (char *p = buf, *nl; (nl = strchr(p, '\n')); p = nl + 1, count++) {
        json_error_t err;
        json_t *j = json_loadb(p, (size_t)(nl - p), 0, &err);
        assert_non_null(j);
        struct line *l = &out[count];
        memset(l, 0, sizeof *l);
        snprintf(l->at_text, sizeof l->at_text, "%s", json_string_value(json_object_get(j, "at")));
        assert_true(rfc3339_parse(l->at_text, &l->at));
        assert_true(rfc3339_parse(json_string_value(json_object_get(j, "until")), &l->until));
        const json_t *s = json_object_get(j, "slide"), *g = json_object_get(j, "lang");
        if (json_is_string(s)) snprintf(l->slide, sizeof l->slide, "%s", json_string_value(s));
        if (json_is_string(g)) snprintf(l->lang, sizeof l->lang, "%s", json_string_value(g));
        assert_true(json_is_string(s) == json_is_string(g));
        json_decref(j);
    }
    assert_int_equal(count, (size_t)n);
    free(buf);
    return count;
}

#define PARTNER(id, extra)                                                                         \
    "{\"id\":\"" id "\",\"type\":\"partner\",\"name\":\"" id "\",\"duration\":10" extra "}"

static void showings_tile_the_span(void **state)
{
    (void)state;
    struct feed *f = parse(PARTNER("a", "") "," PARTNER("b", ",\"weight\":2"));
    struct line l[MAX_LINES];
    /* 1800000000 is a multiple of the 60 s loop (3 showings x 10 s x 2 languages). */
    const size_t n = plan(f, NULL, "2027-01-15T03:00:05-05:00", 60, l);
    assert_int_equal(n, 7); /* 5 s of one, 5 whole showings, 5 s of the last */
    assert_string_equal(l[0].at_text, "2027-01-15T03:00:05-05:00");
    assert_int_equal(l[0].until - l[0].at, 5);
    for (size_t i = 1; i < n; i++)
        assert_int_equal(l[i].at, l[i - 1].until);
    assert_int_equal(l[n - 1].until, l[0].at + 60);
    size_t b = 0, fr = 0;
    for (size_t i = 0; i < n; i++) {
        b += strcmp(l[i].slide, "b") == 0;
        fr += strcmp(l[i].lang, "fr") == 0;
    }
    assert_int_equal(b, 5);  /* weight 2: twice as many showings as a */
    assert_int_equal(fr, 4); /* the fr pass, the en pass, then fr again */
    assert_string_equal(l[3].lang, "en");
    assert_string_equal(l[6].lang, "fr");
    feed_free(f);
}

static void hours_cut_showings_and_idle_is_null(void **state)
{
    (void)state;
    /* Only from 07:30 on weekdays, local time. */
    struct feed *f = parse(PARTNER(
        "breakfast", ",\"hours\":[{\"days\":[\"fri\"],\"from\":\"07:30\",\"to\":\"07:31\"}]"));
    struct line l[MAX_LINES];
    const size_t n = plan(f, NULL, "2027-01-15T07:29:00-05:00", 180, l);
    assert_true(n >= 3);
    assert_string_equal(l[0].slide, "");
    assert_string_equal(l[0].at_text, "2027-01-15T07:29:00-05:00");
    assert_int_equal(l[0].until, l[0].at + 60);
    assert_string_equal(l[1].slide, "breakfast");
    assert_string_equal(l[n - 1].slide, "");
    assert_int_equal(l[n - 2].until, l[0].at + 120); /* cut at 07:31 */
    assert_int_equal(l[n - 1].until, l[0].at + 180);
    feed_free(f);
}

static void times_follow_the_event_offset_across_dst(void **state)
{
    (void)state;
    struct feed *f = parse("{\"id\":\"a\",\"type\":\"partner\",\"name\":\"a\",\"duration\":3600}");
    struct line l[MAX_LINES];
    /* Toronto springs forward at 02:00 on 2027-03-14. */
    const size_t n = plan(f, NULL, "2027-03-14T01:00:00-05:00", 3 * 3600, l);
    assert_true(n >= 3);
    assert_string_equal(l[0].at_text, "2027-03-14T01:00:00-05:00");
    assert_non_null(strstr(l[n - 1].at_text, "-04:00"));
    feed_free(f);
}

static void a_screen_sees_only_its_slides(void **state)
{
    (void)state;
    struct feed *f = parse(PARTNER("a", "") "," PARTNER("hall", ",\"screens\":[\"hall-b\"]"));
    struct line l[MAX_LINES];
    size_t n = plan(f, NULL, "2027-01-15T03:00:00-05:00", 40, l);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(l[i].slide, "a");
    n = plan(f, "hall-b", "2027-01-15T03:00:00-05:00", 40, l);
    size_t hall = 0;
    for (size_t i = 0; i < n; i++)
        hall += strcmp(l[i].slide, "hall") == 0;
    assert_int_equal(hall, 2);
    feed_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(showings_tile_the_span),
        cmocka_unit_test(hours_cut_showings_and_idle_is_null),
        cmocka_unit_test(times_follow_the_event_offset_across_dst),
        cmocka_unit_test(a_screen_sees_only_its_slides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
