/* platform — what vitrine needs from the machine it runs on, outside SDL: telling
 * systemd it is alive (sd_notify READY/WATCHDOG/STATUS through libsystemd, a no-op when
 * not under systemd or built without it), and the screen-hours rule. */
#ifndef VITRINE_PLATFORM_H
#define VITRINE_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

/* Tells systemd the first frame is up (Type=notify). */
void platform_notify_ready(void);
/* Pets the watchdog; the render loop calls it at least every half WatchdogSec. Cheap:
 * it rate-limits itself, so calling it every loop turn is fine. mono_ms: monotonic now. */
void platform_watchdog_ping(int64_t mono_ms);
/* Milliseconds between two pings the loop must respect (half of WatchdogSec), or 0
 * when no watchdog is asked for. */
int64_t platform_watchdog_interval_ms(void);
/* One short line for `systemctl status` (sd_notify STATUS=). */
void platform_notify_status(const char *line);

/* Whether to trade an OpenGL renderer that SDL just made for SDL's software renderer.
 * gl_on_cpu: the GL renderer is a CPU rasteriser (llvmpipe). Only worth it where the
 * video driver gives windows a framebuffer to draw into (X11, Wayland): on KMS/DRM
 * ("kmsdrm") SDL's software renderer has none ("Couldn't find matching render driver"),
 * so the GL renderer, even on the CPU, is the only way onto the screen. Pure. */
bool platform_prefer_software(const char *video_driver, bool gl_on_cpu);

/* Screen hours: is the screen on at local minute now_min (0..1439), for hours from
 * on_min to off_min (minutes after midnight; -1 for both means always on)? Hours may
 * cross midnight (on 18:00, off 02:00). Pure. */
bool platform_screen_on(int now_min, int on_min, int off_min);
/* Minutes from now_min until the screen state next changes (1..1440), for sleeping. */
int platform_minutes_to_change(int now_min, int on_min, int off_min);

#endif
