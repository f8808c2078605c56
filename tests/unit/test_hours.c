/* Unit tests for hours.c: parsing "hours" windows with their problems, and judging them
 * on the wall clock of America/Toronto and Europe/Paris, over ordinary weeks, overnight
 * windows and both DST nights of 2026. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "hours.h"
#include "zone.h"

#define H        3600
#define MIN      60
#define PROBS    16
#define TEXT_LEN 256

struct problems {
    size_t n;
    char path[PROBS][TEXT_LEN], msg[PROBS][TEXT_LEN];
};

static void collect(void *ctx, const char *path, const char *message)
{
    struct problems *p = ctx;
    if (p->n == PROBS) return;
    snprintf(p->path[p->n], TEXT_LEN, "%s", path);
    snprintf(p->msg[p->n], TEXT_LEN, "%s", message);
    p->n++;
}

static bool parse(const char *json, struct hours *h, struct problems *p)
{
    json_error_t err;
    json_t *v = json_loads(json, 0, &err);
    if (!v) fail_msg("test JSON: %s", err.text);
    memset(p, 0, sizeof *p);
    const bool ok = hours_parse(v, "slides[2].hours", h, collect, p);
    json_decref(v);
    return ok;
}

static struct hours must_parse(const char *json)
{
    struct hours h;
    struct problems p;
    if (!parse(json, &h, &p)) fail_msg("%s: %s", p.path[0], p.msg[0]);
    assert_int_equal(p.n, 0);
    return h;
}

static struct zone *load(const char *name)
{
    struct zone *z = zone_load(name, NULL, 0);
    assert_non_null(z);
    return z;
}

/* Unix seconds of a local wall time, for times that exist once. */
static int64_t local(const struct zone *z, int y, int mo, int d, int h, int mi)
{
    int64_t u[2];
    assert_int_equal(zone_instants(z, zone_civil(y, mo, d, h * H + mi * MIN), u), 1);
    return u[0];
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return zone_civil(y, mo, d, h * H + mi * MIN);
}

static void windows_parse_into_days_and_minutes(void **state)
{
    (void)state;
    const struct hours h = must_parse(
        "[{\"days\": [\"mon\",\"Tue\",\"WED\",\"thursday\",\"fri\"], \"from\": \"07:30\", "
        "\"to\": \"10:00\"}, {\"from\": \"22:00\", \"to\": \"2:00\"}, "
        "{\"days\": [\"sun\"], \"from\": \"00:00\", \"to\": \"24:00\"}]");
    assert_int_equal(h.n, 3);
    assert_int_equal(h.w[0].days, 0x3e);
    assert_int_equal(h.w[0].from, 450);
    assert_int_equal(h.w[0].to, 600);
    assert_int_equal(h.w[1].days, 0x7f);
    assert_int_equal(h.w[1].from, 1320);
    assert_int_equal(h.w[1].to, 120);
    assert_int_equal(h.w[2].days, 1);
    assert_int_equal(h.w[2].to, HOURS_DAY_MIN);
}

static void every_problem_is_reported_with_its_path(void **state)
{
    (void)state;
    struct hours h = {0};
    struct problems p;
    assert_false(parse("[{\"days\": [\"mon\", \"mnd\", 3], \"from\": \"7h30\", \"to\": \"25:00\"},"
                       " {\"from\": \"10:00\", \"to\": \"10:00\"}, 5,"
                       " {\"days\": [], \"from\": \"24:00\", \"to\": \"10:60\"}, {\"to\": 9}]",
                       &h, &p));
    assert_int_equal(h.n, 0); /* untouched on failure */
    const char *const want[][2] = {
        {"slides[2].hours[0].days[1]",
         "unknown day \"mnd\" (expected mon, tue, wed, thu, fri, sat or sun)"},
        {"slides[2].hours[0].days[2]", "expected a day name such as \"mon\""},
        {"slides[2].hours[0].from", "invalid time \"7h30\" (expected HH:MM, 00:00 to 23:59)"},
        {"slides[2].hours[0].to", "invalid time \"25:00\" (expected HH:MM, 00:00 to 24:00)"},
        {"slides[2].hours[1]", "\"from\" and \"to\" are the same time: an empty window (all day "
                               "is \"00:00\" to \"24:00\")"},
        {"slides[2].hours[2]", "expected an object such as {\"days\": [\"mon\"], \"from\": "
                               "\"07:30\", \"to\": \"10:00\"}"},
        {"slides[2].hours[3].days", "expected a non-empty array of days such as [\"mon\", "
                                    "\"tue\"]"},
        {"slides[2].hours[3].from", "invalid time \"24:00\" (expected HH:MM, 00:00 to 23:59)"},
        {"slides[2].hours[3].to", "invalid time \"10:60\" (expected HH:MM, 00:00 to 24:00)"},
        {"slides[2].hours[4].from", "missing required field (a time such as \"07:30\")"},
        {"slides[2].hours[4].to", "expected a time such as \"07:30\" (HH:MM, 00:00 to 24:00)"},
    };
    assert_int_equal(p.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < p.n; i++) {
        assert_string_equal(p.path[i], want[i][0]);
        assert_string_equal(p.msg[i], want[i][1]);
    }
}

static void the_whole_value_must_be_a_short_array(void **state)
{
    (void)state;
    struct hours h;
    struct problems p;
    assert_false(parse("{\"from\": \"07:00\"}", &h, &p));
    assert_string_equal(p.path[0], "slides[2].hours");
    assert_false(parse("[]", &h, &p));
    assert_int_equal(p.n, 1);
    char many[2048] = "[";
    for (int i = 0; i <= HOURS_MAX_WINDOWS; i++)
        strcat(many, i ? ",{\"from\":\"01:00\",\"to\":\"02:00\"}"
                       : "{\"from\":\"01:00\",\"to\":\"02:00\"}");
    strcat(many, "]");
    assert_false(parse(many, &h, &p));
    assert_string_equal(p.msg[0], "more than 16 windows");
    /* A control character in a day name never reaches the technician's terminal raw. */
    assert_false(
        parse("[{\"days\": [\"mo\\u001bn\"], \"from\": \"01:00\", \"to\": \"02:00\"}]", &h, &p));
    assert_non_null(strstr(p.msg[0], "\"mo?n\""));
}

static void weekday_mornings_in_toronto(void **state)
{
    (void)state;
    struct zone *z = load("America/Toronto");
    const struct hours h =
        must_parse("[{\"days\": [\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"], \"from\": \"07:30\", "
                   "\"to\": \"10:00\"}]");
    /* Tuesday 2026-12-08, EST. */
    assert_false(hours_inside(&h, z, local(z, 2026, 12, 8, 7, 29)));
    assert_true(hours_inside(&h, z, local(z, 2026, 12, 8, 7, 30)));
    assert_true(hours_inside(&h, z, local(z, 2026, 12, 8, 9, 59)));
    assert_false(hours_inside(&h, z, local(z, 2026, 12, 8, 10, 0)));
    assert_false(hours_inside(&h, z, local(z, 2026, 12, 12, 8, 0))); /* Saturday */
    assert_int_equal(hours_next_change(&h, z, local(z, 2026, 12, 8, 6, 0)),
                     local(z, 2026, 12, 8, 7, 30));
    assert_int_equal(hours_next_change(&h, z, local(z, 2026, 12, 8, 7, 30)),
                     local(z, 2026, 12, 8, 10, 0));
    /* Friday after the window: next is Monday morning. */
    assert_int_equal(hours_next_change(&h, z, local(z, 2026, 12, 11, 11, 0)),
                     local(z, 2026, 12, 14, 7, 30));
    zone_free(z);
}

static void an_overnight_window_belongs_to_its_start_day(void **state)
{
    (void)state;
    struct zone *z = load("America/Toronto");
    const struct hours h =
        must_parse("[{\"days\": [\"fri\"], \"from\": \"22:00\", \"to\": \"02:00\"}]");
    assert_true(hours_inside(&h, z, local(z, 2026, 12, 11, 22, 0)));  /* Friday */
    assert_true(hours_inside(&h, z, local(z, 2026, 12, 12, 1, 0)));   /* Saturday 01:00 */
    assert_false(hours_inside(&h, z, local(z, 2026, 12, 12, 2, 0)));  /* Saturday 02:00 */
    assert_false(hours_inside(&h, z, local(z, 2026, 12, 11, 1, 0)));  /* Friday 01:00 */
    assert_false(hours_inside(&h, z, local(z, 2026, 12, 12, 23, 0))); /* Saturday night */
    assert_int_equal(hours_next_change(&h, z, local(z, 2026, 12, 11, 23, 0)),
                     local(z, 2026, 12, 12, 2, 0));
    zone_free(z);
}

static void no_windows_means_always_on(void **state)
{
    (void)state;
    struct zone *z = load("UTC");
    const struct hours none = {0};
    assert_true(hours_inside(&none, z, 0));
    assert_int_equal(hours_next_change(&none, z, 0), INT64_MAX);
    const struct hours all = must_parse("[{\"from\": \"00:00\", \"to\": \"24:00\"}]");
    assert_true(hours_inside(&all, z, utc(2026, 12, 8, 23, 59)));
    assert_int_equal(hours_next_change(&all, z, utc(2026, 12, 8, 12, 0)), INT64_MAX);
    zone_free(z);
}

/* 2026-03-08, a Sunday: Toronto's clocks go from 02:00 EST to 03:00 EDT (07:00Z). */
static void spring_forward_skips_what_the_clocks_skip(void **state)
{
    (void)state;
    struct zone *z = load("America/Toronto");
    const struct hours gone =
        must_parse("[{\"days\": [\"sun\"], \"from\": \"02:00\", \"to\": \"03:00\"}]");
    /* The window never opens that night; the next one is a week later (EDT). */
    assert_int_equal(hours_next_change(&gone, z, utc(2026, 3, 7, 17, 0)), utc(2026, 3, 15, 6, 0));
    for (int64_t t = utc(2026, 3, 8, 5, 0); t < utc(2026, 3, 8, 9, 0); t += MIN)
        assert_false(hours_inside(&gone, z, t));

    /* 02:30-04:00 opens when the clocks jump to 03:00. */
    const struct hours late =
        must_parse("[{\"days\": [\"sun\"], \"from\": \"02:30\", \"to\": \"04:00\"}]");
    assert_int_equal(hours_next_change(&late, z, utc(2026, 3, 8, 6, 0)), utc(2026, 3, 8, 7, 0));
    assert_true(hours_inside(&late, z, utc(2026, 3, 8, 7, 0)));
    assert_int_equal(hours_next_change(&late, z, utc(2026, 3, 8, 7, 0)), utc(2026, 3, 8, 8, 0));
    zone_free(z);
}

/* 2026-11-01, a Sunday: Toronto's clocks go from 02:00 EDT back to 01:00 EST (06:00Z). */
static void fall_back_repeats_what_the_clocks_repeat(void **state)
{
    (void)state;
    struct zone *z = load("America/Toronto");
    const struct hours h =
        must_parse("[{\"days\": [\"sun\"], \"from\": \"01:00\", \"to\": \"02:00\"}]");
    assert_int_equal(hours_next_change(&h, z, utc(2026, 11, 1, 4, 0)), utc(2026, 11, 1, 5, 0));
    /* 01:00 EDT to 02:00 EST: two hours of wall clock between 01:00 and 02:00. */
    assert_int_equal(hours_next_change(&h, z, utc(2026, 11, 1, 5, 0)), utc(2026, 11, 1, 7, 0));

    const struct hours q =
        must_parse("[{\"days\": [\"sun\"], \"from\": \"01:30\", \"to\": \"01:45\"}]");
    int64_t t = utc(2026, 11, 1, 4, 0);
    const int64_t want[] = {utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 5, 45),
                            utc(2026, 11, 1, 6, 30), utc(2026, 11, 1, 6, 45)};
    for (size_t i = 0; i < 4; i++) {
        t = hours_next_change(&q, z, t);
        assert_int_equal(t, want[i]);
        assert_int_equal(hours_inside(&q, z, t), i % 2 == 0);
    }
    zone_free(z);
}

static void paris_dst_nights(void **state)
{
    (void)state;
    struct zone *z = load("Europe/Paris");
    /* 2026-03-29: 02:00 CET -> 03:00 CEST at 01:00Z. A night window 23:00-03:00 (sat)
     * ends when the clocks jump, an hour of real time early. */
    const struct hours night =
        must_parse("[{\"days\": [\"sat\"], \"from\": \"23:00\", \"to\": \"03:00\"}]");
    assert_true(hours_inside(&night, z, utc(2026, 3, 28, 22, 0)));
    assert_int_equal(hours_next_change(&night, z, utc(2026, 3, 28, 22, 0)), utc(2026, 3, 29, 1, 0));
    /* 2026-10-25: 03:00 CEST -> 02:00 CET at 01:00Z. The same window lasts five hours. */
    assert_int_equal(hours_next_change(&night, z, utc(2026, 10, 24, 21, 0)),
                     utc(2026, 10, 25, 2, 0));
    const struct hours fold =
        must_parse("[{\"days\": [\"sun\"], \"from\": \"02:15\", \"to\": \"02:45\"}]");
    assert_int_equal(hours_next_change(&fold, z, utc(2026, 10, 25, 0, 0)),
                     utc(2026, 10, 25, 0, 15));
    assert_int_equal(hours_next_change(&fold, z, utc(2026, 10, 25, 0, 45)),
                     utc(2026, 10, 25, 1, 15));
    zone_free(z);
}

/* Following the changes from one to the next visits every minute at which the answer
 * differs from the minute before, and nothing else, across both DST nights. */
static void next_change_agrees_with_minute_by_minute_sampling(void **state)
{
    (void)state;
    static const char *const sets[] = {
        "[{\"days\": [\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"], \"from\": \"07:30\", \"to\": "
        "\"10:00\"}, {\"days\": [\"sat\",\"sun\"], \"from\": \"11:00\", \"to\": \"14:00\"}]",
        "[{\"days\": [\"fri\",\"sat\"], \"from\": \"22:00\", \"to\": \"02:30\"}, {\"days\": "
        "[\"sun\"], \"from\": \"01:00\", \"to\": \"03:00\"}]",
        "[{\"from\": \"02:10\", \"to\": \"02:20\"}, {\"from\": \"23:59\", \"to\": \"00:01\"}]",
        "[{\"days\": [\"sun\"], \"from\": \"00:00\", \"to\": \"24:00\"}, {\"days\": [\"mon\"], "
        "\"from\": \"12:00\", \"to\": \"00:00\"}]",
    };
    static const char *const zones[] = {"America/Toronto", "Europe/Paris"};
    static const int64_t starts[] = {1772409600LL /* 2026-03-02 */, 1792800000LL /* 10-24 */};
    for (size_t zi = 0; zi < 2; zi++) {
        struct zone *z = load(zones[zi]);
        for (size_t si = 0; si < sizeof sets / sizeof *sets; si++) {
            const struct hours h = must_parse(sets[si]);
            for (size_t di = 0; di < 2; di++) {
                int64_t t = starts[di], next = hours_next_change(&h, z, t);
                bool was = hours_inside(&h, z, t);
                for (int64_t m = t + MIN; m < starts[di] + 14 * 24 * H; m += MIN) {
                    const bool is = hours_inside(&h, z, m);
                    if (is != was) assert_int_equal(m, next);
                    if (m == next) {
                        assert_true(is != was);
                        next = hours_next_change(&h, z, m);
                    }
                    was = is;
                }
            }
        }
        zone_free(z);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(windows_parse_into_days_and_minutes),
        cmocka_unit_test(every_problem_is_reported_with_its_path),
        cmocka_unit_test(the_whole_value_must_be_a_short_array),
        cmocka_unit_test(weekday_mornings_in_toronto),
        cmocka_unit_test(an_overnight_window_belongs_to_its_start_day),
        cmocka_unit_test(no_windows_means_always_on),
        cmocka_unit_test(spring_forward_skips_what_the_clocks_skip),
        cmocka_unit_test(fall_back_repeats_what_the_clocks_repeat),
        cmocka_unit_test(paris_dst_nights),
        cmocka_unit_test(next_change_agrees_with_minute_by_minute_sampling),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
