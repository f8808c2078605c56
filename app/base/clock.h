/* clock — the two times vitrine lives by, behind one injectable interface: monotonic
 * time for animations and timeouts (never jumps), wall time for schedules and the
 * loop position (jumps when NTP syncs a Pi that booted without a battery clock).
 * Tests replace both with a fake clock; nothing else in vitrine reads the system time. */
#ifndef VITRINE_CLOCK_H
#define VITRINE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

struct clock {
    void *ctx;
    int64_t (*mono_ms)(void *ctx); /* monotonic milliseconds, arbitrary origin */
    int64_t (*wall_ms)(void *ctx); /* unix milliseconds */
};

/* The system clocks (CLOCK_MONOTONIC, CLOCK_REALTIME). */
const struct clock *clock_system(void);

/* A fake clock for tests: both times advance only through clock_fake_advance. */
struct clock_fake {
    struct clock clock;
    int64_t mono, wall;
};
void clock_fake_init(struct clock_fake *f, int64_t wall_ms);
void clock_fake_advance(struct clock_fake *f, int64_t ms);
void clock_fake_set_wall(struct clock_fake *f, int64_t wall_ms); /* an NTP jump */

/* The rehearsal clock (--at): wall time runs from a chosen instant at the system
 * clock's pace; monotonic time is the system's, so animations are unchanged. */
struct clock_shifted {
    struct clock clock;
    int64_t offset_ms; /* added to the system wall clock */
};
void clock_shifted_init(struct clock_shifted *c, int64_t wall_now_ms);

/* Formats unix seconds t as local time in the IANA zone tz (e.g. "America/Toronto")
 * with strftime format fmt. Returns the length written. Render thread only: it sets TZ. */
size_t clock_format_local(char *buf, size_t cap, const char *fmt, int64_t t, const char *tz);

/* Points TZ at zone tz now. main calls it with the first deck's zone before any other
 * thread starts, so that later changes only replace an existing variable. */
void clock_use_zone(const char *tz);

/* Minutes since local midnight at unix seconds t in zone tz (screen hours). Render thread only. */
int clock_local_minutes(int64_t t, const char *tz);

#endif
