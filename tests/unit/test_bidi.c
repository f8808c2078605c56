/* Unit tests for bidi: runs of one direction, script and key, in display order. */
#include "bidi.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define ARABIC "\xd8\xa7\xd9\x84\xd8\xb4\xd8\xb1\xd8\xa7\xd9\x83\xd8\xa9" /* الشراكة */
#define HEBREW "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"                         /* שלום */

static struct bidi_run runs[BIDI_MAX_RUNS];

static size_t split(const char *s, bidi_key_fn key)
{
    return bidi_runs(s, strlen(s), bidi_is_rtl(s, strlen(s)), key, NULL, runs, BIDI_MAX_RUNS);
}

static void assert_run(size_t i, const char *s, const char *text, bool rtl, const char *script)
{
    assert_int_equal(runs[i].len, strlen(text));
    assert_memory_equal(s + runs[i].off, text, runs[i].len);
    assert_int_equal(runs[i].rtl, rtl);
    assert_string_equal(runs[i].script, script);
}

/* Every byte of the line is in exactly one run. */
static void assert_covers(const char *s, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += runs[i].len;
        for (size_t j = 0; j < n; j++)
            if (i != j)
                assert_true(runs[i].off + runs[i].len <= runs[j].off ||
                            runs[j].off + runs[j].len <= runs[i].off);
    }
    assert_int_equal(total, strlen(s));
}

static void latin_with_accents_and_punctuation_is_one_run(void **state)
{
    (void)state;
    const char *s = "« Bienvenue à Montréal ! » 2025";
    assert_int_equal(split(s, NULL), 1);
    assert_run(0, s, s, false, "Latn");
}

static void arabic_and_hebrew_are_right_to_left_with_their_script(void **state)
{
    (void)state;
    assert_int_equal(split(ARABIC, NULL), 1);
    assert_run(0, ARABIC, ARABIC, true, "Arab");
    assert_int_equal(split(HEBREW, NULL), 1);
    assert_run(0, HEBREW, HEBREW, true, "Hebr");
}

static void a_right_to_left_line_puts_its_latin_word_on_the_left(void **state)
{
    (void)state;
    const char *s = ARABIC " Mila";
    size_t n = split(s, NULL);
    assert_int_equal(n, 2);
    assert_run(0, s, "Mila", false, "Latn");
    assert_run(1, s, ARABIC " ", true, "Arab");
}

static void a_left_to_right_line_keeps_its_arabic_name_in_place(void **state)
{
    (void)state;
    const char *s = "Mila " ARABIC " Montreal";
    size_t n = split(s, NULL);
    assert_int_equal(n, 4);
    assert_run(0, s, "Mila ", false, "Latn");
    assert_run(1, s, ARABIC, true, "Arab");
    assert_run(2, s, " ", false, "Arab"); /* between R and L: the line's own direction */
    assert_run(3, s, "Montreal", false, "Latn");
    assert_covers(s, n);
}

static void a_wrapped_line_keeps_its_paragraphs_direction(void **state)
{
    (void)state;
    /* The second line of an English sentence that quotes Arabic starts with Arabic. */
    const char *s = ARABIC " - in Abu Dhabi.";
    assert_false(bidi_is_rtl("Mila \n" ARABIC, 5));
    assert_true(bidi_is_rtl(s, strlen(s)));
    size_t n = bidi_runs(s, strlen(s), false, NULL, NULL, runs, BIDI_MAX_RUNS);
    assert_true(n >= 2);
    assert_run(0, s, ARABIC, true, "Arab"); /* leftmost, where the line starts */
    assert_false(runs[n - 1].rtl);
    assert_memory_equal(s + runs[n - 1].off + runs[n - 1].len - 1, ".", 1); /* ends right */
    assert_covers(s, n);
    assert_false(bidi_is_rtl("2025 " ARABIC, 5)); /* digits are not strong: the text is */
    assert_true(bidi_is_rtl("2025 " ARABIC, strlen("2025 " ARABIC)));
}

static int key_by_plane(void *ctx, uint32_t cp)
{
    (void)ctx;
    return cp >= 0x2000 ? 1 : 0;
}

static void runs_never_mix_keys(void **state)
{
    (void)state;
    const char *s = "ab\xe2\x86\x92"
                    "cd"; /* ab→cd: the arrow comes from another face */
    size_t n = split(s, key_by_plane);
    assert_int_equal(n, 3);
    assert_int_equal(runs[0].key, 0);
    assert_int_equal(runs[1].key, 1);
    assert_int_equal(runs[2].key, 0);
    assert_run(1, s, "\xe2\x86\x92", false, "Latn");
    assert_covers(s, n);
}

static void a_line_needing_too_many_runs_is_cut_short_cleanly(void **state)
{
    (void)state;
    char s[4096] = "";
    for (int i = 0; i < 200; i++)
        strcat(s, "a " HEBREW " ");
    struct bidi_run few[4];
    size_t n = bidi_runs(s, strlen(s), false, NULL, NULL, few, 4);
    assert_int_equal(n, 4);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(few[i].len > 0);
        assert_true(few[i].off + few[i].len <= strlen(s));
        total += few[i].len;
    }
    assert_true(total < strlen(s));
}

static void empty_and_invalid_input_are_safe(void **state)
{
    (void)state;
    assert_int_equal(bidi_runs("", 0, false, NULL, NULL, runs, BIDI_MAX_RUNS), 0);
    assert_int_equal(bidi_runs("x", 1, true, NULL, NULL, runs, 0), 0);
    const char *bad = "\xff\xfe"
                      "a\xd8";
    size_t n = split(bad, NULL);
    assert_true(n >= 1);
    assert_covers(bad, n);
}

static void a_combining_mark_stays_with_its_letter(void **state)
{
    (void)state;
    const char *s = "e\xcc\x81t\xc3\xa9"; /* e + U+0301, t, é */
    assert_int_equal(split(s, NULL), 1);
    assert_run(0, s, s, false, "Latn");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(latin_with_accents_and_punctuation_is_one_run),
        cmocka_unit_test(arabic_and_hebrew_are_right_to_left_with_their_script),
        cmocka_unit_test(a_right_to_left_line_puts_its_latin_word_on_the_left),
        cmocka_unit_test(a_left_to_right_line_keeps_its_arabic_name_in_place),
        cmocka_unit_test(a_wrapped_line_keeps_its_paragraphs_direction),
        cmocka_unit_test(runs_never_mix_keys),
        cmocka_unit_test(a_line_needing_too_many_runs_is_cut_short_cleanly),
        cmocka_unit_test(empty_and_invalid_input_are_safe),
        cmocka_unit_test(a_combining_mark_stays_with_its_letter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
