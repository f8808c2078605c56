/* Unit tests for the feed parser's parts below the document: the toolkit every reader
 * uses (feedparse.c: paths, quotes, texts with their language fallbacks, URLs,
 * durations, transitions, problem reports), the table of slide types (slidetype.c) and
 * the arena a feed's values live in (arena.c). test_feed.c covers the same code through
 * whole documents; these pin each helper's own promise. */
#include "arena.h"
#include "feedparse.h"
#include "slidetype.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define LINE_MAX 400

struct fixture {
    struct feedparse p;
    const char *langs[2];
    char last[LINE_MAX]; /* the last problem, as `vitrine --check` prints it */
    int reports;
};

static void collect(void *ctx, enum feed_severity sev, const char *path, const char *msg)
{
    struct fixture *f = ctx;
    snprintf(f->last, sizeof f->last, "%s: %s: %s", sev == FEED_ERROR ? "error" : "warning", path,
             msg);
    f->reports++;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->langs[0] = "fr";
    f->langs[1] = "en";
    f->p = (struct feedparse){.arena = arena_new(),
                              .langs = f->langs,
                              .n_langs = 2,
                              .base = "https://example.org/feeds/feed.json",
                              .report = collect,
                              .ctx = f};
    *state = f;
    return f->p.arena ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_free(f->p.arena);
    free(f);
    return 0;
}

static json_t *load(const char *json)
{
    json_t *v = json_loads(json, JSON_ALLOW_NUL, NULL);
    assert_non_null(v);
    return v;
}

static void paths_join_with_a_dot_except_at_the_top(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(feedparse_join(buf, sizeof buf, "", "slides"), "slides");
    assert_string_equal(feedparse_join(buf, sizeof buf, "slides[2]", "id"), "slides[2].id");
    assert_string_equal(feedparse_join(buf, sizeof buf, "slides[2].members", "name"),
                        "slides[2].membe");
}

static void quotes_are_cut_at_a_character_after_the_limit(void **state)
{
    (void)state;
    char buf[FEEDPARSE_QUOTE_BUF], s[FEEDPARSE_QUOTE_MAX + 8];
    assert_string_equal(feedparse_quote(buf, sizeof buf, "fade"), "\"fade\"");
    memset(s, 'a', sizeof s);
    memcpy(s + FEEDPARSE_QUOTE_MAX - 1, "\xc3\xa9", 2); /* an é across the limit */
    s[sizeof s - 1] = '\0';
    feedparse_quote(buf, sizeof buf, s);
    assert_int_equal(strlen(buf), 1 + (FEEDPARSE_QUOTE_MAX - 1) + 3 + 1);
    assert_string_equal(buf + strlen(buf) - 4, "...\"");
}

static void kinds_name_what_was_found(void **state)
{
    (void)state;
    json_t *v = load("[{}, [], \"s\", 1, 1.5, true, null]");
    assert_string_equal(feedparse_kind(json_array_get(v, 0)), "an object");
    assert_string_equal(feedparse_kind(json_array_get(v, 1)), "an array");
    assert_string_equal(feedparse_kind(json_array_get(v, 2)), "a string");
    assert_string_equal(feedparse_kind(json_array_get(v, 3)), "an integer");
    assert_string_equal(feedparse_kind(json_array_get(v, 4)), "a real number");
    assert_string_equal(feedparse_kind(json_array_get(v, 5)), "a boolean");
    assert_string_equal(feedparse_kind(json_array_get(v, 6)), "null");
    json_decref(v);
}

static void strings_with_a_nul_are_not_strings(void **state)
{
    (void)state;
    json_t *v = load("[\"ok\", \"a\\u0000b\", 3]");
    assert_null(feedparse_why_not_string(json_array_get(v, 0)));
    assert_string_equal(feedparse_why_not_string(json_array_get(v, 1)),
                        "contains a NUL character (\\u0000)");
    assert_string_equal(feedparse_why_not_string(json_array_get(v, 2)), "expected a string");
    json_decref(v);
}

static void problems_are_scrubbed_and_errors_counted(void **state)
{
    struct fixture *f = *state;
    feedparse_warn(&f->p, "a\nb", "bad \x1b[31m value");
    assert_string_equal(f->last, "warning: a?b: bad ?[31m value");
    assert_int_equal(f->p.errors, 0);
    feedparse_error(&f->p, "", "broken");
    assert_int_equal(f->p.errors, 1);
}

static void a_text_object_resolves_into_every_language(void **state)
{
    struct fixture *f = *state;
    json_t *obj =
        load("{\"t\": {\"en\": \"Hello\", \"de\": \"Hallo\"}, \"o\": {\"FR\": \"Salut\"}}");
    struct ltext t;
    assert_true(feedparse_text_required(&f->p, FEED_WARNING, obj, "x", "t", "", &t));
    assert_string_equal(t.v[0], "Hello"); /* no French: the first feed language present */
    assert_string_equal(t.v[1], "Hello");
    assert_ptr_equal(t.v[0], t.v[1]); /* one copy per distinct translation */
    feedparse_text_optional(&f->p, obj, "x", "o", &t);
    assert_string_equal(t.v[0], "Salut"); /* language tags compare without case */
    assert_string_equal(t.v[1], "Salut"); /* English falls back to the primary language */
    assert_int_equal(f->reports, 0);
    json_decref(obj);
}

static void required_and_optional_texts_report_differently(void **state)
{
    struct fixture *f = *state;
    json_t *obj = load("{\"n\": 3, \"e\": \"\"}");
    struct ltext t;
    assert_false(
        feedparse_text_required(&f->p, FEED_WARNING, obj, "s", "name", FEEDPARSE_SKIPPED, &t));
    assert_string_equal(f->last, "warning: s.name: missing required field; slide skipped");
    assert_false(feedparse_text_required(&f->p, FEED_ERROR, obj, "s", "e", "", &t));
    assert_string_equal(f->last, "error: s.e: empty text");
    feedparse_text_optional(&f->p, obj, "s", "n", &t);
    assert_string_equal(f->last,
                        "warning: s.n: expected a string or an object of translations; ignored");
    assert_null(t.v[0]);
    json_decref(obj);
}

static void kept_texts_are_cut_and_their_marks_capped(void **state)
{
    struct fixture *f = *state;
    char *big = malloc(FEED_MAX_TEXT + 2);
    assert_non_null(big);
    memset(big, 'x', FEED_MAX_TEXT - 1);
    memcpy(big + FEED_MAX_TEXT - 1, "\xc3\xa9", 3); /* é across the limit, then the NUL */
    const char *kept = feedparse_keep_text(&f->p, big, "t");
    assert_int_equal(strlen(kept), FEED_MAX_TEXT - 1);
    assert_string_equal(f->last, "warning: t: longer than 65536 bytes; cut");
    free(big);
    /* a, then six combining acute accents: four are kept */
    kept = feedparse_keep_text(&f->p, "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81!", "t");
    assert_string_equal(kept, "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81!");
}

static void urls_resolve_and_links_must_be_on_the_web(void **state)
{
    struct fixture *f = *state;
    json_t *obj = load("{\"logo\": \"img/a.png\", \"link\": \"file:///etc/passwd\", \"e\": \"\"}");
    assert_string_equal(feedparse_url_optional(&f->p, obj, "s", "logo"),
                        "https://example.org/feeds/img/a.png");
    assert_null(feedparse_url_optional(&f->p, obj, "s", "e"));
    assert_null(feedparse_url_optional(&f->p, obj, "s", "absent"));
    assert_int_equal(f->reports, 0);
    assert_null(feedparse_url_optional(&f->p, obj, "s", "link"));
    assert_int_equal(f->reports, 1);
    json_decref(obj);
}

static void durations_and_transitions_have_their_ranges(void **state)
{
    (void)state;
    json_t *v = load("[0.5, 1, 2.5, 3600, 3601, \"8\", \"fade\", \"slide\", \"cut\", \"wipe\"]");
    int ms = -1;
    assert_false(feedparse_duration(json_array_get(v, 0), &ms));
    assert_true(feedparse_duration(json_array_get(v, 1), &ms) && ms == 1000);
    assert_true(feedparse_duration(json_array_get(v, 2), &ms) && ms == 2500);
    assert_true(feedparse_duration(json_array_get(v, 3), &ms) && ms == 3600000);
    assert_false(feedparse_duration(json_array_get(v, 4), &ms));
    assert_false(feedparse_duration(json_array_get(v, 5), &ms));
    enum transition t = TRANSITION_FADE;
    assert_true(feedparse_transition(json_array_get(v, 7), &t) && t == TRANSITION_SLIDE);
    assert_true(feedparse_transition(json_array_get(v, 8), &t) && t == TRANSITION_CUT);
    assert_true(feedparse_transition(json_array_get(v, 6), &t) && t == TRANSITION_FADE);
    assert_false(feedparse_transition(json_array_get(v, 9), &t));
    json_decref(v);
}

static void every_slide_type_is_found_by_its_name(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum slide_type type;
    } known[] = {{"partner", SLIDE_PARTNER},
                 {"delegation", SLIDE_DELEGATION},
                 {"announcement", SLIDE_ANNOUNCEMENT},
                 {"sessions", SLIDE_SESSIONS}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const struct slidetype *t = slidetype_find(known[i].name);
        assert_non_null(t);
        assert_int_equal(t->type, known[i].type);
        assert_non_null(t->parse);
    }
    assert_null(slidetype_find("Partner"));
    assert_null(slidetype_find(""));
    char names[128];
    slidetype_list(names, sizeof names);
    assert_string_equal(names, "partner, delegation, announcement or sessions");
}

static void the_arena_hands_out_zeroed_aligned_memory(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    assert_non_null(a);
    for (size_t n = 1; n < 100000; n = n * 3 + 1) {
        unsigned char *m = arena_alloc(a, n);
        assert_non_null(m);
        assert_int_equal((uintptr_t)m % _Alignof(max_align_t), 0);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(m[i], 0);
        memset(m, 0xff, n);
    }
    assert_string_equal(arena_strndup(a, "vitrine", 3), "vit");
    arena_free(a);
    arena_free(NULL);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(paths_join_with_a_dot_except_at_the_top),
        T(quotes_are_cut_at_a_character_after_the_limit),
        T(kinds_name_what_was_found),
        T(strings_with_a_nul_are_not_strings),
        T(problems_are_scrubbed_and_errors_counted),
        T(a_text_object_resolves_into_every_language),
        T(required_and_optional_texts_report_differently),
        T(kept_texts_are_cut_and_their_marks_capped),
        T(urls_resolve_and_links_must_be_on_the_web),
        T(durations_and_transitions_have_their_ranges),
        T(every_slide_type_is_found_by_its_name),
        T(the_arena_hands_out_zeroed_aligned_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
