/* status — the status file a technician (or vitrinectl) reads to know what a screen
 * shows and whether its feed is healthy. Shared by the render thread (what is on
 * screen) and the fetch thread (successes, errors), behind a mutex; every change
 * replaces the file atomically (temp file, fsync, rename), so a reader never sees half. */
#ifndef VITRINE_STATUS_H
#define VITRINE_STATUS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct status;

/* path NULL: keep the state in memory only. feed is the URL or path shown in the file. */
struct status *status_open(const char *path, const char *feed);
void status_close(struct status *st);

/* Render thread, when a deck goes on screen. source: "network", "cache", "builtin", "file". */
void status_set_deck(struct status *st, const char *source, size_t slides, const char *version);
/* Fetch thread: a poll succeeded (new deck or 304) at unix seconds t; clears last_error. */
void status_set_success(struct status *st, int64_t t);
/* Fetch thread: a sentence a technician understands; keeps last_success. */
void status_set_error(struct status *st, const char *sentence);
/* Fetch thread: the cache cannot be written (disk full, read-only card: sentence), or
 * NULL once a save succeeds again; a feed success does not clear it. It is the file's
 * "last_error" whenever the feed has none: a feed error takes precedence (the screen
 * is not following its feed, the more urgent news), and the cache's shows again as
 * soon as the feed answers, until the cache is written. */
void status_set_cache_error(struct status *st, const char *sentence);

/* Render thread: the identifier of the emergency alert on screen, or NULL when none. */
void status_set_alert(struct status *st, const char *identifier);
/* Alerts thread: why the alert source cannot be read, or NULL once it can. */
void status_set_alerts_error(struct status *st, const char *sentence);

/* Heartbeat thread: why the heartbeat cannot be sent, or NULL once it can. */
void status_set_heartbeat_error(struct status *st, const char *sentence);

/* The document the file holds, as of now (a new object: the caller's to json_decref),
 * or NULL when memory runs out. Any thread: the heartbeat sends what the file says. */
json_t *status_document(struct status *st);

/* Rewrites the file now (its "updated" time moves), e.g. on SIGUSR1. Any thread. */
void status_write_now(struct status *st);

/* Unix seconds of the last success, or 0 if none. Any thread. */
int64_t status_last_success(const struct status *st);

#endif
