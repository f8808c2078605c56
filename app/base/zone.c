/* zone — a TZif reader and pure local-time conversion (see zone.h).
 *
 * Why a reader of our own: glibc has no localtime_rz()/tzalloc() (NetBSD and tzcode
 * do), ICU would be a 30 MB dependency for one conversion, and setting TZ on the fetch
 * thread would race with the render thread's clock.c. TZif is a small, fixed binary
 * format (RFC 8536) that the tzdata package already installs; reading it is a few
 * bounds-checked copies. The tests compare every hour of several years against glibc's
 * own localtime_r for a dozen zones, so the two cannot drift apart unnoticed. */
#include "zone.h"

#include "file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_LEN      44
#define MAX_TYPES       256 /* a type index is one byte */
#define MAX_TRANSITIONS 8192
#define MAX_UTOFF       (26 * 3600)          /* RFC 8536: offsets lie within -25:59:59..+25:59:59 */
#define RULE_MAX_HOURS  167                  /* RFC 8536 section 3.3.1: rule times up to 167 h */
#define DEFAULT_RULE_S  7200                 /* POSIX: a rule without /time switches at 02:00 */
#define NEAR_S          (2 * ZONE_S_PER_DAY) /* any local time is this close to its UTC */
#define NEAR_STEPS      16                   /* transitions looked at around one local time */
#define MIN_T           (-62135596800LL)     /* 0001-01-01T00:00:00Z: keeps years in int */
#define MAX_T           253402300799LL       /* 9999-12-31T23:59:59Z */

struct rule {
    char kind;    /* 'J' (1-365, no Feb 29), 'n' (0-365) or 'M' (month.week.day) */
    int a, b, c;  /* J/n: a = day; M: a = month, b = week (5 = last), c = weekday */
    int32_t time; /* seconds after local midnight, may be negative or past 24 h */
};

struct footer {
    bool present, has_dst;
    int32_t std_off, dst_off; /* seconds east of UTC */
    struct rule start, end;   /* start in standard time, end in daylight time */
};

struct zone {
    char name[ZONE_NAME_MAX + 1];
    int32_t utoff[MAX_TYPES];
    size_t n_types;
    struct footer footer;
    size_t n_times;
    int64_t *times; /* ascending transition instants */
    uint8_t *types; /* the type in force from times[i] on */
};

/* --- calendar ------------------------------------------------------------------------ */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int zone_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && leap(year) ? 29 : days[month - 1];
}

/* H. Hinnant's days_from_civil / civil_from_days. */
int64_t zone_days_from_civil(int year, int month, int day)
{
    const int64_t y = (int64_t)year - (month <= 2);
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void zone_civil_from_days(int64_t days, int *year, int *month, int *day)
{
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

int64_t zone_civil(int year, int month, int day, int seconds_of_day)
{
    return zone_days_from_civil(year, month, day) * ZONE_S_PER_DAY + seconds_of_day;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t clamp_t(int64_t t)
{
    return t < MIN_T ? MIN_T : t > MAX_T ? MAX_T : t;
}

/* --- the POSIX TZ footer -------------------------------------------------------------- */

static bool footer_name(const char **s)
{
    const char *p = *s;
    size_t n = 0;
    if (*p == '<') {
        for (p++; *p && *p != '>'; p++, n++)
            if (!strchr("+-0123456789", *p) && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
                return false;
        if (*p != '>') return false;
        p++;
    } else {
        for (; (*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'; p++)
            n++;
    }
    *s = p;
    return n >= 3;
}

static bool footer_number(const char **s, int max, int *out)
{
    const char *p = *s;
    int v = 0, digits = 0;
    for (; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
        v = v * 10 + (*p - '0');
    if (digits == 0 || v > max) return false;
    *out = v;
    *s = p;
    return true;
}

/* [+-]hh[:mm[:ss]], hours up to max_hours. */
static bool footer_hms(const char **s, int max_hours, int32_t *out)
{
    int sign = 1, h, m = 0, sec = 0;
    if (**s == '+' || **s == '-') sign = *(*s)++ == '-' ? -1 : 1;
    if (!footer_number(s, max_hours, &h)) return false;
    if (**s == ':' && (++*s, !footer_number(s, 59, &m))) return false;
    if (**s == ':' && (++*s, !footer_number(s, 59, &sec))) return false;
    *out = sign * (h * 3600 + m * 60 + sec);
    return true;
}

static bool footer_rule(const char **s, struct rule *r)
{
    r->time = DEFAULT_RULE_S;
    r->b = r->c = 0;
    if (**s == 'M') {
        r->kind = 'M';
        ++*s;
        if (!footer_number(s, 12, &r->a) || r->a < 1 || *(*s)++ != '.' ||
            !footer_number(s, 5, &r->b) || r->b < 1 || *(*s)++ != '.' ||
            !footer_number(s, 6, &r->c))
            return false;
    } else if (**s == 'J') {
        r->kind = 'J';
        ++*s;
        if (!footer_number(s, 365, &r->a) || r->a < 1) return false;
    } else {
        r->kind = 'n';
        if (!footer_number(s, 365, &r->a)) return false;
    }
    if (**s == '/') {
        ++*s;
        if (!footer_hms(s, RULE_MAX_HOURS, &r->time)) return false;
    }
    return true;
}

/* "EST5EDT,M3.2.0,M11.1.0": note POSIX's sign, hours *west* of UTC. */
static bool footer_parse(const char *s, struct footer *f)
{
    int32_t west;
    memset(f, 0, sizeof *f);
    if (*s == '\0') return false; /* an empty footer: no rule past the table */
    if (!footer_name(&s) || !footer_hms(&s, 24, &west)) return false;
    f->std_off = -west;
    if (*s == '\0') {
        f->present = true;
        return true;
    }
    if (!footer_name(&s)) return false;
    f->dst_off = f->std_off + 3600;
    if (*s != ',' && *s != '\0') {
        if (!footer_hms(&s, 24, &west)) return false;
        f->dst_off = -west;
    }
    /* A daylight name without rules is implementation-defined in POSIX; TZif files
     * always carry the rules, so anything else is refused rather than guessed. */
    if (*s++ != ',' || !footer_rule(&s, &f->start) || *s++ != ',' || !footer_rule(&s, &f->end) ||
        *s != '\0')
        return false;
    f->present = f->has_dst = true;
    return true;
}

/* Local days since 1970 of rule r in year y. */
static int64_t rule_day(const struct rule *r, int y)
{
    const int64_t jan1 = zone_days_from_civil(y, 1, 1);
    if (r->kind == 'J') return jan1 + r->a - 1 + (leap(y) && r->a >= 60);
    if (r->kind == 'n') return jan1 + r->a;
    const int64_t first = zone_days_from_civil(y, r->a, 1);
    const int wday_first = (int)((first + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
    int day = 1 + (r->c - wday_first + 7) % 7 + (r->b - 1) * 7;
    while (day > zone_days_in_month(y, r->a))
        day -= 7;
    return first + day - 1;
}

static int64_t rule_utc(const struct rule *r, int y, int32_t off)
{
    return rule_day(r, y) * ZONE_S_PER_DAY + r->time - off;
}

static int footer_year(const struct footer *f, int64_t t)
{
    int y, m, d;
    zone_civil_from_days(floor_div(t + f->std_off, ZONE_S_PER_DAY), &y, &m, &d);
    return y;
}

static int32_t footer_offset(const struct footer *f, int64_t t)
{
    if (!f->has_dst) return f->std_off;
    const int y = footer_year(f, t);
    const int64_t s = rule_utc(&f->start, y, f->std_off), e = rule_utc(&f->end, y, f->dst_off);
    const bool dst = s < e ? (s <= t && t < e) : !(e <= t && t < s);
    return dst ? f->dst_off : f->std_off;
}

static int64_t footer_next(const struct footer *f, int64_t t)
{
    if (!f->has_dst) return ZONE_NO_TIME;
    const int y = footer_year(f, t);
    int64_t best = ZONE_NO_TIME;
    for (int yy = y - 1; yy <= y + 1; yy++) {
        const int64_t c[2] = {rule_utc(&f->start, yy, f->std_off),
                              rule_utc(&f->end, yy, f->dst_off)};
        for (size_t i = 0; i < 2; i++)
            if (c[i] > t && c[i] < best) best = c[i];
    }
    return best;
}

/* --- TZif ----------------------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct counts {
    size_t isut, isstd, leap, time, type, chars;
};

static bool read_header(const unsigned char *p, size_t avail, struct counts *c)
{
    if (avail < HEADER_LEN || memcmp(p, "TZif", 4) != 0) return false;
    size_t *fields[] = {&c->isut, &c->isstd, &c->leap, &c->time, &c->type, &c->chars};
    for (size_t i = 0; i < 6; i++) {
        const uint32_t v = be32(p + 20 + 4 * i);
        if (v > ZONE_MAX_BYTES) return false; /* also keeps the sizes below from overflowing */
        *fields[i] = v;
    }
    return true;
}

static size_t block_len(const struct counts *c, size_t tsize)
{
    return c->time * (tsize + 1) + c->type * 6 + c->chars + c->leap * (tsize + 4) + c->isstd +
           c->isut;
}

static bool fill_table(struct zone *z, const unsigned char *p, const struct counts *c, size_t tsize)
{
    if (c->type == 0 || c->type > MAX_TYPES || c->time > MAX_TRANSITIONS) return false;
    z->n_times = c->time;
    z->n_types = c->type;
    z->times = malloc((c->time ? c->time : 1) * sizeof *z->times);
    z->types = malloc(c->time ? c->time : 1);
    if (!z->times || !z->types) return false;
    for (size_t i = 0; i < c->time; i++) {
        const unsigned char *q = p + i * tsize;
        z->times[i] = tsize == 8 ? be64(q) : (int32_t)be32(q);
        if (i > 0 && z->times[i] <= z->times[i - 1]) return false;
        z->types[i] = p[c->time * tsize + i];
        if (z->types[i] >= c->type) return false;
    }
    const unsigned char *info = p + c->time * (tsize + 1);
    for (size_t i = 0; i < c->type; i++) {
        const int32_t off = (int32_t)be32(info + 6 * i);
        if (off <= -MAX_UTOFF || off >= MAX_UTOFF) return false;
        z->utoff[i] = off;
    }
    return true;
}

/* The footer of a v2+ file: "\n" TZ-string "\n". A missing or unusable one leaves the
 * last table entry in force forever, which is what RFC 8536 asks of readers. */
static void read_footer(struct zone *z, const unsigned char *p, size_t avail)
{
    char tz[128];
    if (avail < 2 || p[0] != '\n') return;
    const unsigned char *end = memchr(p + 1, '\n', avail - 1);
    if (!end || (size_t)(end - p - 1) >= sizeof tz) return;
    memcpy(tz, p + 1, (size_t)(end - p - 1));
    tz[end - p - 1] = '\0';
    struct footer f;
    if (footer_parse(tz, &f)) z->footer = f;
}

static bool parse_tzif(struct zone *z, const unsigned char *data, size_t len)
{
    struct counts c;
    if (!read_header(data, len, &c)) return false;
    size_t off = HEADER_LEN, tsize = 4;
    const size_t v1 = block_len(&c, 4);
    if (data[4] >= '2') { /* skip the 32-bit block: the 64-bit one follows */
        if (len - off < v1 || !read_header(data + off + v1, len - off - v1, &c)) return false;
        off += v1 + HEADER_LEN;
        tsize = 8;
    }
    const size_t body = block_len(&c, tsize);
    if (len - off < body || !fill_table(z, data + off, &c, tsize)) return false;
    if (tsize == 8) read_footer(z, data + off + body, len - off - body);
    return true;
}

bool zone_name_ok(const char *name)
{
    const size_t n =
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-/");
    return name[n] == '\0' && n > 0 && n <= ZONE_NAME_MAX && name[0] != '/' && !strstr(name, "..");
}

struct zone *zone_parse(const unsigned char *data, size_t len, const char *name, char *err,
                        size_t errlen)
{
    struct zone *z = calloc(1, sizeof *z);
    if (!z) {
        file_error(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(z->name, sizeof z->name, "%s", name ? name : "");
    if (!data || !parse_tzif(z, data, len)) {
        zone_free(z);
        file_error(err, errlen, "not a usable TZif time-zone file");
        return NULL;
    }
    return z;
}

struct zone *zone_load(const char *name, char *err, size_t errlen)
{
    char path[sizeof ZONE_DIR + ZONE_NAME_MAX + 1], why[256];
    unsigned char *data;
    size_t len;
    if (!name || !zone_name_ok(name)) {
        file_error(err, errlen, "not a time-zone name");
        return NULL;
    }
    snprintf(path, sizeof path, "%s/%s", ZONE_DIR, name);
    if (!file_read(path, ZONE_MAX_BYTES, &data, &len, why, sizeof why)) {
        file_error(err, errlen, "unknown time zone (%s)", why);
        return NULL;
    }
    struct zone *z = zone_parse(data, len, name, err, errlen);
    free(data);
    return z;
}

struct zone *zone_utc(void)
{
    struct zone *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    snprintf(z->name, sizeof z->name, "UTC");
    z->n_types = 1; /* utoff[0] = 0 and no transitions: UTC for ever */
    return z;
}

void zone_free(struct zone *zone)
{
    if (!zone) return;
    free(zone->types);
    free(zone->times);
    free(zone);
}

const char *zone_name(const struct zone *zone)
{
    return zone->name;
}

/* --- conversion ------------------------------------------------------------------------ */

/* The index of the last transition at or before t, or -1 before the first. */
static ptrdiff_t last_at(const struct zone *z, int64_t t)
{
    size_t lo = 0, hi = z->n_times;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (z->times[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (ptrdiff_t)lo - 1;
}

int32_t zone_offset(const struct zone *zone, int64_t t)
{
    t = clamp_t(t);
    const ptrdiff_t i = last_at(zone, t);
    const bool past_table = zone->n_times == 0 || (size_t)i + 1 == zone->n_times;
    if (past_table && zone->footer.present) return footer_offset(&zone->footer, t);
    return zone->utoff[i < 0 ? 0 : zone->types[i]];
}

int64_t zone_next_transition(const struct zone *zone, int64_t t)
{
    if (t >= MAX_T) return ZONE_NO_TIME;
    t = clamp_t(t);
    const ptrdiff_t i = last_at(zone, t);
    if ((size_t)(i + 1) < zone->n_times) return zone->times[i + 1];
    return zone->footer.present ? footer_next(&zone->footer, t) : ZONE_NO_TIME;
}

void zone_local(const struct zone *zone, int64_t t, struct zone_time *out)
{
    t = clamp_t(t);
    out->offset = zone_offset(zone, t);
    const int64_t local = t + out->offset;
    out->days = floor_div(local, ZONE_S_PER_DAY);
    const int sod = (int)(local - out->days * ZONE_S_PER_DAY);
    zone_civil_from_days(out->days, &out->year, &out->month, &out->day);
    out->hour = sod / 3600;
    out->minute = sod / 60 % 60;
    out->sec = sod % 60;
    out->wday = (int)(((out->days + 4) % 7 + 7) % 7);
}

/* The offsets in force around local time `local`, in time order, with the instant each
 * took effect (at[0] is only a lower bound). */
static size_t offsets_near(const struct zone *z, int64_t local, int32_t *offs, int64_t *at)
{
    int64_t u = local - NEAR_S;
    size_t n = 0;
    offs[n] = zone_offset(z, u);
    at[n++] = u;
    while (n < NEAR_STEPS) {
        u = zone_next_transition(z, u);
        if (u == ZONE_NO_TIME || u > local + NEAR_S) break;
        const int32_t o = zone_offset(z, u);
        if (o == offs[n - 1]) continue; /* a change of name or isdst only */
        offs[n] = o;
        at[n++] = u;
    }
    return n;
}

size_t zone_instants(const struct zone *zone, int64_t local, int64_t out[2])
{
    int32_t offs[NEAR_STEPS];
    int64_t at[NEAR_STEPS];
    local = clamp_t(local);
    const size_t n = offsets_near(zone, local, offs, at);
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        const int64_t u = local - offs[i];
        if (zone_offset(zone, u) != offs[i]) continue;
        if (found == 0 || u > out[found - 1]) { /* offsets come in time order */
            if (found == 2)
                out[1] = u; /* more than two: keep the extremes */
            else
                out[found++] = u;
        }
    }
    return found;
}

int64_t zone_resolve(const struct zone *zone, int64_t local)
{
    int64_t u[2];
    if (zone_instants(zone, local, u) > 0) return u[0];
    int32_t offs[NEAR_STEPS];
    int64_t at[NEAR_STEPS];
    local = clamp_t(local);
    const size_t n = offsets_near(zone, local, offs, at);
    for (size_t i = 1; i < n; i++)
        if (at[i] + offs[i - 1] <= local && local < at[i] + offs[i]) return local - offs[i - 1];
    return local - offs[0];
}
