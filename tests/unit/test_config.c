/* Tests for config.c: every key of /etc/vitrine/vitrine.conf, the FILE:LINE errors a
 * technician sees, and the shipped platform/vitrine.conf itself. Each test writes its
 * configuration to a temporary file and reads it back with config_load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "options.h"

struct fixture {
    char path[64];
    struct options o;
    char err[512];
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    strcpy(fx->path, "/tmp/vitrine-config-XXXXXX");
    int fd = mkstemp(fx->path);
    assert_true(fd >= 0);
    close(fd);
    fx->o.interval = 60;
    fx->o.screen_on = -1;
    fx->o.screen_off = -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    options_free(&fx->o);
    unlink(fx->path);
    free(fx);
    return 0;
}

static bool load(struct fixture *fx, const char *text)
{
    FILE *f = fopen(fx->path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    fx->err[0] = '\0';
    return config_load(fx->path, &fx->o, fx->err, sizeof fx->err);
}

/* Asserts the error is exactly "PATH:LINE: reason". */
static void assert_error(struct fixture *fx, int line, const char *reason)
{
    char want[512];
    snprintf(want, sizeof want, "%s:%d: %s", fx->path, line, reason);
    assert_string_equal(fx->err, want);
}

static void config_reads_every_key(void **state)
{
    struct fixture *fx = *state;
    assert_true(load(fx, "feed = https://example.org/feed.json\n"
                         "interval = 300\n"
                         "rotate = 90\n"
                         "size = 1280x720\n"
                         "token_file = /etc/vitrine/token\n"
                         "status = /run/vitrine/status.json\n"
                         "cache_dir = /var/cache/vitrine\n"
                         "screen_on = 07:30\n"
                         "screen_off = 22:05\n"
                         "overscan = 5\n"
                         "windowed = true\n"));
    assert_string_equal(fx->o.feed, "https://example.org/feed.json");
    assert_int_equal(fx->o.interval, 300);
    assert_int_equal(fx->o.rotate, 90);
    assert_int_equal(fx->o.width, 1280);
    assert_int_equal(fx->o.height, 720);
    assert_string_equal(fx->o.token_file, "/etc/vitrine/token");
    assert_string_equal(fx->o.status, "/run/vitrine/status.json");
    assert_string_equal(fx->o.cache_dir, "/var/cache/vitrine");
    assert_int_equal(fx->o.screen_on, 7 * 60 + 30);
    assert_int_equal(fx->o.screen_off, 22 * 60 + 5);
    assert_int_equal(fx->o.overscan, 5);
    assert_true(fx->o.windowed);
}

static void config_skips_comments_and_blank_lines(void **state)
{
    struct fixture *fx = *state;
    assert_true(load(fx, "# vitrine\n\n   \n\t# indented comment\ninterval=10\n"));
    assert_int_equal(fx->o.interval, 10);
    assert_null(fx->o.feed);
}

static void config_strips_trailing_comments_but_keeps_hash_in_values(void **state)
{
    struct fixture *fx = *state;
    assert_true(load(fx, "interval = 60   # a minute\n"
                         "feed = https://example.org/feed.json#lobby\n"));
    assert_int_equal(fx->o.interval, 60);
    assert_string_equal(fx->o.feed, "https://example.org/feed.json#lobby");
}

static void config_accepts_crlf_bom_and_quotes(void **state)
{
    struct fixture *fx = *state;
    assert_true(load(fx, "\xEF\xBB\xBF"
                         "feed = \"https://example.org/a b.json\"\r\n"
                         "status = '/tmp/s.json'\r\n"
                         "interval = 30\r\n"));
    assert_string_equal(fx->o.feed, "https://example.org/a b.json");
    assert_string_equal(fx->o.status, "/tmp/s.json");
    assert_int_equal(fx->o.interval, 30);
}

static void config_accepts_a_last_line_without_newline(void **state)
{
    struct fixture *fx = *state;
    assert_true(load(fx, "rotate = 270"));
    assert_int_equal(fx->o.rotate, 270);
}

static void config_replaces_strings_already_set(void **state)
{
    struct fixture *fx = *state;
    fx->o.feed = strdup("old.json");
    assert_true(load(fx, "feed = a.json\nfeed = b.json\n"));
    assert_string_equal(fx->o.feed, "b.json");
}

static void config_empty_string_value_restores_the_default(void **state)
{
    struct fixture *fx = *state;
    fx->o.cache_dir = strdup("/somewhere");
    assert_true(load(fx, "cache_dir =\nfeed = \n"));
    assert_null(fx->o.cache_dir);
    assert_null(fx->o.feed);
}

static void config_rejects_unknown_key(void **state)
{
    struct fixture *fx = *state;
    assert_false(load(fx, "# typo below\nfed = https://example.org/feed.json\n"));
    assert_error(fx, 2, "unknown key 'fed'");
}

static void config_rejects_line_without_equals(void **state)
{
    struct fixture *fx = *state;
    assert_false(load(fx, "interval = 5\nfeed https://example.org\n"));
    assert_error(fx, 2, "expected key = value");
}

static void config_rejects_missing_key(void **state)
{
    struct fixture *fx = *state;
    assert_false(load(fx, " = 5\n"));
    assert_error(fx, 1, "expected key = value");
    assert_false(load(fx, "screen on = 08:00\n"));
    assert_error(fx, 1, "expected key = value");
}

static void config_rejects_bad_intervals(void **state)
{
    struct fixture *fx = *state;
    static const char *const bad[] = {"0", "86401", "-5", "5s", "1.5", "", "ten", "+5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "interval = %s\n", bad[i]);
        assert_false(load(fx, text));
        assert_error(fx, 1, "interval must be a whole number of seconds from 1 to 86400");
    }
    assert_true(load(fx, "interval = 86400\n"));
    assert_int_equal(fx->o.interval, 86400);
    assert_true(load(fx, "interval = 1\n"));
    assert_int_equal(fx->o.interval, 1);
}

static void config_rejects_bad_rotation(void **state)
{
    struct fixture *fx = *state;
    static const char *const bad[] = {"45", "360", "-90", "portrait", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "rotate = %s\n", bad[i]);
        assert_false(load(fx, text));
        assert_error(fx, 1, "rotate must be 0, 90, 180 or 270 (degrees clockwise)");
    }
    assert_true(load(fx, "rotate = 0\n"));
    assert_int_equal(fx->o.rotate, 0);
}

static void config_rejects_bad_sizes(void **state)
{
    struct fixture *fx = *state;
    static const char *const bad[] = {"1920", "1920x", "x1080",   "1920X1080",
                                      "0x0",  "8x8",   "99999x2", "1920 x 1080"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "size = %s\n", bad[i]);
        assert_false(load(fx, text));
        assert_error(fx, 1, "size must be WIDTHxHEIGHT in pixels from 16 to 16384, e.g. 1920x1080");
    }
}

static void config_rejects_bad_times(void **state)
{
    struct fixture *fx = *state;
    static const char *const bad[] = {"24:00", "7",     "07:60", "7:5",
                                      "07h30", "-1:00", "",      "07:30:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "screen_off = %s\n", bad[i]);
        assert_false(load(fx, text));
        assert_error(fx, 1, "screen_off must be a time HH:MM from 00:00 to 23:59");
    }
    assert_true(load(fx, "screen_on = 7:05\nscreen_off = 00:00\n"));
    assert_int_equal(fx->o.screen_on, 7 * 60 + 5);
    assert_int_equal(fx->o.screen_off, 0);
    assert_true(load(fx, "screen_on = 23:59\n"));
    assert_int_equal(fx->o.screen_on, 1439);
}

static void config_rejects_bad_overscan(void **state)
{
    struct fixture *fx = *state;
    assert_false(load(fx, "overscan = 21\n"));
    assert_error(fx, 1, "overscan must be a whole percent from 0 to 20");
    assert_false(load(fx, "overscan = 5%\n"));
    assert_error(fx, 1, "overscan must be a whole percent from 0 to 20");
    assert_true(load(fx, "overscan = 20\n"));
    assert_int_equal(fx->o.overscan, 20);
}

static void config_reads_booleans(void **state)
{
    struct fixture *fx = *state;
    assert_true(load(fx, "windowed = yes\n"));
    assert_true(fx->o.windowed);
    assert_true(load(fx, "windowed = false\n"));
    assert_false(fx->o.windowed);
    assert_false(load(fx, "windowed = maybe\n"));
    assert_error(fx, 1, "windowed must be true or false");
}

static void config_rejects_overlong_lines(void **state)
{
    struct fixture *fx = *state;
    size_t n = 5000;
    char *text = malloc(n + 16);
    assert_non_null(text);
    strcpy(text, "feed = ");
    memset(text + 7, 'a', n);
    strcpy(text + 7 + n, "\n");
    assert_false(load(fx, text));
    free(text);
    assert_error(fx, 1, "line longer than 4096 bytes");
}

static void config_stops_at_the_first_bad_line(void **state)
{
    struct fixture *fx = *state;
    assert_false(load(fx, "interval = 20\nrotate = 33\ninterval = 40\n"));
    assert_error(fx, 2, "rotate must be 0, 90, 180 or 270 (degrees clockwise)");
    assert_int_equal(fx->o.interval, 20);
}

static void config_reports_unreadable_file(void **state)
{
    struct fixture *fx = *state;
    assert_false(config_load("/nonexistent/vitrine.conf", &fx->o, fx->err, sizeof fx->err));
    assert_string_equal(fx->err,
                        "/nonexistent/vitrine.conf: cannot read: No such file or directory");
    assert_false(config_load("/", &fx->o, fx->err, sizeof fx->err));
    assert_string_equal(fx->err, "/: cannot read: Is a directory");
}

static void config_truncates_errors_to_the_buffer(void **state)
{
    struct fixture *fx = *state;
    char small[16];
    assert_true(load(fx, ""));
    assert_false(config_load("/nonexistent/vitrine.conf", &fx->o, small, sizeof small));
    assert_int_equal(strlen(small), sizeof small - 1);
}

static void shipped_config_is_valid_and_leaves_the_demo_on(void **state)
{
    struct fixture *fx = *state;
    const char *data = getenv("VITRINE_TEST_DATA");
    assert_non_null(data);
    char path[4096];
    snprintf(path, sizeof path, "%s/../platform/vitrine.conf", data);
    assert_true(config_load(path, &fx->o, fx->err, sizeof fx->err));
    assert_null(fx->o.feed);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(config_reads_every_key),
        T(config_skips_comments_and_blank_lines),
        T(config_strips_trailing_comments_but_keeps_hash_in_values),
        T(config_accepts_crlf_bom_and_quotes),
        T(config_accepts_a_last_line_without_newline),
        T(config_replaces_strings_already_set),
        T(config_empty_string_value_restores_the_default),
        T(config_rejects_unknown_key),
        T(config_rejects_line_without_equals),
        T(config_rejects_missing_key),
        T(config_rejects_bad_intervals),
        T(config_rejects_bad_rotation),
        T(config_rejects_bad_sizes),
        T(config_rejects_bad_times),
        T(config_rejects_bad_overscan),
        T(config_reads_booleans),
        T(config_rejects_overlong_lines),
        T(config_stops_at_the_first_bad_line),
        T(config_reports_unreadable_file),
        T(config_truncates_errors_to_the_buffer),
        T(shipped_config_is_valid_and_leaves_the_demo_on),
    };
#undef T
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
