/* frabtime — the time notations of schedule exports (see frabtime.h). RFC 3339 with an
 * offset goes to rfc3339_parse, the project's one reader of it; the rest is read here
 * digit by digit, as that reader does, because strptime() accepts 2026-02-30 and leading
 * spaces. */
#include "frabtime.h"

#include "rfc3339.h"
#include "zone.h"

#include <string.h>

bool frabtime_date(const char *s, int64_t *days)
{
    int y, m, d;
    if (!rfc3339_digits(s, 4, &y) || s[4] != '-' || !rfc3339_digits(s + 5, 2, &m) || s[7] != '-' ||
        !rfc3339_digits(s + 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > zone_days_in_month(y, m))
        return false;
    *days = zone_days_from_civil(y, m, d);
    return true;
}

bool frabtime_clock(const char *s, int *seconds)
{
    int h, m;
    const size_t hl = strspn(s, "0123456789");
    if (hl < 1 || hl > 2 || s[hl] != ':' || !rfc3339_digits(s, (int)hl, &h) ||
        !rfc3339_digits(s + hl + 1, 2, &m) || h > 23 || m > 59)
        return false;
    if (s[hl + 3] == ':') { /* "HH:MM:SS" is seen too */
        int sec;
        if (!rfc3339_digits(s + hl + 4, 2, &sec) || sec > 59 || s[hl + 6] != '\0') return false;
    } else if (s[hl + 3] != '\0') {
        return false;
    }
    *seconds = h * 3600 + m * 60;
    return true;
}

bool frabtime_instant(const struct zone *z, const char *s, int64_t *out)
{
    int64_t days;
    int sec = 0;
    if (rfc3339_parse(s, out)) return true;
    if (!frabtime_date(s, &days) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return false;
    const char *p = s + 11;
    int h, m;
    if (!rfc3339_digits(p, 2, &h) || p[2] != ':' || !rfc3339_digits(p + 3, 2, &m) || h > 23 ||
        m > 59)
        return false;
    p += 5;
    if (*p == ':' && (!rfc3339_digits(p + 1, 2, &sec) || sec > 59)) return false;
    if (*p == ':') p += 3;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++) {
        }
    if (*p != '\0') return false;
    *out = zone_resolve(z, days * ZONE_S_PER_DAY + h * 3600 + m * 60 + sec);
    return true;
}

bool frabtime_duration(const char *s, int32_t *seconds)
{
    int part[3];
    size_t width[3], n = 0;
    if (!s) return false;
    for (const char *p = s;;) {
        const size_t w = strspn(p, "0123456789");
        if (n == 3 || w < 1 || w > 3 || !rfc3339_digits(p, (int)w, &part[n])) return false;
        width[n++] = w;
        p += w;
        if (*p == '\0') break;
        if (*p++ != ':') return false;
    }
    /* The last part is always two-digit minutes; a third part means "D:HH:MM". */
    if (n < 2 || width[n - 1] != 2 || part[n - 1] > 59) return false;
    if (n == 3 && (width[1] != 2 || part[1] > 23)) return false;
    const long total = n == 3 ? part[0] * 86400L + part[1] * 3600L + part[2] * 60L
                              : part[0] * 3600L + part[1] * 60L;
    if (total > FRABTIME_MAX_DURATION) return false;
    *seconds = (int32_t)total;
    return true;
}
