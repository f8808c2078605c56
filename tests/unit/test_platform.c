/* Tests for platform.c: the screen-hours rule at every edge (midnight, on == off,
 * unset hours), and the systemd notifications as systemd sees them, read from a real
 * NOTIFY_SOCKET datagram socket in a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "platform.h"

#define HM(h, m) ((h)*60 + (m))

/* --- screen hours ------------------------------------------------------------------ */

static void screen_is_on_inside_daytime_hours(void **state)
{
    (void)state;
    assert_true(platform_screen_on(HM(8, 0), HM(8, 0), HM(20, 0)));
    assert_true(platform_screen_on(HM(12, 30), HM(8, 0), HM(20, 0)));
    assert_true(platform_screen_on(HM(19, 59), HM(8, 0), HM(20, 0)));
}

static void screen_is_off_outside_daytime_hours(void **state)
{
    (void)state;
    assert_false(platform_screen_on(HM(7, 59), HM(8, 0), HM(20, 0)));
    assert_false(platform_screen_on(HM(20, 0), HM(8, 0), HM(20, 0)));
    assert_false(platform_screen_on(HM(0, 0), HM(8, 0), HM(20, 0)));
    assert_false(platform_screen_on(HM(23, 59), HM(8, 0), HM(20, 0)));
}

static void screen_hours_cross_midnight(void **state)
{
    (void)state;
    /* on 18:00, off 02:00: an evening event running past midnight */
    assert_true(platform_screen_on(HM(18, 0), HM(18, 0), HM(2, 0)));
    assert_true(platform_screen_on(HM(23, 59), HM(18, 0), HM(2, 0)));
    assert_true(platform_screen_on(HM(0, 0), HM(18, 0), HM(2, 0)));
    assert_true(platform_screen_on(HM(1, 59), HM(18, 0), HM(2, 0)));
    assert_false(platform_screen_on(HM(2, 0), HM(18, 0), HM(2, 0)));
    assert_false(platform_screen_on(HM(12, 0), HM(18, 0), HM(2, 0)));
    assert_false(platform_screen_on(HM(17, 59), HM(18, 0), HM(2, 0)));
}

static void screen_hours_ending_at_midnight_switch_off_at_midnight(void **state)
{
    (void)state;
    assert_true(platform_screen_on(HM(23, 59), HM(9, 0), HM(0, 0)));
    assert_false(platform_screen_on(HM(0, 0), HM(9, 0), HM(0, 0)));
    assert_true(platform_screen_on(HM(0, 0), HM(0, 0), HM(6, 0)));
    assert_false(platform_screen_on(HM(23, 59), HM(0, 0), HM(6, 0)));
}

/* The Debian 12 VM (tests/system) showed it: on KMS/DRM with llvmpipe, trading GL for
 * SDL's software renderer left no renderer at all and a black screen. */
static void software_renderer_only_where_windows_have_framebuffers(void **state)
{
    (void)state;
    assert_true(platform_prefer_software("x11", true));
    assert_true(platform_prefer_software("wayland", true));
    assert_false(platform_prefer_software("kmsdrm", true));
    assert_false(platform_prefer_software("KMSDRM", true)); /* SDL's own spelling */
    assert_false(platform_prefer_software("x11", false));
    assert_false(platform_prefer_software("kmsdrm", false));
    assert_false(platform_prefer_software(NULL, true));
}

static void screen_is_always_on_when_on_equals_off(void **state)
{
    (void)state;
    for (int m = 0; m < 1440; m++) {
        assert_true(platform_screen_on(m, HM(7, 0), HM(7, 0)));
        assert_true(platform_screen_on(m, 0, 0));
    }
}

static void screen_is_always_on_without_hours(void **state)
{
    (void)state;
    for (int m = 0; m < 1440; m++) {
        assert_true(platform_screen_on(m, -1, -1));
        /* half-set hours are not a schedule: keep the screen lit */
        assert_true(platform_screen_on(m, HM(8, 0), -1));
        assert_true(platform_screen_on(m, -1, HM(8, 0)));
    }
}

static void screen_hours_out_of_range_mean_always_on(void **state)
{
    (void)state;
    assert_true(platform_screen_on(HM(3, 0), HM(8, 0), 1440));
    assert_true(platform_screen_on(HM(3, 0), 2000, HM(8, 0)));
}

static void screen_hours_wrap_now_into_the_day(void **state)
{
    (void)state;
    assert_true(platform_screen_on(1440 + HM(9, 0), HM(8, 0), HM(20, 0)));
    assert_false(platform_screen_on(-1, HM(8, 0), HM(20, 0))); /* 23:59 */
}

static void minutes_to_change_counts_to_switch_off(void **state)
{
    (void)state;
    assert_int_equal(platform_minutes_to_change(HM(8, 0), HM(8, 0), HM(20, 0)), 720);
    assert_int_equal(platform_minutes_to_change(HM(19, 59), HM(8, 0), HM(20, 0)), 1);
}

static void minutes_to_change_counts_to_switch_on(void **state)
{
    (void)state;
    assert_int_equal(platform_minutes_to_change(HM(20, 0), HM(8, 0), HM(20, 0)), 720);
    assert_int_equal(platform_minutes_to_change(HM(7, 59), HM(8, 0), HM(20, 0)), 1);
    assert_int_equal(platform_minutes_to_change(HM(23, 0), HM(8, 0), HM(20, 0)), 540);
}

static void minutes_to_change_crosses_midnight(void **state)
{
    (void)state;
    assert_int_equal(platform_minutes_to_change(HM(23, 0), HM(18, 0), HM(2, 0)), 180);
    assert_int_equal(platform_minutes_to_change(HM(1, 0), HM(18, 0), HM(2, 0)), 60);
    assert_int_equal(platform_minutes_to_change(HM(2, 0), HM(18, 0), HM(2, 0)), 960);
    assert_int_equal(platform_minutes_to_change(HM(17, 59), HM(18, 0), HM(2, 0)), 1);
}

static void minutes_to_change_is_a_day_when_always_on(void **state)
{
    (void)state;
    assert_int_equal(platform_minutes_to_change(HM(5, 0), -1, -1), 1440);
    assert_int_equal(platform_minutes_to_change(HM(5, 0), HM(7, 0), HM(7, 0)), 1440);
}

static void minutes_to_change_always_lands_on_a_state_change(void **state)
{
    (void)state;
    /* Exhaustive on a coarse grid: after the minutes returned the state has flipped,
     * and not a minute before. */
    for (int on = 0; on < 1440; on += 97) {
        for (int off = 0; off < 1440; off += 89) {
            if (on == off) continue;
            for (int now = 0; now < 1440; now += 7) {
                int d = platform_minutes_to_change(now, on, off);
                assert_in_range(d, 1, 1439);
                bool s = platform_screen_on(now, on, off);
                assert_true(platform_screen_on(now + d, on, off) != s);
                assert_true(platform_screen_on(now + d - 1, on, off) == s);
            }
        }
    }
}

/* --- systemd notifications ----------------------------------------------------------- */

#ifdef VITRINE_HAVE_SYSTEMD
struct notify_socket {
    char dir[64];
    char path[128];
    int fd;
};

static int notify_setup(void **state)
{
    struct notify_socket *ns = calloc(1, sizeof *ns);
    assert_non_null(ns);
    strcpy(ns->dir, "/tmp/vitrine-notify-XXXXXX");
    assert_non_null(mkdtemp(ns->dir));
    snprintf(ns->path, sizeof ns->path, "%s/notify", ns->dir);
    ns->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    assert_true(ns->fd >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    strcpy(sa.sun_path, ns->path);
    assert_int_equal(bind(ns->fd, (struct sockaddr *)&sa, sizeof sa), 0);
    setenv("NOTIFY_SOCKET", ns->path, 1);
    unsetenv("WATCHDOG_PID");
    unsetenv("WATCHDOG_USEC");
    *state = ns;
    return 0;
}

static int notify_teardown(void **state)
{
    struct notify_socket *ns = *state;
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    close(ns->fd);
    unlink(ns->path);
    rmdir(ns->dir);
    free(ns);
    return 0;
}

/* The next datagram, or "" when none is waiting (sd_notify sends synchronously). */
static const char *next_message(struct notify_socket *ns)
{
    static char buf[512];
    ssize_t n = recv(ns->fd, buf, sizeof buf - 1, MSG_DONTWAIT);
    if (n < 0) {
        assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
        n = 0;
    }
    buf[n] = '\0';
    return buf;
}

static void ready_tells_systemd_ready(void **state)
{
    struct notify_socket *ns = *state;
    platform_notify_ready();
    assert_string_equal(next_message(ns), "READY=1");
}

static void status_is_one_line(void **state)
{
    struct notify_socket *ns = *state;
    platform_notify_status("showing 12 slides\nREADY=1");
    assert_string_equal(next_message(ns), "STATUS=showing 12 slides");
    assert_string_equal(next_message(ns), "");
}

static void status_is_capped_in_length(void **state)
{
    struct notify_socket *ns = *state;
    char longline[1000];
    memset(longline, 'a', sizeof longline - 1);
    longline[sizeof longline - 1] = '\0';
    platform_notify_status(longline);
    const char *msg = next_message(ns);
    assert_true(strncmp(msg, "STATUS=aaa", 10) == 0);
    assert_true(strlen(msg) <= 7 + 200);
}

static void watchdog_is_off_without_watchdog_usec(void **state)
{
    struct notify_socket *ns = *state;
    assert_int_equal(platform_watchdog_interval_ms(), 0);
    platform_watchdog_ping(1000000);
    assert_string_equal(next_message(ns), "");
}

static void watchdog_interval_is_half_watchdog_sec(void **state)
{
    (void)state;
    setenv("WATCHDOG_USEC", "20000000", 1);
    assert_int_equal(platform_watchdog_interval_ms(), 10000);
}

static void watchdog_ignores_another_process_watchdog(void **state)
{
    (void)state;
    setenv("WATCHDOG_USEC", "20000000", 1);
    setenv("WATCHDOG_PID", "1", 1); /* meant for PID 1, not for this test */
    assert_int_equal(platform_watchdog_interval_ms(), 0);
    unsetenv("WATCHDOG_PID");
}

static void watchdog_ping_is_rate_limited(void **state)
{
    struct notify_socket *ns = *state;
    setenv("WATCHDOG_USEC", "2000000", 1); /* interval 1000 ms, pings >= 500 ms apart */
    int64_t t = 5000000;
    platform_watchdog_ping(t);
    assert_string_equal(next_message(ns), "WATCHDOG=1");
    platform_watchdog_ping(t + 16);
    platform_watchdog_ping(t + 499);
    assert_string_equal(next_message(ns), "");
    platform_watchdog_ping(t + 500);
    assert_string_equal(next_message(ns), "WATCHDOG=1");
    /* a loop turning every frame pings about twice per interval, never less */
    int pings = 0;
    for (int64_t now = t + 516; now < t + 10500; now += 16) {
        platform_watchdog_ping(now);
        if (strcmp(next_message(ns), "WATCHDOG=1") == 0) pings++;
    }
    assert_in_range(pings, 18, 21);
}
#endif

int main(void)
{
    const struct CMUnitTest hours[] = {
        cmocka_unit_test(screen_is_on_inside_daytime_hours),
        cmocka_unit_test(screen_is_off_outside_daytime_hours),
        cmocka_unit_test(screen_hours_cross_midnight),
        cmocka_unit_test(screen_hours_ending_at_midnight_switch_off_at_midnight),
        cmocka_unit_test(screen_is_always_on_when_on_equals_off),
        cmocka_unit_test(screen_is_always_on_without_hours),
        cmocka_unit_test(screen_hours_out_of_range_mean_always_on),
        cmocka_unit_test(screen_hours_wrap_now_into_the_day),
        cmocka_unit_test(software_renderer_only_where_windows_have_framebuffers),
        cmocka_unit_test(minutes_to_change_counts_to_switch_off),
        cmocka_unit_test(minutes_to_change_counts_to_switch_on),
        cmocka_unit_test(minutes_to_change_crosses_midnight),
        cmocka_unit_test(minutes_to_change_is_a_day_when_always_on),
        cmocka_unit_test(minutes_to_change_always_lands_on_a_state_change),
    };
    int failed = cmocka_run_group_tests_name("screen_hours", hours, NULL, NULL);
#ifdef VITRINE_HAVE_SYSTEMD
    const struct CMUnitTest notify[] = {
        cmocka_unit_test_setup_teardown(ready_tells_systemd_ready, notify_setup, notify_teardown),
        cmocka_unit_test_setup_teardown(status_is_one_line, notify_setup, notify_teardown),
        cmocka_unit_test_setup_teardown(status_is_capped_in_length, notify_setup, notify_teardown),
        cmocka_unit_test_setup_teardown(watchdog_is_off_without_watchdog_usec, notify_setup,
                                        notify_teardown),
        cmocka_unit_test_setup_teardown(watchdog_interval_is_half_watchdog_sec, notify_setup,
                                        notify_teardown),
        cmocka_unit_test_setup_teardown(watchdog_ignores_another_process_watchdog, notify_setup,
                                        notify_teardown),
        cmocka_unit_test_setup_teardown(watchdog_ping_is_rate_limited, notify_setup,
                                        notify_teardown),
    };
    failed += cmocka_run_group_tests_name("systemd_notify", notify, NULL, NULL);
#endif
    return failed;
}
