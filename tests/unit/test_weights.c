/* Unit tests for weights.c: the loop order of weighted slides. Properties are checked on
 * every weight vector of up to five slides with weights 1-6 and on pseudo-random larger
 * decks: the counts, no adjacent copies (around the circle, or along the line) whenever
 * that is possible, even spacing, determinism, and the identity order for equal weights. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "weights.h"

#define MAX_SLIDES 80
#define MAX_LOOP   (MAX_SLIDES * WEIGHTS_MAX)

struct loop {
    size_t n, total, max_w;
    int w[MAX_SLIDES];
    size_t order[MAX_LOOP];
};

static void build(struct loop *l, const int *w, size_t n)
{
    memset(l, 0, sizeof *l);
    l->n = n;
    memcpy(l->w, w, n * sizeof *w);
    for (size_t i = 0; i < n; i++)
        if ((size_t)w[i] > l->max_w) l->max_w = (size_t)w[i];
    l->total = weights_order(w, n, l->order, MAX_LOOP);
}

static size_t adjacent_pairs(const struct loop *l, bool cyclic)
{
    size_t pairs = 0;
    for (size_t i = 0; i + 1 < l->total; i++)
        pairs += l->order[i] == l->order[i + 1];
    if (cyclic && l->total > 1) pairs += l->order[l->total - 1] == l->order[0];
    return pairs;
}

/* The longest cyclic gap between two showings of slide s, in places. */
static size_t longest_gap(const struct loop *l, size_t s)
{
    size_t first = SIZE_MAX, last = 0, gap = 0;
    for (size_t i = 0; i < l->total; i++) {
        if (l->order[i] != s) continue;
        if (first == SIZE_MAX)
            first = i;
        else if (i - last > gap)
            gap = i - last;
        last = i;
    }
    const size_t wrap = l->total - last + first;
    return wrap > gap ? wrap : gap;
}

static void check_properties(const struct loop *l)
{
    size_t count[MAX_SLIDES] = {0}, total = 0;
    for (size_t i = 0; i < l->n; i++)
        total += (size_t)l->w[i];
    assert_int_equal(l->total, total);
    for (size_t i = 0; i < l->total; i++) {
        assert_true(l->order[i] < l->n);
        count[l->order[i]]++;
    }
    for (size_t i = 0; i < l->n; i++)
        assert_int_equal(count[i], (size_t)l->w[i]);
    if (l->max_w <= l->total / 2)
        assert_int_equal(adjacent_pairs(l, true), 0);
    else if (l->max_w <= (l->total + 1) / 2)
        assert_int_equal(adjacent_pairs(l, false), 0);
    /* Even spacing: no copy waits more than twice its fair share of the loop (plus one
     * place of slack for the rounding of small loops). */
    for (size_t s = 0; s < l->n; s++)
        if (l->w[s] > 1 && l->max_w <= l->total / 2)
            assert_true(longest_gap(l, s) <= 2 * l->total / (size_t)l->w[s] + 1);
}

static void equal_weights_keep_the_feed_order(void **state)
{
    (void)state;
    int w[MAX_SLIDES];
    struct loop l;
    for (size_t n = 1; n <= MAX_SLIDES; n++) {
        for (size_t i = 0; i < n; i++)
            w[i] = 1;
        build(&l, w, n);
        assert_int_equal(l.total, n);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(l.order[i], i);
    }
}

static void every_small_deck_has_the_properties(void **state)
{
    (void)state;
    int w[5];
    struct loop l;
    size_t decks = 0;
    for (size_t n = 1; n <= 5; n++) {
        size_t combos = 1;
        for (size_t i = 0; i < n; i++)
            combos *= 6;
        for (size_t c = 0; c < combos; c++) {
            size_t v = c;
            for (size_t i = 0; i < n; i++, v /= 6)
                w[i] = (int)(v % 6) + 1;
            build(&l, w, n);
            check_properties(&l);
            decks++;
        }
    }
    assert_int_equal(decks, 6 + 36 + 216 + 1296 + 7776);
}

static uint32_t next_random(uint32_t *x) /* xorshift32: the same decks on every run */
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

static void large_decks_have_the_properties(void **state)
{
    (void)state;
    int w[MAX_SLIDES];
    struct loop l;
    uint32_t x = 2026;
    for (int round = 0; round < 400; round++) {
        const size_t n = 1 + next_random(&x) % MAX_SLIDES;
        const bool sponsors = round % 2; /* mostly 1, a few tiers */
        for (size_t i = 0; i < n; i++)
            w[i] = sponsors ? (next_random(&x) % 5 == 0 ? 2 + (int)(next_random(&x) % 9) : 1)
                            : 1 + (int)(next_random(&x) % WEIGHTS_MAX);
        build(&l, w, n);
        check_properties(&l);
    }
}

static void a_sponsor_tier_is_spread_over_the_loop(void **state)
{
    (void)state;
    /* A gold sponsor (3) among nine single slides: 12 places, the sponsor every 3-5. */
    const int w[10] = {3, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    struct loop l;
    build(&l, w, 10);
    const size_t want[12] = {0, 1, 2, 0, 3, 4, 5, 6, 0, 7, 8, 9};
    assert_memory_equal(l.order, want, sizeof want);
    /* Two slides, one double: the circle cannot avoid it, the line can. */
    const int two[2] = {2, 1};
    build(&l, two, 2);
    assert_int_equal(l.total, 3);
    assert_int_equal(adjacent_pairs(&l, false), 0);
    const int three[3] = {2, 1, 1};
    build(&l, three, 3);
    const size_t want3[4] = {0, 1, 0, 2};
    assert_memory_equal(l.order, want3, sizeof want3);
}

static void the_order_is_a_pure_function_of_the_weights(void **state)
{
    (void)state;
    const int w[7] = {4, 1, 2, 1, 3, 1, 1};
    struct loop a, b;
    build(&a, w, 7);
    build(&b, w, 7);
    assert_int_equal(a.total, 13);
    assert_memory_equal(a.order, b.order, sizeof a.order);
}

static void out_of_range_weights_are_clamped_and_cap_is_respected(void **state)
{
    (void)state;
    const int w[3] = {0, 99, -5};
    size_t out[4] = {7, 7, 7, 7};
    assert_int_equal(weights_order(w, 3, out, 2), 12);
    assert_true(out[0] < 3 && out[1] < 3);
    assert_int_equal(out[2], 7); /* nothing past cap */
    assert_int_equal(weights_order(w, 0, out, 4), 0);
    struct loop l;
    build(&l, w, 3);
    size_t ones = 0;
    for (size_t i = 0; i < l.total; i++)
        ones += l.order[i] != 1;
    assert_int_equal(ones, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(equal_weights_keep_the_feed_order),
        cmocka_unit_test(every_small_deck_has_the_properties),
        cmocka_unit_test(large_decks_have_the_properties),
        cmocka_unit_test(a_sponsor_tier_is_spread_over_the_loop),
        cmocka_unit_test(the_order_is_a_pure_function_of_the_weights),
        cmocka_unit_test(out_of_range_weights_are_clamped_and_cap_is_respected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
