/* platform — vitrine's side of the systemd contract (Type=notify readiness, the
 * watchdog, the one-line STATUS) and the pure screen-hours rule. Called from the render
 * thread only: the watchdog must prove that the render loop itself turns, so no other
 * thread may pet it. Without libsystemd (VITRINE_HAVE_SYSTEMD unset) or outside systemd
 * (no NOTIFY_SOCKET) every notification is a no-op. */
#include "platform.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#ifdef VITRINE_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

enum {
    MINUTES_PER_DAY = 24 * 60,
    STATUS_MAX = 200 /* bytes of STATUS=: `systemctl status` shows one short line */
};

/* Monotonic ms of the last WATCHDOG=1 sent; only the render thread touches it. */
static int64_t last_ping_ms;
static bool pinged;

void platform_notify_ready(void)
{
#ifdef VITRINE_HAVE_SYSTEMD
    sd_notify(0, "READY=1");
#endif
}

int64_t platform_watchdog_interval_ms(void)
{
#ifdef VITRINE_HAVE_SYSTEMD
    uint64_t usec = 0;
    /* Reads WATCHDOG_USEC/WATCHDOG_PID each time: a getenv and a parse, cheap enough for
     * every loop turn, and it stays right if the environment is set after start (tests). */
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return 0;
    int64_t half_ms = (int64_t)(usec / 2000);
    return half_ms > 0 ? half_ms : 1;
#else
    return 0;
#endif
}

void platform_watchdog_ping(int64_t mono_ms)
{
    int64_t interval = platform_watchdog_interval_ms();
    if (interval == 0) return;
    /* Ping at most every interval/2 (a quarter of WatchdogSec). A caller that turns at
     * least every interval then leaves at most 1.5 intervals, 3/4 of WatchdogSec,
     * between two pings: never late, never flooding PID 1 at 60 frames a second. */
    if (pinged && mono_ms - last_ping_ms < interval / 2) return;
    last_ping_ms = mono_ms;
    pinged = true;
#ifdef VITRINE_HAVE_SYSTEMD
    sd_notify(0, "WATCHDOG=1");
#endif
}

void platform_notify_status(const char *line)
{
#ifdef VITRINE_HAVE_SYSTEMD
    if (!line) return;
    /* sd_notify takes newline-separated assignments: a newline in a feed title must not
     * end STATUS= early or smuggle in another assignment such as READY=1. */
    char msg[sizeof "STATUS=" + STATUS_MAX];
    size_t n = strcspn(line, "\r\n");
    if (n > STATUS_MAX) n = STATUS_MAX;
    snprintf(msg, sizeof msg, "STATUS=%.*s", (int)n, line);
    sd_notify(0, msg);
#else
    (void)line;
#endif
}

bool platform_prefer_software(const char *video_driver, bool gl_on_cpu)
{
    /* Unknown driver: keep what works rather than risk a black screen. */
    if (!gl_on_cpu || !video_driver) return false;
    /* SDL names it "KMSDRM" (SDL_GetCurrentVideoDriver), the hint says "kmsdrm". */
    return strcasecmp(video_driver, "kmsdrm") != 0;
}

/* Hours outside a day, or a missing end, mean "always on": a lit screen showing the
 * wrong thing is noticed and fixed, a screen dark by mistake is not. */
static bool hours_always_on(int on_min, int off_min)
{
    if (on_min < 0 || off_min < 0 || on_min >= MINUTES_PER_DAY || off_min >= MINUTES_PER_DAY)
        return true;
    return on_min == off_min;
}

static int minute_of_day(int min)
{
    return ((min % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

bool platform_screen_on(int now_min, int on_min, int off_min)
{
    if (hours_always_on(on_min, off_min)) return true;
    int now = minute_of_day(now_min);
    if (on_min < off_min) return now >= on_min && now < off_min;
    /* Hours crossing midnight, e.g. on 18:00, off 02:00. */
    return now >= on_min || now < off_min;
}

int platform_minutes_to_change(int now_min, int on_min, int off_min)
{
    if (hours_always_on(on_min, off_min)) return MINUTES_PER_DAY;
    int now = minute_of_day(now_min);
    int next = platform_screen_on(now, on_min, off_min) ? off_min : on_min;
    /* next != now here (the screen is on at on_min and off at off_min), so 1..1439. */
    return (next - now + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}
