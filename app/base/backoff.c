/* backoff — jittered waits and retries (see backoff.h). */
#include "backoff.h"

/* xorshift64*: jitter needs no quality, only independence from other threads' rand(). */
static double random_unit(uint64_t *rng)
{
    *rng ^= *rng >> 12;
    *rng ^= *rng << 25;
    *rng ^= *rng >> 27;
    return (double)((*rng * 2685821657736338717u) >> 11) / 9007199254740992.0;
}

int64_t backoff_jitter_ms(uint64_t *rng, int seconds, int percent)
{
    double factor = 1.0 + (2.0 * random_unit(rng) - 1.0) * percent / 100.0;
    return (int64_t)(seconds * 1000.0 * factor);
}

int backoff_retry_s(int failures, int interval)
{
    int s = BACKOFF_FIRST_S;
    for (int i = 1; i < failures && s < interval; i++)
        s *= 2;
    return s < interval ? s : interval;
}
