/* weights — the order of one loop when slides carry weights ("weight": N, 1-10, shows a
 * slide N times per loop). The order is a pure function of the weights, so every screen
 * of a hall computes the same loop and the wall clock alone says where in it they are.
 *
 * Each copy has an ideal place: copy k of slide i of n at (k + (i + 1/2) / n) / w[i] of
 * the loop, so copies of one slide are evenly spaced and equal weights keep the feed's
 * order. Places are taken in order of those ideals, except that a copy is never put next
 * to another of the same slide when some order can avoid it: the loop is a circle (its
 * last slide is followed by its first), which can be done whenever no weight is more than
 * half the total; failing that, no copies are adjacent within the loop whenever no weight
 * is more than half the total rounded up. All weights 1 give the identity order. Pure. */
#ifndef VITRINE_WEIGHTS_H
#define VITRINE_WEIGHTS_H

#include <stddef.h>

#define WEIGHTS_MIN 1
#define WEIGHTS_MAX 10

/* The loop for n slides of weights w[] (each clamped to WEIGHTS_MIN..WEIGHTS_MAX): writes
 * the first min(cap, total) slide indices of the loop to out and returns the loop's
 * length, total = the sum of the (clamped) weights. Returns 0 when n is 0 or memory for
 * n counters runs out. */
size_t weights_order(const int *w, size_t n, size_t *out, size_t cap);

#endif
