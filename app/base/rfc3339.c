/* rfc3339 — RFC 3339 date-times to and from int64 unix seconds (see rfc3339.h).
 *
 * Both directions are Howard Hinnant's civil-date algorithms rather than timegm() and
 * gmtime_r(): no time_t (32 bits on armhf), no locale, no TZ, so any thread may call
 * them at any time. */
#include "rfc3339.h"

#include <inttypes.h>
#include <stdio.h>

#define SECONDS_PER_DAY 86400

/* Exactly n ASCII digits. Stops at the first non-digit, so never reads past a NUL. */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (days_from_civil). */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int64_t)era * 146097 + doe - 719468;
}

/* The proleptic Gregorian date of day z since 1970-01-01 (civil_from_days). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* "Z", or "+HH:MM"/"-HH:MM": seconds east of UTC; returns the end of the offset. */
static const char *parse_offset(const char *s, int *offset)
{
    int h, m;
    if (*s == 'Z' || *s == 'z') {
        *offset = 0;
        return s + 1;
    }
    if ((*s != '+' && *s != '-') || !digits(s + 1, 2, &h) || s[3] != ':' || !digits(s + 4, 2, &m) ||
        h > 23 || m > 59)
        return NULL;
    *offset = (*s == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return s + 6;
}

/* strptime would do the fields, but it accepts 2026-02-30 and leading spaces; the
 * format is fixed-width, so the digits are read directly and every range checked. */
bool rfc3339_parse(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec, offset;
    if (!s || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2, &h) ||
        s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' || !digits(s + 17, 2, &sec))
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        if (*++p < '0' || *p > '9') return false;
        while (*p >= '0' && *p <= '9') /* sub-second precision is not needed: dropped */
            p++;
    }
    p = parse_offset(p, &offset);
    if (!p || *p != '\0') return false;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
        sec > 60) /* 60: a leap second, read as the next minute's first */
        return false;
    *out = days_from_civil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + sec - offset;
    return true;
}

void rfc3339_format(char *buf, size_t cap, int64_t t)
{
    if (buf == NULL || cap == 0) return;
    int64_t days = t / SECONDS_PER_DAY, s = t % SECONDS_PER_DAY, y;
    if (s < 0) s += SECONDS_PER_DAY, days--; /* floor, for times before 1970 */
    int m, d;
    civil_from_days(days, &y, &m, &d);
    const int n = snprintf(buf, cap, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
                           (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
    if (n < 0 || (size_t)n >= cap) buf[0] = '\0';
}
