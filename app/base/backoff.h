/* backoff — when a poller polls again: every wait jittered so a fleet never polls in
 * step, and after failures a doubling retry, capped by the interval. Pure (the random
 * state is the caller's: one per thread, no shared rand()); any thread. */
#ifndef VITRINE_BACKOFF_H
#define VITRINE_BACKOFF_H

#include <stdint.h>

#define BACKOFF_FIRST_S 2  /* first retry after a failure; doubles up to the interval */
#define BACKOFF_JITTER  10 /* percent, on every steady wait */
/* A server restart fails every screen of a venue at once, and a venue's power coming
 * back starts them all at once; with 10% the whole fleet would poll in the same second
 * and stay in step (measured: tests/bench/fleet.py). The first wait after start, the
 * retries and the first wait once the server answers again are spread over +-50%. */
#define BACKOFF_SPREAD 50

/* seconds +- percent, in milliseconds; *rng (never 0) advances. */
int64_t backoff_jitter_ms(uint64_t *rng, int seconds, int percent);

/* The nominal wait after the n-th consecutive failure: 2, 4, 8 ... s, at most the
 * poll interval (and never below it when the interval itself is shorter). */
int backoff_retry_s(int failures, int interval);

#endif
