/* signals — what vitrine does when the machine sends it a signal, so that none of the
 * stray ones kills a screen:
 *
 *   SIGINT, SIGTERM  exit cleanly with status 0 (SDL turns them into SDL_QUIT)
 *   SIGHUP           reload: re-read the configuration and the feed (a validated
 *                    re-exec of the same command line; an invalid configuration is
 *                    refused with a log line and the running one kept)
 *   SIGUSR1          write the status file now and log a one-line state summary
 *   SIGUSR2          log the frame-time statistics
 *   SIGPIPE          ignored: a closed log pipe (a `| tee` that ended, a journal
 *                    restart) makes writes fail, never the process
 *
 * The handled signals are blocked in every thread and taken by one small thread with
 * sigwait, which hands each to the render loop as an SDL user event (data1 holds the
 * signal number): no work happens in a signal handler. */
#ifndef VITRINE_SIGNALS_H
#define VITRINE_SIGNALS_H

#include <stdbool.h>
#include <stdint.h>

struct signals;

/* Before any other thread starts (threads inherit the blocked mask): ignores SIGPIPE,
 * blocks SIGHUP, SIGUSR1 and SIGUSR2, and makes sure file descriptors 0, 1 and 2 are
 * open (on /dev/null if they were closed), so a later open() can never become "stderr"
 * and receive log lines. */
void signals_prepare(void);

/* Starts the thread that turns the blocked signals into SDL events of event_type
 * (SDL's event queue must be up). NULL when it cannot start (logged; the signals then
 * stay blocked, which is harmless). */
struct signals *signals_start(uint32_t event_type);

/* Stops and joins the thread. s may be NULL. */
void signals_stop(struct signals *s);

/* The signal number an event of event_type carries. */
int signals_number(const void *event_data1);

#endif
