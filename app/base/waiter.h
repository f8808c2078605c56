/* waiter — how a background thread sleeps between polls and is woken at once to stop
 * (or to poll now): a mutex and a condition variable on the monotonic clock, so a wall
 * clock jump (a Pi's first network time) neither cuts a wait short nor stretches it.
 * One per thread that sleeps; any thread may set a flag and wake it. */
#ifndef VITRINE_WAITER_H
#define VITRINE_WAITER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct waiter {
    pthread_mutex_t lock;
    pthread_cond_t wake;
};

bool waiter_init(struct waiter *w);
void waiter_destroy(struct waiter *w);

/* Sleeps up to ms, returning early when *stop is set, or when poke (may be NULL) is set
 * (it is cleared then). Returns *stop. */
bool waiter_sleep(struct waiter *w, int64_t ms, const atomic_bool *stop, atomic_bool *poke);

/* Sets *flag and wakes the sleeper. */
void waiter_raise(struct waiter *w, atomic_bool *flag);

#endif
