/* Unit tests for the fields any slide may carry beyond start/end -- "hours", "weight",
 * "screens" -- as the feed parser reads them (placement.c) and as the rotation uses them
 * (schedule.c): windows in the event's zone combined with start/end, the unset clock,
 * weights spread over the loop, per-screen targeting. Wall times are passed in. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "placement.h"
#include "schedule.h"

#define MIN_VALID_S 1700000000LL
#define DOC_MAX     8192
#define S_MS        1000LL
/* Friday 2027-01-15 in Toronto (UTC-5): local 07:00 is 12:00Z. */
#define FRI_0700 1800014400000LL /* 2027-01-15T12:00:00Z */
#define MIN_MS   (60 * S_MS)
#define HOUR_MS  (60 * MIN_MS)

static void count_problem(void *ctx, enum feed_severity severity, const char *path,
                          const char *message)
{
    (void)severity;
    int *problems = ctx;
    ++*problems;
    print_message("feed problem at %s: %s\n", path, message);
}

/* A feed in Toronto's zone with the given slides; *problems counts every report. */
static struct feed *parse(const char *slides, int *problems)
{
    char doc[DOC_MAX];
    const int n = snprintf(doc, sizeof doc,
                           "{\"vitrine\":1,\"event\":{\"name\":\"T\",\"timezone\":"
                           "\"America/Toronto\"},\"languages\":[\"fr\"],\"defaults\":"
                           "{\"duration\":10},\"slides\":[%s]}",
                           slides);
    assert_true(n > 0 && (size_t)n < sizeof doc);
    *problems = 0;
    return feed_parse(doc, (size_t)n, NULL, count_problem, problems);
}

static struct feed *parse_clean(const char *slides)
{
    int problems;
    struct feed *f = parse(slides, &problems);
    assert_non_null(f);
    assert_int_equal(problems, 0);
    return f;
}

#define PARTNER(id, extra) "{\"id\":\"" id "\",\"type\":\"partner\",\"name\":\"" id "\"" extra "}"
#define BREAKFAST                                                                                  \
    ",\"hours\":[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],\"from\":\"07:30\","          \
    "\"to\":\"10:00\"}]"

static void fields_are_read_with_their_defaults(void **state)
{
    (void)state;
    struct feed *f = parse_clean(PARTNER("a", BREAKFAST ",\"weight\":3,\"screens\":[\"lobby\","
                                                        "\"hall-b\"]") "," PARTNER("b", ""));
    const struct slide *a = feed_slide(f, 0), *b = feed_slide(f, 1);
    assert_int_equal(a->hours.n, 1);
    assert_int_equal(a->hours.w[0].from, 7 * 60 + 30);
    assert_int_equal(a->hours.w[0].to, 10 * 60);
    assert_int_equal(a->weight, 3);
    assert_int_equal(a->n_screens, 2);
    assert_string_equal(a->screens[1], "hall-b");
    assert_int_equal(b->hours.n, 0);
    assert_int_equal(b->weight, 1);
    assert_int_equal(b->n_screens, 0);
    assert_true(placement_for_screen(b, NULL));
    assert_true(placement_for_screen(a, "LOBBY"));
    assert_false(placement_for_screen(a, "hall-c"));
    assert_false(placement_for_screen(a, NULL));
    assert_false(placement_for_screen(a, ""));
    feed_free(f);
}

static void bad_values_skip_the_slide_or_fall_back(void **state)
{
    (void)state;
    int problems;
    /* A bad weight is a warning and weight 1; bad hours or screens skip the slide. */
    struct feed *f = parse(
        PARTNER("w", ",\"weight\":11") "," PARTNER("w2", ",\"weight\":\"2\"") "," PARTNER(
            "h",
            ",\"hours\":[{\"days\":[\"mnd\"],\"from\":\"07:30\","
            "\"to\":\"10:00\"}]") "," PARTNER("s",
                                              ",\"screens\":[\"lobby\",\"\"]") "," PARTNER("s2",
                                                                                           ",\"scre"
                                                                                           "ens\":"
                                                                                           "\"lobby"
                                                                                           "\"") "," PARTNER("s3",
                                                                                                             ",\"screens\":[]"),
        &problems);
    assert_non_null(f);
    assert_int_equal(problems, 6);
    assert_int_equal(feed_slide_count(f), 2);
    assert_string_equal(feed_slide(f, 0)->id, "w");
    assert_int_equal(feed_slide(f, 0)->weight, 1);
    assert_int_equal(feed_slide(f, 1)->weight, 1);
    feed_free(f);
}

static size_t active(const struct schedule *s, int64_t t)
{
    return schedule_active(s, t, NULL, 0);
}

static void hours_are_read_in_the_event_zone(void **state)
{
    (void)state;
    struct feed *f = parse_clean(PARTNER("breakfast", BREAKFAST) "," PARTNER("always", ""));
    struct schedule *s = schedule_new(f, MIN_VALID_S, NULL);
    size_t idx[2];
    assert_int_equal(active(s, FRI_0700), 1); /* 07:00 local: before breakfast */
    assert_int_equal(schedule_next_change(s, FRI_0700), FRI_0700 + 30 * MIN_MS);
    assert_int_equal(active(s, FRI_0700 + 30 * MIN_MS - 1), 1);
    assert_int_equal(schedule_active(s, FRI_0700 + 30 * MIN_MS, idx, 2), 2);
    assert_int_equal(idx[0], 0);
    assert_int_equal(schedule_next_change(s, FRI_0700 + 30 * MIN_MS), FRI_0700 + 3 * HOUR_MS);
    assert_int_equal(active(s, FRI_0700 + 3 * HOUR_MS - 1), 2);
    assert_int_equal(active(s, FRI_0700 + 3 * HOUR_MS), 1); /* 10:00 */
    /* Saturday 08:00 local: not a breakfast day. */
    assert_int_equal(active(s, FRI_0700 + 25 * HOUR_MS), 1);
    schedule_free(s);
    feed_free(f);
}

static void hours_and_start_end_must_both_hold(void **state)
{
    (void)state;
    /* Breakfast only from Friday 08:00 local on; the window ends Monday. */
    struct feed *f = parse_clean(
        PARTNER("b", BREAKFAST ",\"start\":\"2027-01-15T08:00:00-05:00\","
                               "\"end\":\"2027-01-18T09:00:00-05:00\"") "," PARTNER("always", ""));
    struct schedule *s = schedule_new(f, MIN_VALID_S, NULL);
    assert_int_equal(active(s, FRI_0700 + 45 * MIN_MS), 1); /* in hours, before start */
    assert_int_equal(active(s, FRI_0700 + 60 * MIN_MS), 2); /* both */
    assert_int_equal(active(s, FRI_0700 + 72 * HOUR_MS + 90 * MIN_MS), 2); /* Mon 08:30 */
    assert_int_equal(active(s, FRI_0700 + 74 * HOUR_MS), 1); /* Mon 09:00: window over */
    schedule_free(s);
    feed_free(f);
}

static void overnight_hours_belong_to_the_start_day(void **state)
{
    (void)state;
    struct feed *f = parse_clean(
        PARTNER("party", ",\"hours\":[{\"days\":[\"fri\"],\"from\":\"22:00\",\"to\":\"02:00\"}]"));
    struct schedule *s = schedule_new(f, MIN_VALID_S, NULL);
    assert_int_equal(active(s, FRI_0700 + 15 * HOUR_MS), 1); /* Fri 22:00 */
    assert_int_equal(active(s, FRI_0700 + 18 * HOUR_MS), 1); /* Sat 01:00 */
    assert_int_equal(active(s, FRI_0700 + 19 * HOUR_MS), 0); /* Sat 02:00 */
    assert_int_equal(active(s, FRI_0700 + 39 * HOUR_MS), 0); /* Sat 22:00 */
    schedule_free(s);
    feed_free(f);
}

static void an_unset_clock_ignores_slides_with_hours(void **state)
{
    (void)state;
    struct feed *f = parse_clean(PARTNER("b", BREAKFAST) "," PARTNER("always", ""));
    struct schedule *s = schedule_new(f, MIN_VALID_S, NULL);
    size_t idx[2];
    assert_int_equal(schedule_active(s, 5000, idx, 2), 1); /* 1970: a Pi before NTP */
    assert_int_equal(idx[0], 1);
    assert_int_equal(schedule_next_change(s, 5000), MIN_VALID_S * S_MS);
    schedule_free(s);
    feed_free(f);
}

/* The slide ids of one language's pass starting at t, as a string "abaca". */
static void loop_ids(const struct schedule *s, const struct feed *f, int64_t t, char *out,
                     size_t cap)
{
    struct schedule_pos pos;
    assert_true(schedule_at(s, t, &pos));
    int64_t at = pos.start_ms - (int64_t)pos.index * 10 * S_MS; /* all slides last 10 s */
    size_t n = 0;
    for (size_t k = 0; k < pos.count && n + 1 < cap; k++) {
        struct schedule_pos p;
        assert_true(schedule_at(s, at, &p));
        assert_int_equal(p.index, k);
        assert_int_equal(p.start_ms, at);
        assert_int_equal(p.end_ms, at + 10 * S_MS);
        out[n++] = feed_slide(f, p.slide)->id[0];
        at = p.end_ms;
    }
    out[n] = '\0';
}

static void weights_spread_copies_over_the_loop(void **state)
{
    (void)state;
    struct feed *f = parse_clean(PARTNER("a", ",\"weight\":3") "," PARTNER("b", "") "," PARTNER(
        "c", ",\"weight\":2") "," PARTNER("d", ""));
    struct schedule *s = schedule_new(f, MIN_VALID_S, NULL);
    struct schedule_pos pos;
    assert_true(schedule_at(s, FRI_0700, &pos));
    assert_int_equal(pos.count, 7);
    assert_int_equal(active(s, FRI_0700), 4); /* distinct slides, for --render-slides */
    char ids[16], again[16];
    loop_ids(s, f, FRI_0700, ids, sizeof ids);
    assert_int_equal(strlen(ids), 7);
    size_t seen[4] = {0};
    for (size_t i = 0; i < 7; i++) {
        seen[ids[i] - 'a']++;
        assert_true(ids[i] != ids[(i + 1) % 7]); /* no copies side by side, round the loop */
    }
    assert_int_equal(seen[0], 3);
    assert_int_equal(seen[1], 1);
    assert_int_equal(seen[2], 2);
    assert_int_equal(seen[3], 1);
    /* A pure function of the clock: another screen, a day later, the same loop. */
    struct schedule *s2 = schedule_new(f, MIN_VALID_S, NULL);
    loop_ids(s2, f, FRI_0700 + 24 * HOUR_MS, again, sizeof again);
    assert_string_equal(ids, again);
    print_message("weighted loop: %s\n", ids);
    schedule_free(s2);
    schedule_free(s);
    feed_free(f);
}

static void screens_target_slides(void **state)
{
    (void)state;
    struct feed *f = parse_clean(PARTNER("everywhere", "") "," PARTNER(
        "lobby", ",\"screens\":[\"lobby\"]") "," PARTNER("hall", ",\"screens\":[\"hall-b\","
                                                                 "\"lobby\"],\"weight\":2"));
    struct schedule *lobby = schedule_new(f, MIN_VALID_S, "Lobby");
    struct schedule *hall = schedule_new(f, MIN_VALID_S, "hall-b");
    struct schedule *none = schedule_new(f, MIN_VALID_S, NULL);
    size_t idx[3];
    assert_int_equal(active(lobby, FRI_0700), 3);
    assert_int_equal(schedule_active(hall, FRI_0700, idx, 3), 2);
    assert_int_equal(idx[0], 0);
    assert_int_equal(idx[1], 2);
    assert_int_equal(schedule_active(none, FRI_0700, idx, 3), 1);
    assert_int_equal(idx[0], 0);
    /* Targeting is no clock matter: it holds while the clock is unset too. */
    assert_int_equal(active(hall, 5000), 2);
    struct schedule_pos pos;
    assert_true(schedule_at(hall, FRI_0700, &pos));
    assert_int_equal(pos.count, 3);
    schedule_free(lobby);
    schedule_free(hall);
    schedule_free(none);
    feed_free(f);
}

/* What the content allows (a sessions board without a programme, one ending after its
 * last talk) limits a slide like its own window does. */
static void content_limits_keep_a_slide_out_or_end_it(void **state)
{
    (void)state;
    struct feed *f = parse_clean(PARTNER("a", "") "," PARTNER("board", "") "," PARTNER("gone", ""));
    const int64_t until[3] = {INT64_MAX, FRI_0700 / S_MS + 3600, SCHEDULE_NEVER};
    struct schedule *s = schedule_new_limited(f, MIN_VALID_S, NULL, until);
    size_t idx[3];
    assert_int_equal(schedule_active(s, FRI_0700, idx, 3), 2);
    assert_int_equal(idx[1], 1);
    assert_int_equal(schedule_next_change(s, FRI_0700), FRI_0700 + HOUR_MS);
    assert_int_equal(schedule_active(s, FRI_0700 + HOUR_MS, idx, 3), 1);
    assert_int_equal(idx[0], 0);
    /* An ended board needs the clock: while it is unset only "a" rotates. */
    assert_int_equal(schedule_active(s, 5000, idx, 3), 1);
    schedule_free(s);
    feed_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_are_read_with_their_defaults),
        cmocka_unit_test(bad_values_skip_the_slide_or_fall_back),
        cmocka_unit_test(hours_are_read_in_the_event_zone),
        cmocka_unit_test(hours_and_start_end_must_both_hold),
        cmocka_unit_test(overnight_hours_belong_to_the_start_day),
        cmocka_unit_test(an_unset_clock_ignores_slides_with_hours),
        cmocka_unit_test(weights_spread_copies_over_the_loop),
        cmocka_unit_test(screens_target_slides),
        cmocka_unit_test(content_limits_keep_a_slide_out_or_end_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
