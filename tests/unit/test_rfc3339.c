/* Unit tests for rfc3339: the date-times of the feed's schedule windows (offsets, Z,
 * fractions, leap days and seconds, years past 2038 and before 1970, everything that is
 * almost a date) and the UTC timestamps of the status file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <string.h>

#include "rfc3339.h"

static void parse_accepts_offsets_z_and_fractions(void **state)
{
    (void)state;
    int64_t t = 0;
    assert_true(rfc3339_parse("2026-12-08T09:00:00-05:00", &t));
    assert_true(t == 1796738400);
    assert_true(rfc3339_parse("2026-12-08T14:00:00Z", &t));
    assert_true(t == 1796738400);
    assert_true(rfc3339_parse("2026-12-08t14:00:00z", &t));
    assert_true(t == 1796738400);
    assert_true(rfc3339_parse("2024-02-29T23:59:59.999+01:30", &t));
    assert_true(t == 1709245799);
    assert_true(rfc3339_parse("1970-01-01T00:00:00.000000001-00:00", &t));
    assert_true(t == 0);
    assert_true(rfc3339_parse("2016-12-31T23:59:60Z", &t)); /* leap second */
    assert_true(t == 1483228800);
    assert_true(rfc3339_parse("9999-12-31T23:59:59Z", &t)); /* past 2038 on any time_t */
    assert_true(t == INT64_C(253402300799));
    assert_true(rfc3339_parse("0001-01-01T00:00:00Z", &t));
    assert_true(t == INT64_C(-62135596800));
}

static void parse_rejects_invalid_dates_and_garbage(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "2026-02-30T10:00:00Z",
        "2025-02-29T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-00-10T10:00:00Z",
        "2026-04-31T10:00:00Z",
        "2026-12-08T24:00:00Z",
        "2026-12-08T10:60:00Z",
        "2026-12-08T10:00:61Z",
        "2026-12-08T10:00:00",
        "2026-12-08T10:00:00+0500",
        "2026-12-08T10:00:00+24:00",
        "2026-12-08T10:00:00+05:60",
        "2026-12-08 10:00:00Z",
        "2026-12-08T10:00Z",
        "2026-12-08",
        "26-12-08T10:00:00Z",
        " 2026-12-08T10:00:00Z",
        "2026-12-08T10:00:00Z ",
        "2026-12-08T10:00:00.Z",
        "2026-12-08T10:00:00,5Z",
        "+2026-12-08T10:00:00Z",
        "2026-1a-08T10:00:00Z",
        "",
        "garbage",
        "2026-12-08T10:00:00Zjunk",
    };
    int64_t t = 42;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (rfc3339_parse(bad[i], &t)) fail_msg("accepted \"%s\"", bad[i]);
    assert_false(rfc3339_parse(NULL, &t));
    assert_true(t == 42);
}

static void format_writes_utc_with_z(void **state)
{
    (void)state;
    char buf[32];
    rfc3339_format(buf, sizeof buf, 1795266318);
    assert_string_equal(buf, "2026-11-21T13:05:18Z");
    rfc3339_format(buf, sizeof buf, 0);
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    rfc3339_format(buf, sizeof buf, -1);
    assert_string_equal(buf, "1969-12-31T23:59:59Z");
}

static void format_leaves_an_empty_string_when_the_buffer_is_short(void **state)
{
    (void)state;
    char buf[8] = "junk";
    rfc3339_format(buf, sizeof buf, 1795266318);
    assert_string_equal(buf, "");
}

static void format_then_parse_gives_the_same_time(void **state)
{
    (void)state;
    static const int64_t times[] = {0,
                                    -1,
                                    951782400 /* 2000-02-29 */,
                                    1796738400,
                                    INT64_C(253402300799),
                                    INT64_C(-62135596800)};
    char buf[RFC3339_LEN];
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        int64_t back = 0;
        rfc3339_format(buf, sizeof buf, times[i]);
        assert_true(rfc3339_parse(buf, &back));
        assert_true(back == times[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_accepts_offsets_z_and_fractions),
        cmocka_unit_test(parse_rejects_invalid_dates_and_garbage),
        cmocka_unit_test(format_writes_utc_with_z),
        cmocka_unit_test(format_leaves_an_empty_string_when_the_buffer_is_short),
        cmocka_unit_test(format_then_parse_gives_the_same_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
