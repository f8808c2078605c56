/* Unit tests for schedule.c: the loop position, schedule windows, urgent takeover and the
 * unset clock, all driven by wall times passed in (no clock is read). Feeds are built
 * through feed_parse from small JSON documents. Also checks the shipped demo deck. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "feed.h"

#define MIN_VALID_S 1700000000LL    /* 2023-11-14: the "build date" */
#define T0          1800000000000LL /* 2027-01-15T08:00:00Z in ms, a multiple of 20 s */
#define HOUR_MS     (3600LL * 1000)
#define BOOT_MS     5000LL /* 1970-01-01T00:00:05Z: a Pi without RTC */
#define DOC_MAX     8192

/* One partner slide; dur in seconds. */
#define SLIDE(id, dur)                                                                             \
    "{\"id\":\"" id "\",\"type\":\"partner\",\"name\":\"" id "\",\"duration\":" #dur "}"
/* The same with a schedule window and an urgent flag (JSON literals). */
#define WINDOWED(id, dur, start, end, urgent)                                                      \
    "{\"id\":\"" id "\",\"type\":\"partner\",\"name\":\"" id "\",\"duration\":" #dur               \
    ",\"start\":\"" start "\",\"end\":\"" end "\",\"urgent\":" #urgent "}"

/* T0 + 1 h and T0 + 2 h, written with an offset and in UTC. */
#define AT_09Z "2027-01-15T04:00:00-05:00"
#define AT_10Z "2027-01-15T10:00:00Z"
#define AT_11Z "2027-01-15T11:00:00Z"

struct fixture {
    struct feed *feed;
    struct schedule *schedule;
};

static void count_problem(void *ctx, enum feed_severity severity, const char *path,
                          const char *message)
{
    (void)severity;
    int *problems = ctx;
    ++*problems;
    print_message("feed problem at %s: %s\n", path, message);
}

static struct feed *parse_doc(const char *langs, const char *slides)
{
    char doc[DOC_MAX];
    const int n = snprintf(doc, sizeof doc,
                           "{\"vitrine\":1,\"event\":{\"name\":\"Test\"},\"languages\":[%s],"
                           "\"defaults\":{\"duration\":8},\"slides\":[%s]}",
                           langs, slides);
    assert_true(n > 0 && (size_t)n < sizeof doc);
    int problems = 0;
    struct feed *feed = feed_parse(doc, (size_t)n, NULL, count_problem, &problems);
    assert_non_null(feed);
    assert_int_equal(problems, 0);
    return feed;
}

static struct fixture make(const char *langs, const char *slides, int64_t min_valid_s)
{
    struct fixture f;
    f.feed = parse_doc(langs, slides);
    f.schedule = schedule_new(f.feed, min_valid_s, NULL);
    assert_non_null(f.schedule);
    assert_ptr_equal(schedule_feed(f.schedule), f.feed);
    return f;
}

static void drop(struct fixture *f)
{
    schedule_free(f->schedule);
    feed_free(f->feed);
}

/* Asserts the schedule shows slide/lang at now, in the showing [start, end). */
static void expect_at(const struct schedule *schedule, int64_t now, size_t slide, size_t lang,
                      int64_t start, int64_t end)
{
    struct schedule_pos pos;
    assert_true(schedule_at(schedule, now, &pos));
    assert_int_equal(pos.slide, slide);
    assert_int_equal(pos.lang, lang);
    assert_int_equal(pos.start_ms, start);
    assert_int_equal(pos.end_ms, end);
}

#define ABC SLIDE("a", 5) "," SLIDE("b", 3) "," SLIDE("c", 2)

static void loop_shows_every_slide_in_each_language_in_turn(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\",\"en\"", ABC, MIN_VALID_S);
    expect_at(f.schedule, T0, 0, 0, T0, T0 + 5000);
    expect_at(f.schedule, T0 + 4999, 0, 0, T0, T0 + 5000);
    expect_at(f.schedule, T0 + 5000, 1, 0, T0 + 5000, T0 + 8000);
    expect_at(f.schedule, T0 + 7999, 1, 0, T0 + 5000, T0 + 8000);
    expect_at(f.schedule, T0 + 8000, 2, 0, T0 + 8000, T0 + 10000);
    expect_at(f.schedule, T0 + 10000, 0, 1, T0 + 10000, T0 + 15000);
    expect_at(f.schedule, T0 + 15000, 1, 1, T0 + 15000, T0 + 18000);
    expect_at(f.schedule, T0 + 19999, 2, 1, T0 + 18000, T0 + 20000);
    expect_at(f.schedule, T0 + 20000, 0, 0, T0 + 20000, T0 + 25000);
    drop(&f);
}

static void position_reports_index_count_and_modes(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\",\"en\"", ABC, MIN_VALID_S);
    struct schedule_pos pos;
    assert_true(schedule_at(f.schedule, T0 + 16000, &pos));
    assert_int_equal(pos.index, 1);
    assert_int_equal(pos.count, 3);
    assert_false(pos.urgent_mode);
    assert_false(pos.clock_unset);
    drop(&f);
}

static void showings_tile_time_without_gaps(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\",\"en\"", ABC, MIN_VALID_S);
    struct schedule_pos pos;
    int64_t now = T0 - 123456;
    for (int i = 0; i < 100; i++) {
        assert_true(schedule_at(f.schedule, now, &pos));
        assert_true(pos.start_ms <= now && now < pos.end_ms);
        struct schedule_pos last;
        assert_true(schedule_at(f.schedule, pos.end_ms - 1, &last));
        assert_int_equal(last.start_ms, pos.start_ms);
        now = pos.end_ms;
    }
    drop(&f);
}

static void two_screens_show_the_same_slide_at_the_same_wall_time(void **state)
{
    (void)state;
    /* Two players that booted at different times and parsed the feed separately. */
    struct fixture a = make("\"fr\",\"en\"", ABC, MIN_VALID_S);
    struct fixture b = make("\"fr\",\"en\"", ABC, MIN_VALID_S);
    for (int64_t now = T0 - 7 * HOUR_MS; now < T0 + 7 * HOUR_MS; now += 9973) {
        struct schedule_pos pa, pb;
        assert_true(schedule_at(a.schedule, now, &pa));
        assert_true(schedule_at(b.schedule, now, &pb));
        assert_memory_equal(&pa, &pb, sizeof pa);
    }
    drop(&b);
    drop(&a);
}

static void durations_come_from_each_slide_or_the_default(void **state)
{
    (void)state;
    /* a: 8 s default, b: 1 s, c: 60 s; one language, loop 69 s. */
    struct fixture f =
        make("\"fr\"",
             "{\"id\":\"a\",\"type\":\"partner\",\"name\":\"a\"}," SLIDE("b", 1) "," SLIDE("c", 60),
             MIN_VALID_S);
    const int64_t base = 1800000010LL * 1000 - 1800000010LL * 1000 % 69000;
    expect_at(f.schedule, base + 7999, 0, 0, base, base + 8000);
    expect_at(f.schedule, base + 8000, 1, 0, base + 8000, base + 9000);
    expect_at(f.schedule, base + 9000, 2, 0, base + 9000, base + 69000);
    expect_at(f.schedule, base + 69000, 0, 0, base + 69000, base + 77000);
    drop(&f);
}

static void a_single_slide_alternates_languages(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\",\"en\"", SLIDE("only", 5), MIN_VALID_S);
    expect_at(f.schedule, T0, 0, 0, T0, T0 + 5000);
    expect_at(f.schedule, T0 + 5000, 0, 1, T0 + 5000, T0 + 10000);
    expect_at(f.schedule, T0 + 10000, 0, 0, T0 + 10000, T0 + 15000);
    struct schedule_pos pos;
    assert_true(schedule_at(f.schedule, T0 + 7000, &pos));
    assert_int_equal(pos.index, 0);
    assert_int_equal(pos.count, 1);
    drop(&f);
}

static void window_opens_and_closes_at_the_exact_instants(void **state)
{
    (void)state;
    /* w is active from 09:00Z (T0 + 1 h) to 10:00Z (T0 + 2 h). */
    struct fixture f = make("\"fr\",\"en\"",
                            SLIDE("a", 5) "," WINDOWED("w", 5, AT_09Z, AT_10Z, false), MIN_VALID_S);
    size_t out[4];
    assert_int_equal(schedule_active(f.schedule, T0 + HOUR_MS - 1, out, 4), 1);
    assert_int_equal(out[0], 0);
    assert_int_equal(schedule_active(f.schedule, T0 + HOUR_MS, out, 4), 2);
    assert_int_equal(out[1], 1);
    assert_int_equal(schedule_active(f.schedule, T0 + 2 * HOUR_MS - 1, out, 4), 2);
    assert_int_equal(schedule_active(f.schedule, T0 + 2 * HOUR_MS, out, 4), 1);

    assert_int_equal(schedule_next_change(f.schedule, T0), T0 + HOUR_MS);
    assert_int_equal(schedule_next_change(f.schedule, T0 + HOUR_MS - 1), T0 + HOUR_MS);
    assert_int_equal(schedule_next_change(f.schedule, T0 + HOUR_MS), T0 + 2 * HOUR_MS);
    assert_int_equal(schedule_next_change(f.schedule, T0 + 2 * HOUR_MS - 1), T0 + 2 * HOUR_MS);
    assert_int_equal(schedule_next_change(f.schedule, T0 + 2 * HOUR_MS), INT64_MAX);

    /* Inside the window the loop is a, w, a, w (20 s); T0 + 1 h is a multiple of 20 s. */
    expect_at(f.schedule, T0 + HOUR_MS + 5000, 1, 0, T0 + HOUR_MS + 5000, T0 + HOUR_MS + 10000);
    expect_at(f.schedule, T0 + HOUR_MS + 15000, 1, 1, T0 + HOUR_MS + 15000, T0 + HOUR_MS + 20000);
    drop(&f);
}

static void open_ended_windows_only_change_once(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\"",
                            "{\"id\":\"from\",\"type\":\"partner\",\"name\":\"x\",\"duration\":5,"
                            "\"start\":\"" AT_10Z "\"},"
                            "{\"id\":\"until\",\"type\":\"partner\",\"name\":\"y\",\"duration\":5,"
                            "\"end\":\"" AT_10Z "\"}",
                            MIN_VALID_S);
    size_t out[2];
    assert_int_equal(schedule_active(f.schedule, T0, out, 2), 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(schedule_next_change(f.schedule, T0), T0 + 2 * HOUR_MS);
    assert_int_equal(schedule_active(f.schedule, T0 + 2 * HOUR_MS, out, 2), 1);
    assert_int_equal(out[0], 0);
    assert_int_equal(schedule_next_change(f.schedule, T0 + 2 * HOUR_MS), INT64_MAX);
    drop(&f);
}

static void urgent_slide_takes_over_and_releases(void **state)
{
    (void)state;
    struct fixture f =
        make("\"fr\",\"en\"",
             SLIDE("a", 5) "," SLIDE("b", 5) "," WINDOWED("alert", 4, AT_09Z, AT_10Z, true),
             MIN_VALID_S);
    struct schedule_pos pos;
    assert_true(schedule_at(f.schedule, T0 + HOUR_MS - 1, &pos));
    assert_false(pos.urgent_mode);
    assert_int_equal(pos.count, 2);

    for (int64_t now = T0 + HOUR_MS; now < T0 + 2 * HOUR_MS; now += 61111) {
        assert_true(schedule_at(f.schedule, now, &pos));
        assert_true(pos.urgent_mode);
        assert_int_equal(pos.slide, 2);
        assert_int_equal(pos.count, 1);
        assert_int_equal(pos.index, 0);
    }
    size_t out[3];
    assert_int_equal(schedule_active(f.schedule, T0 + HOUR_MS, out, 3), 1);
    assert_int_equal(out[0], 2);

    assert_true(schedule_at(f.schedule, T0 + 2 * HOUR_MS, &pos));
    assert_false(pos.urgent_mode);
    assert_int_equal(pos.count, 2);
    assert_true(pos.slide < 2);
    drop(&f);
}

static void several_urgent_slides_rotate_together(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\"",
                            SLIDE("a", 5) "," WINDOWED("u1", 3, AT_09Z, AT_11Z, true) "," WINDOWED(
                                "u2", 3, AT_09Z, AT_10Z, true),
                            MIN_VALID_S);
    size_t out[3];
    assert_int_equal(schedule_active(f.schedule, T0 + HOUR_MS, out, 3), 2);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 2);
    assert_int_equal(schedule_active(f.schedule, T0 + 2 * HOUR_MS, out, 3), 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(schedule_active(f.schedule, T0 + 3 * HOUR_MS, out, 3), 1);
    assert_int_equal(out[0], 0);
    drop(&f);
}

static void nothing_active_means_idle(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\",\"en\"", WINDOWED("w", 5, AT_09Z, AT_10Z, false), MIN_VALID_S);
    struct schedule_pos pos;
    memset(&pos, 0xab, sizeof pos);
    struct schedule_pos untouched = pos;
    assert_false(schedule_at(f.schedule, T0, &pos));
    assert_memory_equal(&pos, &untouched, sizeof pos);
    assert_false(schedule_at(f.schedule, T0 + 2 * HOUR_MS, &pos));
    assert_int_equal(schedule_active(f.schedule, T0, NULL, 0), 0);
    assert_int_equal(schedule_next_change(f.schedule, T0), T0 + HOUR_MS);
    drop(&f);
}

static void active_list_is_capped_but_counts_everything(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\"", ABC, MIN_VALID_S);
    size_t out[2] = {99, 99};
    assert_int_equal(schedule_active(f.schedule, T0, out, 1), 3);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 99);
    assert_int_equal(schedule_active(f.schedule, T0, NULL, 0), 3);
    drop(&f);
}

static void unset_clock_shows_only_unscheduled_slides(void **state)
{
    (void)state;
    struct fixture f = make(
        "\"fr\",\"en\"",
        SLIDE("a", 5) "," WINDOWED("w", 5, AT_09Z, AT_10Z, false) "," SLIDE("b", 5), MIN_VALID_S);
    struct schedule_pos pos;
    assert_true(schedule_at(f.schedule, BOOT_MS, &pos));
    assert_true(pos.clock_unset);
    assert_int_equal(pos.count, 2);
    size_t out[3];
    assert_int_equal(schedule_active(f.schedule, BOOT_MS, out, 3), 2);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 2);
    /* Nothing changes until the clock is set, so wake at the build date at the latest. */
    assert_int_equal(schedule_next_change(f.schedule, BOOT_MS), MIN_VALID_S * 1000);
    assert_int_equal(schedule_next_change(f.schedule, MIN_VALID_S * 1000 - 1), MIN_VALID_S * 1000);
    drop(&f);
}

static void unset_clock_shows_everything_when_every_slide_is_scheduled(void **state)
{
    (void)state;
    struct fixture f =
        make("\"fr\",\"en\"",
             WINDOWED("w1", 5, AT_09Z, AT_10Z, false) "," WINDOWED("w2", 5, AT_10Z, AT_11Z, false),
             MIN_VALID_S);
    struct schedule_pos pos;
    assert_true(schedule_at(f.schedule, BOOT_MS, &pos));
    assert_true(pos.clock_unset);
    assert_int_equal(pos.count, 2);
    assert_int_equal(schedule_active(f.schedule, BOOT_MS, NULL, 0), 2);
    drop(&f);
}

static void ntp_jump_reevaluates_the_schedule(void **state)
{
    (void)state;
    struct fixture f = make(
        "\"fr\",\"en\"",
        SLIDE("a", 5) "," WINDOWED("w", 5, AT_09Z, AT_10Z, false) "," SLIDE("b", 5), MIN_VALID_S);
    size_t out[3];
    int64_t now = BOOT_MS;
    assert_int_equal(schedule_active(f.schedule, now, out, 3), 2);
    assert_int_equal(schedule_next_change(f.schedule, now), MIN_VALID_S * 1000);
    now = T0 + HOUR_MS + 30000; /* NTP sync lands inside w's window */
    struct schedule_pos pos;
    assert_true(schedule_at(f.schedule, now, &pos));
    assert_false(pos.clock_unset);
    assert_int_equal(pos.count, 3);
    assert_int_equal(schedule_next_change(f.schedule, now), T0 + 2 * HOUR_MS);
    /* The position is the same as on a screen whose clock was always right. */
    struct fixture g = make(
        "\"fr\",\"en\"",
        SLIDE("a", 5) "," WINDOWED("w", 5, AT_09Z, AT_10Z, false) "," SLIDE("b", 5), MIN_VALID_S);
    struct schedule_pos other;
    assert_true(schedule_at(g.schedule, now, &other));
    assert_memory_equal(&pos, &other, sizeof pos);
    drop(&g);
    drop(&f);
}

static void unset_clock_still_honours_urgent_unscheduled_slides(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\"",
                            SLIDE("a", 5) ",{\"id\":\"u\",\"type\":\"partner\",\"name\":\"u\","
                                          "\"urgent\":true}",
                            MIN_VALID_S);
    struct schedule_pos pos;
    assert_true(schedule_at(f.schedule, BOOT_MS, &pos));
    assert_true(pos.clock_unset);
    assert_true(pos.urgent_mode);
    assert_int_equal(pos.slide, 1);
    drop(&f);
}

static void negative_times_use_a_positive_modulo(void **state)
{
    (void)state;
    /* INT64_MIN as the build date: no wall time counts as unset. Loop 20 s. */
    struct fixture f = make("\"fr\",\"en\"", ABC, INT64_MIN);
    expect_at(f.schedule, -1, 2, 1, -2000, 0);
    expect_at(f.schedule, -20000, 0, 0, -20000, -15000);
    expect_at(f.schedule, -15001, 0, 0, -20000, -15000);
    expect_at(f.schedule, -10000, 0, 1, -10000, -5000);
    expect_at(f.schedule, 0, 0, 0, 0, 5000);
    drop(&f);
}

static void extreme_times_do_not_overflow(void **state)
{
    (void)state;
    struct fixture f = make("\"fr\",\"en\"", ABC, INT64_MIN);
    const int64_t extremes[] = {INT64_MIN, INT64_MIN + 1, INT64_MAX - 1, INT64_MAX};
    for (size_t i = 0; i < sizeof extremes / sizeof extremes[0]; i++) {
        struct schedule_pos pos;
        assert_true(schedule_at(f.schedule, extremes[i], &pos));
        assert_true(pos.start_ms <= extremes[i]);
        assert_true(pos.end_ms >= extremes[i]);
        assert_true(pos.slide < 3 && pos.lang < 2);
    }
    assert_int_equal(schedule_next_change(f.schedule, INT64_MAX), INT64_MAX);
    drop(&f);
}

static void missing_feed_gives_no_schedule(void **state)
{
    (void)state;
    assert_null(schedule_new(NULL, MIN_VALID_S, NULL));
    schedule_free(NULL);
}

/* ---- the shipped demo deck ---- */

static bool has_ascii_quote_or_bad_spacing(const char *fr)
{
    if (strchr(fr, '\'') != NULL || strchr(fr, '"') != NULL) return true;
    for (const char *p = fr; *p != '\0'; p++) {
        if (*p != ':' && *p != ';' && *p != '!' && *p != '?') continue;
        /* Before : ; ! ? French wants U+00A0 (C2 A0) or U+202F (E2 80 AF). */
        const bool nbsp =
            p - fr >= 2 && (unsigned char)p[-2] == 0xC2 && (unsigned char)p[-1] == 0xA0;
        const bool nnbsp = p - fr >= 3 && (unsigned char)p[-3] == 0xE2 &&
                           (unsigned char)p[-2] == 0x80 && (unsigned char)p[-1] == 0xAF;
        if (!nbsp && !nnbsp) return true;
    }
    return false;
}

/* Every text present is given in both languages, translated ones differ, and the French
 * follows French typography. */
static void expect_bilingual(const struct ltext *t, bool translated, const char *what)
{
    if (t->v[0] == NULL && t->v[1] == NULL) return;
    const bool ok = t->v[0] != NULL && t->v[1] != NULL &&
                    (!translated || strcmp(t->v[0], t->v[1]) != 0) &&
                    !has_ascii_quote_or_bad_spacing(t->v[0]);
    if (!ok)
        fail_msg("%s is not properly bilingual: \"%s\" / \"%s\"", what,
                 t->v[0] ? t->v[0] : "(none)", t->v[1] ? t->v[1] : "(none)");
}

static void expect_slide_bilingual(const struct slide *s)
{
    expect_bilingual(&s->title, s->type != SLIDE_PARTNER, "title");
    expect_bilingual(&s->subtitle, true, "subtitle");
    expect_bilingual(&s->text, true, "text");
    expect_bilingual(&s->when, true, "when");
    expect_bilingual(&s->where, true, "where");
    for (size_t m = 0; m < s->n_members; m++)
        expect_bilingual(&s->members[m].role, true, "role");
}

static void demo_deck_is_complete_and_bilingual(void **state)
{
    (void)state;
    const char *data = getenv("VITRINE_TEST_DATA");
    assert_non_null(data);
    char path[4096];
    snprintf(path, sizeof path, "%s/../assets/demo/feed.json", data);
    int problems = 0;
    struct feed *feed = feed_load_file(path, count_problem, &problems);
    assert_non_null(feed);
    assert_int_equal(problems, 0);
    assert_int_equal(feed_lang_count(feed), 2);
    assert_string_equal(feed_lang(feed, 0), "fr");
    assert_string_equal(feed_lang(feed, 1), "en");
    assert_string_equal(feed_timezone(feed), "America/Toronto");
    expect_bilingual(feed_event_name(feed), true, "event name");

    size_t by_type[FEED_SLIDE_TYPES] = {0}, with_hours = 0, targeted = 0, weighted = 0;
    for (size_t i = 0; i < feed_slide_count(feed); i++) {
        const struct slide *s = feed_slide(feed, i);
        by_type[s->type]++;
        with_hours += s->hours.n > 0;
        targeted += s->n_screens > 0;
        weighted += s->weight > 1;
        if (s->type == SLIDE_SESSIONS) assert_non_null(strstr(s->source, "programme.json"));
        assert_false(s->urgent);
        assert_true(s->start == FEED_NO_TIME && s->end == FEED_NO_TIME);
        assert_null(s->type == SLIDE_PARTNER ? s->image : NULL); /* no logos */
        if (s->type == SLIDE_DELEGATION) assert_true(s->n_members > 0);
        expect_slide_bilingual(s);
    }
    assert_true(by_type[SLIDE_PARTNER] >= 4);
    assert_true(by_type[SLIDE_DELEGATION] >= 2);
    assert_true(by_type[SLIDE_ANNOUNCEMENT] >= 3);
    /* An example of each field the programme issue added, each on a slide of its own. */
    assert_int_equal(by_type[SLIDE_SESSIONS], 1);
    assert_int_equal(with_hours, 1);
    assert_int_equal(targeted, 1);
    assert_int_equal(weighted, 1);

    /* It must loop forever, clock set or not: everything but the example with hours and
     * the one for another screen rotates on an unnamed screen. */
    const size_t everywhere = feed_slide_count(feed) - with_hours - targeted;
    struct schedule *schedule = schedule_new(feed, MIN_VALID_S, NULL);
    assert_non_null(schedule);
    assert_int_equal(schedule_active(schedule, BOOT_MS, NULL, 0), everywhere);
    /* T0 is a Friday, 03:00 in Toronto: the breakfast example is not on. */
    assert_int_equal(schedule_active(schedule, T0, NULL, 0), everywhere);
    assert_int_equal(schedule_active(schedule, T0 + 5 * HOUR_MS, NULL, 0), everywhere + 1);
    schedule_free(schedule);
    schedule = schedule_new(feed, MIN_VALID_S, "atelier-2");
    assert_int_equal(schedule_active(schedule, T0, NULL, 0), everywhere + 1);
    schedule_free(schedule);
    feed_free(feed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loop_shows_every_slide_in_each_language_in_turn),
        cmocka_unit_test(position_reports_index_count_and_modes),
        cmocka_unit_test(showings_tile_time_without_gaps),
        cmocka_unit_test(two_screens_show_the_same_slide_at_the_same_wall_time),
        cmocka_unit_test(durations_come_from_each_slide_or_the_default),
        cmocka_unit_test(a_single_slide_alternates_languages),
        cmocka_unit_test(window_opens_and_closes_at_the_exact_instants),
        cmocka_unit_test(open_ended_windows_only_change_once),
        cmocka_unit_test(urgent_slide_takes_over_and_releases),
        cmocka_unit_test(several_urgent_slides_rotate_together),
        cmocka_unit_test(nothing_active_means_idle),
        cmocka_unit_test(active_list_is_capped_but_counts_everything),
        cmocka_unit_test(unset_clock_shows_only_unscheduled_slides),
        cmocka_unit_test(unset_clock_shows_everything_when_every_slide_is_scheduled),
        cmocka_unit_test(ntp_jump_reevaluates_the_schedule),
        cmocka_unit_test(unset_clock_still_honours_urgent_unscheduled_slides),
        cmocka_unit_test(negative_times_use_a_positive_modulo),
        cmocka_unit_test(extreme_times_do_not_overflow),
        cmocka_unit_test(missing_feed_gives_no_schedule),
        cmocka_unit_test(demo_deck_is_complete_and_bilingual),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
