/* Unit tests for vt_base: the fake clock, time formatting (clock.c) and the log's
 * line format and repeat folding (log.c, by capturing stderr in a temporary file). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"

#define TORONTO     "America/Toronto"
#define WINTER_NOON 1768478400LL /* 2026-01-15T12:00:00Z */
#define SUMMER_NOON 1784116800LL /* 2026-07-15T12:00:00Z */
#define DST_START   1772953200LL /* 2026-03-08T07:00:00Z = 03:00 EDT, the spring jump */
#define CAPTURE_MAX 8192

static void fake_clock_starts_at_the_given_wall_time(void **state)
{
    (void)state;
    struct clock_fake f;
    clock_fake_init(&f, 1234);
    const struct clock *c = &f.clock;
    assert_int_equal(c->wall_ms(c->ctx), 1234);
    assert_int_equal(c->mono_ms(c->ctx), 0);
}

static void fake_clock_advances_both_times_together(void **state)
{
    (void)state;
    struct clock_fake f;
    clock_fake_init(&f, WINTER_NOON * 1000);
    clock_fake_advance(&f, 250);
    clock_fake_advance(&f, 750);
    assert_int_equal(f.clock.mono_ms(f.clock.ctx), 1000);
    assert_int_equal(f.clock.wall_ms(f.clock.ctx), WINTER_NOON * 1000 + 1000);
}

static void fake_clock_never_runs_backwards(void **state)
{
    (void)state;
    struct clock_fake f;
    clock_fake_init(&f, 0);
    clock_fake_advance(&f, 10);
    clock_fake_advance(&f, -5);
    assert_int_equal(f.clock.mono_ms(f.clock.ctx), 10);
    assert_int_equal(f.clock.wall_ms(f.clock.ctx), 10);
}

static void wall_jump_leaves_monotonic_time_alone(void **state)
{
    (void)state;
    struct clock_fake f;
    clock_fake_init(&f, 5000); /* a Pi booted without RTC: 1970 */
    clock_fake_advance(&f, 3000);
    clock_fake_set_wall(&f, SUMMER_NOON * 1000); /* NTP sync */
    assert_int_equal(f.clock.mono_ms(f.clock.ctx), 3000);
    assert_int_equal(f.clock.wall_ms(f.clock.ctx), SUMMER_NOON * 1000);
    clock_fake_set_wall(&f, 1000); /* and a jump backwards */
    clock_fake_advance(&f, 1);
    assert_int_equal(f.clock.mono_ms(f.clock.ctx), 3001);
    assert_int_equal(f.clock.wall_ms(f.clock.ctx), 1001);
}

static void system_clock_is_monotonic_and_near_now(void **state)
{
    (void)state;
    const struct clock *c = clock_system();
    const int64_t a = c->mono_ms(c->ctx);
    const int64_t b = c->mono_ms(c->ctx);
    assert_true(b >= a);
    assert_true(c->wall_ms(c->ctx) > WINTER_NOON * 1000 - 365LL * 86400 * 1000 * 2);
}

static void toronto_is_five_hours_behind_utc_in_winter(void **state)
{
    (void)state;
    char buf[64];
    const size_t n = clock_format_local(buf, sizeof buf, "%H:%M %Z", WINTER_NOON, TORONTO);
    assert_string_equal(buf, "07:00 EST");
    assert_int_equal(n, strlen("07:00 EST"));
}

static void toronto_is_four_hours_behind_utc_in_summer(void **state)
{
    (void)state;
    char buf[64];
    clock_format_local(buf, sizeof buf, "%Y-%m-%d %H:%M %Z", SUMMER_NOON, TORONTO);
    assert_string_equal(buf, "2026-07-15 08:00 EDT");
}

static void local_format_switches_between_zones(void **state)
{
    (void)state;
    char buf[64];
    clock_format_local(buf, sizeof buf, "%H:%M", WINTER_NOON, "Europe/Stockholm");
    assert_string_equal(buf, "13:00");
    clock_format_local(buf, sizeof buf, "%H:%M", WINTER_NOON, TORONTO);
    assert_string_equal(buf, "07:00");
    clock_format_local(buf, sizeof buf, "%H:%M", WINTER_NOON, "UTC");
    assert_string_equal(buf, "12:00");
}

static void unknown_or_missing_zone_falls_back_to_utc(void **state)
{
    (void)state;
    char buf[64];
    clock_format_local(buf, sizeof buf, "%H:%M", WINTER_NOON, "Nowhere/Atlantis");
    assert_string_equal(buf, "12:00");
    clock_format_local(buf, sizeof buf, "%H:%M", WINTER_NOON, "");
    assert_string_equal(buf, "12:00");
    clock_format_local(buf, sizeof buf, "%H:%M", WINTER_NOON, NULL);
    assert_string_equal(buf, "12:00");
}

static void local_format_returns_zero_when_the_buffer_is_short(void **state)
{
    (void)state;
    char buf[4] = "xyz";
    assert_int_equal(clock_format_local(buf, sizeof buf, "%Y-%m-%d", WINTER_NOON, TORONTO), 0);
    assert_string_equal(buf, "");
}

static void local_minutes_count_from_local_midnight(void **state)
{
    (void)state;
    assert_int_equal(clock_local_minutes(WINTER_NOON, TORONTO), 7 * 60);
    assert_int_equal(clock_local_minutes(SUMMER_NOON, TORONTO), 8 * 60);
    assert_int_equal(clock_local_minutes(SUMMER_NOON + 90 * 60 + 59, TORONTO), 9 * 60 + 30);
    assert_int_equal(clock_local_minutes(WINTER_NOON, "UTC"), 12 * 60);
    /* 02:00 EST becomes 03:00 EDT: one second earlier it was 01:59. */
    assert_int_equal(clock_local_minutes(DST_START, TORONTO), 3 * 60);
    assert_int_equal(clock_local_minutes(DST_START - 1, TORONTO), 1 * 60 + 59);
}

/* Runs fn with stderr going to a temporary file and returns what was written. */
static void capture_stderr(void (*fn)(void), char *out, size_t cap)
{
    fflush(stderr);
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    const int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(tmp), STDERR_FILENO) >= 0);
    fn();
    fflush(stderr);
    assert_true(dup2(saved, STDERR_FILENO) >= 0);
    close(saved);
    rewind(tmp);
    const size_t n = fread(out, 1, cap - 1, tmp);
    out[n] = '\0';
    fclose(tmp);
}

static void log_a_few_lines(void)
{
    log_set_quiet(0);
    log_info("feed has %d slides", 3);
    log_warn("fetch failed: %s", "timeout\nretrying");
    log_error("cannot open %s", "/dev/fb0");
}

static void log_writes_one_prefixed_line_per_message(void **state)
{
    (void)state;
    char out[CAPTURE_MAX];
    capture_stderr(log_a_few_lines, out, sizeof out);
    assert_string_equal(out, "vitrine: info: feed has 3 slides\n"
                             "vitrine: warning: fetch failed: timeout retrying\n"
                             "vitrine: error: cannot open /dev/fb0\n");
}

static void log_repeats_then_changes(void)
{
    for (int i = 0; i < 4; i++)
        log_warn("network down");
    log_warn("network up");
}

static void log_folds_identical_consecutive_messages(void **state)
{
    (void)state;
    char out[CAPTURE_MAX];
    capture_stderr(log_repeats_then_changes, out, sizeof out);
    assert_string_equal(out, "vitrine: warning: network down\n"
                             "vitrine: (previous message repeated 3 times)\n"
                             "vitrine: warning: network up\n");
}

static void log_a_long_run(void)
{
    log_error("disk full");
    for (int i = 0; i < 250; i++)
        log_error("disk full");
    log_error("disk ok");
}

static void log_reports_long_runs_every_hundred_repeats(void **state)
{
    (void)state;
    char out[CAPTURE_MAX];
    capture_stderr(log_a_long_run, out, sizeof out);
    assert_string_equal(out, "vitrine: error: disk full\n"
                             "vitrine: (previous message repeated 100 times)\n"
                             "vitrine: (previous message repeated 100 times)\n"
                             "vitrine: (previous message repeated 50 times)\n"
                             "vitrine: error: disk ok\n");
}

static void log_quietly(void)
{
    log_set_quiet(1);
    log_info("hidden");
    log_warn("shown");
    log_error("also shown");
    log_set_quiet(0);
    log_info("visible again");
}

static void quiet_silences_info_only(void **state)
{
    (void)state;
    char out[CAPTURE_MAX];
    capture_stderr(log_quietly, out, sizeof out);
    assert_string_equal(out, "vitrine: warning: shown\n"
                             "vitrine: error: also shown\n"
                             "vitrine: info: visible again\n");
}

static void log_same_text_at_two_levels(void)
{
    log_warn("same");
    log_error("same");
}

static void log_does_not_fold_the_same_text_at_another_level(void **state)
{
    (void)state;
    char out[CAPTURE_MAX];
    capture_stderr(log_same_text_at_two_levels, out, sizeof out);
    assert_string_equal(out, "vitrine: warning: same\nvitrine: error: same\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fake_clock_starts_at_the_given_wall_time),
        cmocka_unit_test(fake_clock_advances_both_times_together),
        cmocka_unit_test(fake_clock_never_runs_backwards),
        cmocka_unit_test(wall_jump_leaves_monotonic_time_alone),
        cmocka_unit_test(system_clock_is_monotonic_and_near_now),
        cmocka_unit_test(toronto_is_five_hours_behind_utc_in_winter),
        cmocka_unit_test(toronto_is_four_hours_behind_utc_in_summer),
        cmocka_unit_test(local_format_switches_between_zones),
        cmocka_unit_test(unknown_or_missing_zone_falls_back_to_utc),
        cmocka_unit_test(local_format_returns_zero_when_the_buffer_is_short),
        cmocka_unit_test(local_minutes_count_from_local_midnight),
        cmocka_unit_test(log_writes_one_prefixed_line_per_message),
        cmocka_unit_test(log_folds_identical_consecutive_messages),
        cmocka_unit_test(log_reports_long_runs_every_hundred_repeats),
        cmocka_unit_test(quiet_silences_info_only),
        cmocka_unit_test(log_does_not_fold_the_same_text_at_another_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
