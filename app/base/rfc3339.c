/* rfc3339 — RFC 3339 date-times to and from int64 unix seconds (see rfc3339.h).
 *
 * Both directions are Howard Hinnant's civil-date algorithms rather than timegm() and
 * gmtime_r(): no time_t (32 bits on armhf), no locale, no TZ, so any thread may call
 * them at any time. */
#include "rfc3339.h"

#include "zone.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SECONDS_PER_DAY 86400

bool rfc3339_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* "Z", or "+HH:MM"/"-HH:MM": seconds east of UTC; returns the end of the offset. */
static const char *parse_offset(const char *s, int *offset)
{
    int h, m;
    if (*s == 'Z' || *s == 'z') {
        *offset = 0;
        return s + 1;
    }
    if ((*s != '+' && *s != '-') || !rfc3339_digits(s + 1, 2, &h) || s[3] != ':' ||
        !rfc3339_digits(s + 4, 2, &m) || h > 23 || m > 59)
        return NULL;
    *offset = (*s == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return s + 6;
}

/* strptime would do the fields, but it accepts 2026-02-30 and leading spaces; the
 * format is fixed-width, so the digits are read directly and every range checked. */
bool rfc3339_parse(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec, offset;
    if (!s || !rfc3339_digits(s, 4, &y) || s[4] != '-' || !rfc3339_digits(s + 5, 2, &mo) ||
        s[7] != '-' || !rfc3339_digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't') ||
        !rfc3339_digits(s + 11, 2, &h) || s[13] != ':' || !rfc3339_digits(s + 14, 2, &mi) ||
        s[16] != ':' || !rfc3339_digits(s + 17, 2, &sec))
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        if (*++p < '0' || *p > '9') return false;
        while (*p >= '0' && *p <= '9') /* sub-second precision is not needed: dropped */
            p++;
    }
    p = parse_offset(p, &offset);
    if (!p || *p != '\0') return false;
    if (mo < 1 || mo > 12 || d < 1 || d > zone_days_in_month(y, mo) || h > 23 || mi > 59 ||
        sec > 60) /* 60: a leap second, read as the next minute's first */
        return false;
    *out = zone_days_from_civil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + sec - offset;
    return true;
}

void rfc3339_format(char *buf, size_t cap, int64_t t)
{
    if (buf == NULL || cap == 0) return;
    int64_t days = t / SECONDS_PER_DAY, s = t % SECONDS_PER_DAY;
    if (s < 0) s += SECONDS_PER_DAY, days--; /* floor, for times before 1970 */
    int y, m, d;
    zone_civil_from_days(days, &y, &m, &d);
    const int n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(s / 3600),
                           (int)(s / 60 % 60), (int)(s % 60));
    if (n < 0 || (size_t)n >= cap) buf[0] = '\0';
}

void rfc3339_format_offset(char *buf, size_t cap, int64_t t, int32_t offset_s)
{
    if (buf == NULL || cap == 0) return;
    char utc[RFC3339_LEN];
    rfc3339_format(utc, sizeof utc, t + offset_s);
    const int32_t a = offset_s < 0 ? -offset_s : offset_s;
    /* "...Z" without its Z, then the offset the local reading was made at. */
    const int n = snprintf(buf, cap, "%.*s%c%02d:%02d", (int)(strlen(utc) ? strlen(utc) - 1 : 0),
                           utc, offset_s < 0 ? '-' : '+', (int)(a / 3600), (int)(a / 60 % 60));
    if (n < 0 || (size_t)n >= cap || !utc[0]) buf[0] = '\0';
}
