/* clock — the system clocks, a fake clock for tests, and time formatting.
 *
 * clock_system() may be called from any thread (RFC 3339 timestamps are rfc3339.h's).
 * clock_format_local() and clock_local_minutes() are render-thread only: the C library
 * has no "localtime in zone X", so they point TZ at the zone and call tzset(). To keep
 * the environment write (which races with getenv() on other threads) down to a single
 * one per zone, the zone last set is remembered and TZ is only rewritten when it differs,
 * and main sets it once before any thread starts (clock_use_zone): glibc then replaces
 * TZ's value in place, never moving the environment array under another thread's
 * getenv, and keeps every old value alive. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MS_PER_S     1000
#define NS_PER_MS    1000000
#define S_PER_DAY    86400
#define MIN_PER_HOUR 60
#define S_PER_MIN    60
#define TZ_NAME_MAX  256 /* longest IANA zone name we will pass to TZ */
#define DEFAULT_TZ   "UTC"

static int64_t timespec_ms(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return 0;
    return (int64_t)ts.tv_sec * MS_PER_S + ts.tv_nsec / NS_PER_MS;
}

static int64_t system_mono_ms(void *ctx)
{
    (void)ctx;
    return timespec_ms(CLOCK_MONOTONIC);
}

static int64_t system_wall_ms(void *ctx)
{
    (void)ctx;
    return timespec_ms(CLOCK_REALTIME);
}

const struct clock *clock_system(void)
{
    static const struct clock system = {NULL, system_mono_ms, system_wall_ms};
    return &system;
}

static int64_t shifted_wall_ms(void *ctx)
{
    return timespec_ms(CLOCK_REALTIME) + ((const struct clock_shifted *)ctx)->offset_ms;
}

void clock_shifted_init(struct clock_shifted *c, int64_t wall_now_ms)
{
    c->clock.ctx = c;
    c->clock.mono_ms = system_mono_ms;
    c->clock.wall_ms = shifted_wall_ms;
    c->offset_ms = wall_now_ms - timespec_ms(CLOCK_REALTIME);
}

static int64_t fake_mono_ms(void *ctx)
{
    return ((const struct clock_fake *)ctx)->mono;
}

static int64_t fake_wall_ms(void *ctx)
{
    return ((const struct clock_fake *)ctx)->wall;
}

/* The fake monotonic clock starts at 0: code that wrongly mixes it with wall time then
 * shows up as a 56-year error in tests. */
void clock_fake_init(struct clock_fake *f, int64_t wall_ms)
{
    f->clock.ctx = f;
    f->clock.mono_ms = fake_mono_ms;
    f->clock.wall_ms = fake_wall_ms;
    f->mono = 0;
    f->wall = wall_ms;
}

/* Time only moves forward: a negative step is ignored, as a monotonic clock must be. */
void clock_fake_advance(struct clock_fake *f, int64_t ms)
{
    if (ms <= 0) return;
    f->mono += ms;
    f->wall += ms;
}

/* Wall time jumps (either way); monotonic time does not move. */
void clock_fake_set_wall(struct clock_fake *f, int64_t wall_ms)
{
    f->wall = wall_ms;
}

/* int64 -> time_t without silent truncation where time_t is 32 bits (armhf). */
static int to_time_t(int64_t t, time_t *out)
{
    const time_t tt = (time_t)t;
    if ((int64_t)tt != t) return -1;
    *out = tt;
    return 0;
}

/* Points TZ at zone tz (UTC when empty or absurdly long). An unknown zone name makes
 * glibc use UTC, which is the best we can do for a typo in a feed. */
static void use_zone(const char *tz)
{
    static char current[TZ_NAME_MAX];
    if (tz == NULL || tz[0] == '\0' || strlen(tz) >= sizeof current) tz = DEFAULT_TZ;
    if (strcmp(current, tz) == 0) return;
    if (setenv("TZ", tz, 1) != 0) return;
    tzset();
    snprintf(current, sizeof current, "%s", tz);
}

void clock_use_zone(const char *tz)
{
    use_zone(tz);
}

static int local_tm(int64_t t, const char *tz, struct tm *tm)
{
    time_t tt;
    if (to_time_t(t, &tt) != 0) return -1;
    use_zone(tz);
    return localtime_r(&tt, tm) != NULL ? 0 : -1;
}

size_t clock_format_local(char *buf, size_t cap, const char *fmt, int64_t t, const char *tz)
{
    if (buf == NULL || cap == 0) return 0;
    buf[0] = '\0';
    struct tm tm;
    if (local_tm(t, tz, &tm) != 0) return 0;
        /* fmt comes from the caller's constant table; strftime cannot overrun buf anyway. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    const size_t n = strftime(buf, cap, fmt, &tm);
#pragma GCC diagnostic pop
    if (n == 0) buf[0] = '\0'; /* too long for buf: contents are unspecified otherwise */
    return n;
}

int clock_local_minutes(int64_t t, const char *tz)
{
    struct tm tm;
    if (local_tm(t, tz, &tm) == 0) return tm.tm_hour * MIN_PER_HOUR + tm.tm_min;
    /* Unrepresentable time: fall back to UTC arithmetic rather than fail. */
    int64_t s = t % S_PER_DAY;
    if (s < 0) s += S_PER_DAY;
    return (int)(s / S_PER_MIN);
}
