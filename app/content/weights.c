/* weights — the loop order of weighted slides (see weights.h).
 *
 * The loop is built one place at a time. Among the slides with copies left, the one
 * whose next copy has the earliest ideal place wins, provided the copies still to place
 * can then be laid out without two of a kind side by side. That check is a count: in r
 * places between a slide p (just placed) and a slide f (the loop's first, which follows
 * the last place), a slide fits at most ceil(r/2) times, floor(r/2) if it is p or f, and
 * floor((r-1)/2) if it is both. Only the three largest counts matter, so one step costs
 * one pass over the slides. */
#include "weights.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#define NONE SIZE_MAX

struct state {
    const int *w;
    size_t n;
    size_t *left;   /* copies of slide i still to place */
    size_t *placed; /* copies of slide i placed */
    size_t remaining;
    size_t prev, first;
    size_t top[3]; /* the slides with the most copies left, most first (NONE past n) */
};

static int weight(const int *w, size_t i)
{
    return w[i] < WEIGHTS_MIN ? WEIGHTS_MIN : w[i] > WEIGHTS_MAX ? WEIGHTS_MAX : w[i];
}

/* Whether the ideal place of slide a's next copy comes before slide b's: compares
 * (2 k n + 2 i + 1) / (2 n w) exactly, ties to the lower index. */
static bool earlier(const struct state *s, size_t a, size_t b)
{
    const int64_t n = (int64_t)s->n;
    const int64_t pa = 2 * (int64_t)s->placed[a] * n + 2 * (int64_t)a + 1;
    const int64_t pb = 2 * (int64_t)s->placed[b] * n + 2 * (int64_t)b + 1;
    const int64_t lhs = pa * weight(s->w, b), rhs = pb * weight(s->w, a);
    return lhs != rhs ? lhs < rhs : a < b;
}

static void find_top(struct state *s)
{
    s->top[0] = s->top[1] = s->top[2] = NONE;
    for (size_t i = 0; i < s->n; i++) {
        if (s->left[i] == 0) continue;
        size_t j = 3;
        while (j > 0 && (s->top[j - 1] == NONE || s->left[s->top[j - 1]] < s->left[i]))
            j--;
        if (j == 3) continue;
        for (size_t k = 2; k > j; k--)
            s->top[k] = s->top[k - 1];
        s->top[j] = i;
    }
}

static size_t most_left_except(const struct state *s, size_t a, size_t b)
{
    for (size_t j = 0; j < 3; j++)
        if (s->top[j] != NONE && s->top[j] != a && s->top[j] != b) return s->left[s->top[j]];
    return 0;
}

/* Whether slide c can go next to the previous place and still leave a layout without adjacent
 * copies; with cyclic, the loop's first slide counts as following the last. */
static bool fits(const struct state *s, size_t c, bool cyclic)
{
    if (c == s->prev) return false;
    const size_t r = s->remaining - 1;
    const size_t f = !cyclic ? NONE : s->first == NONE ? c : s->first;
    if (r == 0) return f == NONE || f != c || s->first == NONE;
    const size_t c_left = s->left[c] - 1;
    const size_t c_max = c == f ? (r - 1) / 2 : r / 2;
    if (c_left > c_max) return false;
    if (f != NONE && f != c && s->left[f] > r / 2) return false;
    return most_left_except(s, c, f) <= (r + 1) / 2;
}

/* The slide for the next place: the earliest ideal among those that fit the circle, else
 * the line, else any other than the previous, else any. */
static size_t pick(const struct state *s)
{
    size_t best[4] = {NONE, NONE, NONE, NONE};
    for (size_t c = 0; c < s->n; c++) {
        if (s->left[c] == 0) continue;
        const int level = fits(s, c, true) ? 0 : fits(s, c, false) ? 1 : c != s->prev ? 2 : 3;
        if (best[level] == NONE || earlier(s, c, best[level])) best[level] = c;
    }
    for (size_t l = 0; l < 4; l++)
        if (best[l] != NONE) return best[l];
    return NONE;
}

size_t weights_order(const int *w, size_t n, size_t *out, size_t cap)
{
    if (n == 0) return 0;
    struct state s = {w,    n,    calloc(n, sizeof(size_t)), calloc(n, sizeof(size_t)), 0,
                      NONE, NONE, {NONE, NONE, NONE}};
    if (!s.left || !s.placed) {
        free(s.left);
        free(s.placed);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        s.left[i] = (size_t)weight(w, i);
        s.remaining += s.left[i];
    }
    const size_t total = s.remaining;
    for (size_t at = 0; at < total && at < cap; at++) {
        find_top(&s);
        const size_t c = pick(&s);
        out[at] = c;
        s.left[c]--;
        s.placed[c]++;
        s.remaining--;
        s.prev = c;
        if (s.first == NONE) s.first = c;
    }
    free(s.placed);
    free(s.left);
    return total;
}
