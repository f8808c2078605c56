/* Unit tests for zone.c: the TZif reader is checked against glibc's own localtime_r
 * (which reads the same files) for a dozen zones over two centuries, the POSIX-rule
 * footer against glibc's reading of the same TZ strings, and the local-to-UTC mapping
 * on the spring-forward and fall-back nights of America/Toronto and Europe/Paris.
 * This test sets TZ: it is single-threaded. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zone.h"

#define H         3600
#define Y1900     (-2208988800LL)
#define Y2100     4102444800LL
#define Y2000     946684800LL
#define Y2040     2208988800LL
#define STEP_WIDE (6 * H + 17) /* an odd step visits every time of day over the years */
#define TORONTO   "America/Toronto"
#define PARIS     "Europe/Paris"
#define ERR_LEN   256
#define TZIF_MAX  512

static const char *const zones[] = {
    "America/Toronto",     "Europe/Paris",
    "Australia/Lord_Howe", "America/Sao_Paulo",
    "Asia/Kolkata",        "Pacific/Chatham",
    "Africa/Casablanca",   "America/St_Johns",
    "Europe/Dublin",       "UTC",
    "Pacific/Kiritimati",  "America/Nuuk",
    "Antarctica/Troll",    "Asia/Tehran",
};

static void glibc_tm(const char *tz, int64_t t, struct tm *tm)
{
    setenv("TZ", tz, 1);
    tzset();
    const time_t tt = (time_t)t;
    assert_non_null(localtime_r(&tt, tm));
}

static struct zone *load(const char *name)
{
    char err[ERR_LEN] = "";
    struct zone *z = zone_load(name, err, sizeof err);
    if (!z) fail_msg("%s: %s", name, err);
    return z;
}

static void assert_same_as_glibc(const struct zone *z, const char *tz, int64_t t)
{
    struct tm tm;
    struct zone_time zt;
    glibc_tm(tz, t, &tm);
    zone_local(z, t, &zt);
    if (zt.offset != tm.tm_gmtoff || zt.year != tm.tm_year + 1900 || zt.month != tm.tm_mon + 1 ||
        zt.day != tm.tm_mday || zt.hour != tm.tm_hour || zt.minute != tm.tm_min ||
        zt.sec != tm.tm_sec || zt.wday != tm.tm_wday)
        fail_msg("%s at %lld: zone says %04d-%02d-%02d %02d:%02d:%02d (%+d, wday %d), glibc "
                 "%04d-%02d-%02d %02d:%02d:%02d (%+ld, wday %d)",
                 tz, (long long)t, zt.year, zt.month, zt.day, zt.hour, zt.minute, zt.sec,
                 (int)zt.offset, zt.wday, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec, tm.tm_gmtoff, tm.tm_wday);
}

static void local_time_matches_glibc_for_two_centuries(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
        struct zone *z = load(zones[i]);
        for (int64_t t = Y1900; t < Y2100; t += STEP_WIDE)
            assert_same_as_glibc(z, zones[i], t);
        zone_free(z);
    }
}

/* Walking the transitions visits every change of offset: the offset is the same as
 * glibc's just before and at each one, and constant (sampled) between them. */
static void transitions_are_where_glibc_changes_offset(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
        struct zone *z = load(zones[i]);
        int64_t t = Y1900;
        for (int steps = 0; steps < 2000; steps++) {
            const int64_t next = zone_next_transition(z, t);
            assert_true(next > t);
            if (next >= Y2100) break;
            assert_same_as_glibc(z, zones[i], next - 1);
            assert_same_as_glibc(z, zones[i], next);
            for (int k = 1; k < 8; k++) /* no change between: glibc agrees on samples */
                assert_int_equal(zone_offset(z, t + (next - t) / 8 * k), zone_offset(z, t));
            t = next;
        }
        zone_free(z);
    }
}

/* A version-2 TZif file with no transitions: all local time comes from the footer. */
static size_t footer_only_tzif(unsigned char *out, const char *footer)
{
    static const unsigned char type_utc[6] = {0, 0, 0, 0, 0, 0};
    size_t n = 0;
    for (int block = 0; block < 2; block++) {
        memset(out + n, 0, 44);
        memcpy(out + n, "TZif2", 5);
        out[n + 20 + 4 * 4 + 3] = 1; /* typecnt */
        out[n + 20 + 5 * 4 + 3] = 1; /* charcnt */
        n += 44;
        memcpy(out + n, type_utc, 6);
        n += 6;
        out[n++] = '\0'; /* the designation "" */
    }
    n += (size_t)snprintf((char *)out + n, TZIF_MAX - n, "\n%s\n", footer);
    return n;
}

static void footer_rules_match_glibc(void **state)
{
    (void)state;
    static const char *const rules[] = {
        "EST5EDT,M3.2.0,M11.1.0",
        "AEST-10AEDT,M10.1.0,M4.1.0/3",
        "IST-1GMT0,M10.5.0,M3.5.0/1",
        "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
        "<+0330>-3:30",
        "NZST-12NZDT,M9.5.0,M4.1.0/3",
        "XXX3YYY,J60/2,300/4",
        "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
        "AAA-2BBB-3:30,M3.5.0/-30,M10.5.6/100",
    };
    unsigned char tzif[TZIF_MAX];
    char err[ERR_LEN];
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
        const size_t n = footer_only_tzif(tzif, rules[i]);
        struct zone *z = zone_parse(tzif, n, rules[i], err, sizeof err);
        if (!z) fail_msg("%s: %s", rules[i], err);
        for (int64_t t = Y2000; t < Y2040; t += H + 61)
            assert_same_as_glibc(z, rules[i], t);
        zone_free(z);
    }
}

/* "All year daylight time" in RFC 8536's spelling. glibc picks the rule year by UTC and
 * so shows five hours of standard time each New Year's Eve; the RFC means none. */
static void permanent_daylight_time_lasts_all_year(void **state)
{
    (void)state;
    unsigned char tzif[TZIF_MAX];
    const size_t n = footer_only_tzif(tzif, "EST5EDT,0/0,J365/25");
    struct zone *z = zone_parse(tzif, n, "permanent", NULL, 0);
    assert_non_null(z);
    for (int64_t t = Y2000 - 7 * H; t < Y2040; t += H + 61)
        assert_int_equal(zone_offset(z, t), -4 * H);
    zone_free(z);
}

static void unusable_footers_leave_the_last_type_in_force(void **state)
{
    (void)state;
    static const char *const bad[] = {"",
                                      "EST",
                                      "EST5EDT",
                                      "EST5EDT,M3.2.0",
                                      "E5",
                                      "EST5EDT,M13.1.0,M11.1.0",
                                      "EST5EDT,M3.2.0,M11.1.0x",
                                      "<EST5",
                                      "EST25"};
    unsigned char tzif[TZIF_MAX];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const size_t n = footer_only_tzif(tzif, bad[i]);
        struct zone *z = zone_parse(tzif, n, "bad", NULL, 0);
        assert_non_null(z);
        assert_int_equal(zone_offset(z, Y2000), 0);
        assert_int_equal(zone_next_transition(z, Y2000), ZONE_NO_TIME);
        zone_free(z);
    }
}

static void every_truncation_of_a_real_file_is_refused_or_usable(void **state)
{
    (void)state;
    FILE *f = fopen(ZONE_DIR "/" TORONTO, "rb");
    assert_non_null(f);
    unsigned char data[8192];
    const size_t len = fread(data, 1, sizeof data, f);
    fclose(f);
    assert_true(len > 100);
    char err[ERR_LEN];
    for (size_t n = 0; n < len; n++) {
        struct zone *z = zone_parse(data, n, TORONTO, err, sizeof err);
        if (z) { /* only the footer was cut: the table still answers */
            (void)zone_offset(z, Y2000);
            zone_free(z);
        } else {
            assert_string_equal(err, "not a usable TZif time-zone file");
        }
    }
}

static void names_are_checked_before_any_file_is_opened(void **state)
{
    (void)state;
    char err[ERR_LEN];
    assert_null(zone_load("../../etc/passwd", err, sizeof err));
    assert_string_equal(err, "not a time-zone name");
    assert_null(zone_load("/etc/localtime", err, sizeof err));
    assert_null(zone_load("", err, sizeof err));
    assert_null(zone_load("Mars/Olympus_Mons", err, sizeof err));
    assert_non_null(strstr(err, "unknown time zone"));
    assert_null(zone_load("America", err, sizeof err));     /* a directory */
    assert_null(zone_load("leapseconds", err, sizeof err)); /* a file, not TZif */
    assert_string_equal(err, "not a usable TZif time-zone file");
    assert_true(zone_name_ok("America/Argentina/Buenos_Aires"));
    assert_true(zone_name_ok("Etc/GMT+5"));
    assert_false(zone_name_ok("America/Toronto\n"));
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return zone_civil(y, mo, d, h * H + mi * 60);
}

static void spring_forward_gap_has_no_instant_and_resolves_after_the_jump(void **state)
{
    (void)state;
    int64_t u[2];
    struct zone *z = load(TORONTO);
    const int64_t gap = zone_civil(2026, 3, 8, 2 * H + 30 * 60); /* 02:30 does not exist */
    assert_int_equal(zone_instants(z, gap, u), 0);
    assert_int_equal(zone_resolve(z, gap), utc(2026, 3, 8, 7, 30)); /* = 03:30 EDT */
    assert_int_equal(zone_instants(z, zone_civil(2026, 3, 8, 1 * H + 59 * 60), u), 1);
    assert_int_equal(u[0], utc(2026, 3, 8, 6, 59));
    assert_int_equal(zone_instants(z, zone_civil(2026, 3, 8, 3 * H), u), 1);
    assert_int_equal(u[0], utc(2026, 3, 8, 7, 0));
    zone_free(z);

    z = load(PARIS); /* 2026-03-29: 02:00 CET -> 03:00 CEST */
    assert_int_equal(zone_instants(z, zone_civil(2026, 3, 29, 2 * H + 30 * 60), u), 0);
    assert_int_equal(zone_resolve(z, zone_civil(2026, 3, 29, 2 * H + 30 * 60)),
                     utc(2026, 3, 29, 1, 30));
    zone_free(z);
}

static void fall_back_fold_has_two_instants_and_resolves_to_the_first(void **state)
{
    (void)state;
    int64_t u[2];
    struct zone *z = load(TORONTO);
    const int64_t fold = zone_civil(2026, 11, 1, 1 * H + 30 * 60); /* 01:30 happens twice */
    assert_int_equal(zone_instants(z, fold, u), 2);
    assert_int_equal(u[0], utc(2026, 11, 1, 5, 30)); /* EDT */
    assert_int_equal(u[1], utc(2026, 11, 1, 6, 30)); /* EST */
    assert_int_equal(zone_resolve(z, fold), u[0]);
    assert_int_equal(zone_instants(z, zone_civil(2026, 11, 1, 2 * H), u), 1);
    assert_int_equal(u[0], utc(2026, 11, 1, 7, 0));
    zone_free(z);

    z = load(PARIS); /* 2026-10-25: 03:00 CEST -> 02:00 CET */
    assert_int_equal(zone_instants(z, zone_civil(2026, 10, 25, 2 * H + 30 * 60), u), 2);
    assert_int_equal(u[0], utc(2026, 10, 25, 0, 30));
    assert_int_equal(u[1], utc(2026, 10, 25, 1, 30));
    zone_free(z);
}

/* Every local time of a year maps back to itself (or is a gap). */
static void instants_round_trip_through_local_time(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
        struct zone *z = load(zones[i]);
        for (int64_t local = zone_civil(2026, 1, 1, 0); local < zone_civil(2027, 1, 1, 0);
             local += 15 * 60) {
            int64_t u[2];
            const size_t n = zone_instants(z, local, u);
            for (size_t k = 0; k < n; k++)
                assert_int_equal(u[k] + zone_offset(z, u[k]), local);
            if (n == 2) assert_true(u[0] < u[1]);
            const int64_t r = zone_resolve(z, local);
            if (n > 0) assert_int_equal(r, u[0]);
        }
        zone_free(z);
    }
}

static void civil_dates_round_trip(void **state)
{
    (void)state;
    assert_int_equal(zone_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(zone_days_from_civil(2026, 12, 8), 20795);
    for (int64_t d = -800000; d < 3000000; d += 37) {
        int y, m, day;
        zone_civil_from_days(d, &y, &m, &day);
        assert_true(day >= 1 && day <= zone_days_in_month(y, m));
        assert_int_equal(zone_days_from_civil(y, m, day), d);
    }
    assert_int_equal(zone_days_in_month(2028, 2), 29);
    assert_int_equal(zone_days_in_month(2100, 2), 28);
    assert_int_equal(zone_days_in_month(2026, 13), 0);
}

static void weekdays_and_extreme_times_stay_in_range(void **state)
{
    (void)state;
    struct zone *z = load(TORONTO);
    struct zone_time zt;
    zone_local(z, utc(2026, 12, 8, 14, 0), &zt); /* a Tuesday, 09:00 EST */
    assert_int_equal(zt.wday, 2);
    assert_int_equal(zt.hour, 9);
    assert_int_equal(zt.offset, -5 * H);
    zone_local(z, INT64_MAX, &zt);
    assert_int_equal(zt.year, 9999);
    zone_local(z, INT64_MIN, &zt);
    assert_true(zt.year <= 1);
    assert_int_equal(zone_next_transition(z, INT64_MAX), ZONE_NO_TIME);
    int64_t u[2];
    (void)zone_instants(z, INT64_MIN, u);
    (void)zone_resolve(z, INT64_MAX);
    zone_free(z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(local_time_matches_glibc_for_two_centuries),
        cmocka_unit_test(transitions_are_where_glibc_changes_offset),
        cmocka_unit_test(footer_rules_match_glibc),
        cmocka_unit_test(permanent_daylight_time_lasts_all_year),
        cmocka_unit_test(unusable_footers_leave_the_last_type_in_force),
        cmocka_unit_test(every_truncation_of_a_real_file_is_refused_or_usable),
        cmocka_unit_test(names_are_checked_before_any_file_is_opened),
        cmocka_unit_test(spring_forward_gap_has_no_instant_and_resolves_after_the_jump),
        cmocka_unit_test(fall_back_fold_has_two_instants_and_resolves_to_the_first),
        cmocka_unit_test(instants_round_trip_through_local_time),
        cmocka_unit_test(civil_dates_round_trip),
        cmocka_unit_test(weekdays_and_extreme_times_stay_in_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
