/* Unit tests for labels: every label is written in every language vitrine speaks (a row
 * added in English only fails here), a value goes where each language puts it, and a
 * feed's language tag finds its column however it is spelled. */
#include "labels.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static const char *const spoken[] = {"en", "fr"};

static void every_label_exists_in_every_language(void **state)
{
    (void)state;
    for (int l = 0; l < LABEL_COUNT; l++)
        for (size_t i = 0; i < sizeof spoken / sizeof spoken[0]; i++) {
            if (!labels_has((enum label)l, spoken[i]))
                fail_msg("label %d has no %s text", l, spoken[i]);
            assert_true(*labels_get((enum label)l, spoken[i]) != '\0');
        }
}

static void a_value_placeholder_is_in_every_language_or_none(void **state)
{
    (void)state;
    for (int l = 0; l < LABEL_COUNT; l++) {
        const bool en = strstr(labels_get((enum label)l, "en"), "{}") != NULL;
        for (size_t i = 1; i < sizeof spoken / sizeof spoken[0]; i++)
            if ((strstr(labels_get((enum label)l, spoken[i]), "{}") != NULL) != en)
                fail_msg("label %d: {} in English but not in %s, or the reverse", l, spoken[i]);
    }
}

static void regional_and_upper_case_tags_find_their_language(void **state)
{
    (void)state;
    const char *fr = labels_get(LABEL_WHEN, "fr");
    assert_string_equal(fr, "Quand");
    assert_ptr_equal(labels_get(LABEL_WHEN, "fr-CA"), fr);
    assert_ptr_equal(labels_get(LABEL_WHEN, "FR"), fr);
    assert_ptr_equal(labels_get(LABEL_WHEN, "fr_BE"), fr);
    assert_true(labels_has(LABEL_WHEN, "fr-CA"));
    assert_string_equal(labels_get(LABEL_WHEN, "en-GB"), "When");
}

static void unknown_languages_get_english(void **state)
{
    (void)state;
    static const char *const others[] = {"de", "ar", "f", "fra", "french", "", NULL};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        assert_string_equal(labels_get(LABEL_STALE, others[i]), "Content not updated");
        assert_false(labels_has(LABEL_STALE, others[i]));
    }
    assert_string_equal(labels_get(LABEL_COUNT, "fr"), "");
    assert_false(labels_has(LABEL_COUNT, "en"));
}

static void format_puts_the_value_where_the_language_wants_it(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(labels_format(buf, sizeof buf, LABEL_MORE, "en", "12"), "+ 12 more");
    assert_string_equal(labels_format(buf, sizeof buf, LABEL_MORE, "fr-CA", "12"), "+ 12 autres");
    assert_string_equal(labels_format(buf, sizeof buf, LABEL_WHERE, "fr", "12"), "Où");
    assert_string_equal(labels_format(buf, 6, LABEL_MORE, "en", "12345"), "+ 123");
}

static void dates_are_written_as_each_language_writes_them(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(labels_date_at(buf, sizeof buf, "en", 12, 9, "09:00"), "Dec 9 at 09:00");
    assert_string_equal(labels_date_at(buf, sizeof buf, "fr-CA", 12, 9, "09:00"),
                        "9 d\xc3\xa9"
                        "c. \xc3\xa0 09:00");
    assert_string_equal(labels_date_at(buf, sizeof buf, "de", 2, 28, "14:30"), "Feb 28 at 14:30");
    assert_string_equal(labels_date_at(buf, sizeof buf, "en", 13, 1, "08:00"), "? 1 at 08:00");
    assert_string_equal(labels_date_at(buf, 4, "en", 12, 9, "09:00"), "Dec");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_label_exists_in_every_language),
        cmocka_unit_test(a_value_placeholder_is_in_every_language_or_none),
        cmocka_unit_test(regional_and_upper_case_tags_find_their_language),
        cmocka_unit_test(unknown_languages_get_english),
        cmocka_unit_test(format_puts_the_value_where_the_language_wants_it),
        cmocka_unit_test(dates_are_written_as_each_language_writes_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
