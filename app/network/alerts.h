/* alerts — the emergency alert source (`alerts = URL` or a file), on a thread of its
 * own: polled every alerts_interval seconds with http_get's conditional requests (a
 * 304 costs nothing) or watched on disk, parsed with cap.h, and each new good document
 * handed to the render thread in an SDL user event (data1: a struct cap_doc that the
 * render thread then owns, see alarm.h).
 *
 * A thread of its own rather than a turn of the fetch thread's loop: a feed transfer
 * may take up to HTTP_TRANSFER_TIMEOUT_S, and an alert must be on screen within
 * alerts_interval + 1 s of being published. A failing source is logged when its reason
 * changes, put in the status file's alerts_error, and tried again at the interval (no
 * growing backoff: this is safety); the last good document stays, so the screen keeps
 * what it knew. Alerts are not cached across restarts: an alert is live information. */
#ifndef VITRINE_ALERTS_H
#define VITRINE_ALERTS_H

#include <stdint.h>

struct status;

#define ALERTS_DEFAULT_INTERVAL 15 /* seconds */

struct alerts_config {
    const char *source;  /* http(s) URL or file path of a CAP alert or Atom feed */
    int interval_s;      /* >= 1 */
    uint32_t event_type; /* SDL event type registered for alert documents */
    struct status *status;
};

/* NULL when there is no source or the thread cannot start (logged). cfg's strings must
 * outlive it. */
struct alerts *alerts_start(const struct alerts_config *cfg);

/* Stops and joins the thread promptly (even mid-transfer), then frees everything. */
void alerts_stop(struct alerts *a);

#endif
