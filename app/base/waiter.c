/* waiter — a thread's interruptible sleep (see waiter.h). */
#include "waiter.h"

#include <errno.h>
#include <time.h>

bool waiter_init(struct waiter *w)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0) return false;
    bool ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
              pthread_cond_init(&w->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (ok && pthread_mutex_init(&w->lock, NULL) != 0) {
        pthread_cond_destroy(&w->wake);
        ok = false;
    }
    return ok;
}

void waiter_destroy(struct waiter *w)
{
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
}

bool waiter_sleep(struct waiter *w, int64_t ms, const atomic_bool *stop, atomic_bool *poke)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    while (!atomic_load(stop) && !(poke && atomic_exchange(poke, false)) &&
           pthread_cond_timedwait(&w->wake, &w->lock, &ts) != ETIMEDOUT)
        ;
    pthread_mutex_unlock(&w->lock);
    return atomic_load(stop);
}

void waiter_raise(struct waiter *w, atomic_bool *flag)
{
    pthread_mutex_lock(&w->lock);
    atomic_store(flag, true);
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}
