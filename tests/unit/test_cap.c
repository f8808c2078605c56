/* Unit tests for cap.c: realistic CAP 1.2 documents in tests/cap/ (a bilingual fire
 * evacuation from a venue's security desk, an Atom feed with an Update and an Exercise,
 * a Cancel) and hostile ones (billion laughs, an external entity, huge, deep, broken,
 * not CAP), read as the fetcher reads them, then what the screen shows at given times. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cap.h"
#include "file.h"
#include "rfc3339.h"

static const char *const FR_EN[] = {"fr", "en"};

static int64_t at(const char *s)
{
    int64_t t;
    assert_true(rfc3339_parse(s, &t));
    return t;
}

static struct cap_doc *parse_text(const char *xml, size_t len, bool expect_ok, char *why)
{
    struct cap_doc *d = malloc(sizeof *d);
    assert_non_null(d);
    why[0] = '\0';
    assert_int_equal(cap_parse(xml, len, d, why, 256), expect_ok);
    return d;
}

static struct cap_doc *parse_file(const char *name, bool expect_ok, char *why)
{
    char path[1024], err[256];
    unsigned char *data;
    size_t len;
    snprintf(path, sizeof path, "%s/cap/%s", getenv("VITRINE_TEST_DATA"), name);
    assert_true(file_read(path, CAP_MAX_BYTES, &data, &len, err, sizeof err));
    struct cap_doc *d = parse_text((const char *)data, len, expect_ok, why);
    free(data);
    return d;
}

static void test_a_bilingual_evacuation_takes_over_in_both_languages(void **state)
{
    (void)state;
    char why[256];
    struct cap_doc *d = parse_file("fire-fr-en.xml", true, why);
    assert_int_equal(d->n, 1);
    assert_int_equal(d->alert[0].n_info, 2);
    struct cap_view v;
    assert_true(cap_view_at(d, at("2026-12-08T10:20:00-05:00"), false, FR_EN, 2, &v));
    assert_string_equal(v.identifier, "palais-2026-12-08-001");
    assert_true(v.takeover);
    assert_int_equal(v.severity, CAP_EXTREME);
    assert_int_equal(v.until, at("2026-12-08T11:15:00-05:00"));
    assert_int_equal(v.n_texts, 2);
    assert_string_equal(v.text[0].lang, "fr-CA");
    assert_string_equal(v.text[0].headline, "Évacuez le bâtiment");
    /* The instruction's line break and indentation fold into one line. */
    assert_string_equal(v.text[0].instruction,
                        "Quittez le bâtiment par l'issue la plus proche. N'utilisez pas les "
                        "ascenseurs.");
    assert_string_equal(v.text[0].sender, "Sécurité du Palais des congrès");
    assert_string_equal(v.text[1].headline, "Evacuate the building");
    /* Not before it was sent (no <effective>), not from its expiry on. */
    assert_false(cap_view_at(d, at("2026-12-08T10:14:59-05:00"), false, FR_EN, 2, &v));
    assert_false(cap_view_at(d, at("2026-12-08T11:15:00-05:00"), false, FR_EN, 2, &v));
    free(d);
}

static void test_languages_match_by_primary_tag_and_fall_back(void **state)
{
    (void)state;
    char why[256];
    struct cap_doc *d = parse_file("fire-fr-en.xml", true, why);
    struct cap_view v;
    const char *const en[] = {"en"}, *const de[] = {"de"}, *const exact[] = {"EN-ca", "fr"};
    const int64_t t = at("2026-12-08T10:20:00-05:00");
    assert_true(cap_view_at(d, t, false, en, 1, &v));
    assert_int_equal(v.n_texts, 1);
    assert_string_equal(v.text[0].lang, "en-CA");
    assert_true(cap_view_at(d, t, false, exact, 2, &v));
    assert_string_equal(v.text[0].headline, "Evacuate the building");
    assert_string_equal(v.text[1].headline, "Évacuez le bâtiment");
    /* No German block: the alert's own first language, never nothing. */
    assert_true(cap_view_at(d, t, false, de, 1, &v));
    assert_int_equal(v.n_texts, 1);
    assert_string_equal(v.text[0].lang, "fr-CA");
    free(d);
}

static void test_an_update_replaces_and_exercises_stay_hidden(void **state)
{
    (void)state;
    char why[256];
    struct cap_doc *d = parse_file("atom-update-cancel.xml", true, why);
    assert_int_equal(d->n, 3);
    struct cap_view v;
    const int64_t t = at("2026-12-08T10:45:00-05:00");
    assert_true(cap_view_at(d, t, false, FR_EN, 2, &v));
    assert_string_equal(v.identifier, "snow-2"); /* snow-1 is updated by it */
    assert_false(v.takeover);                    /* Moderate: a banner */
    assert_int_equal(v.active, 1);
    assert_string_equal(v.text[0].headline, "Neige abondante dès 14 h");
    assert_string_equal(v.text[1].instruction, "Shuttles leave from door 3.");
    assert_string_equal(v.text[1].sender, "ops@venue.example"); /* no senderName */
    /* With tests shown, the Severe exercise wins: most severe first. */
    assert_true(cap_view_at(d, t, true, FR_EN, 2, &v));
    assert_string_equal(v.identifier, "drill-1");
    assert_true(v.takeover);
    assert_int_equal(v.active, 2);
    free(d);
}

static void test_a_cancel_shows_nothing(void **state)
{
    (void)state;
    char why[256];
    struct cap_doc *d = parse_file("cancel.xml", true, why);
    assert_int_equal(d->n, 1);
    assert_int_equal(d->alert[0].msgtype, CAP_CANCEL);
    assert_int_equal(d->alert[0].n_refs, 1);
    assert_string_equal(d->alert[0].ref_id[0], "palais-2026-12-08-001");
    struct cap_view v;
    assert_false(cap_view_at(d, at("2026-12-08T10:33:00-05:00"), false, FR_EN, 2, &v));
    free(d);
}

static void test_dtds_are_refused_before_parsing(void **state)
{
    (void)state;
    char why[256];
    free(parse_file("billion-laughs.xml", false, why));
    assert_string_equal(why, "a DTD is not allowed in an alert");
    free(parse_file("external-entity.xml", false, why));
    assert_string_equal(why, "a DTD is not allowed in an alert");
}

static void test_hostile_sizes_and_broken_documents(void **state)
{
    (void)state;
    char why[256];
    /* Huge: refused by size, before parsing. */
    size_t n = CAP_MAX_BYTES + 1;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, ' ', n);
    free(parse_text(big, n, false, why));
    assert_non_null(strstr(why, "larger than the"));
    free(big);
    /* Deep: 100 000 nested elements stop at libxml2's depth limit, with the line. */
    const size_t depth = 100000;
    char *deep = malloc(depth * 3 + 64);
    assert_non_null(deep);
    size_t k = 0;
    for (size_t i = 0; i < depth; i++)
        memcpy(deep + k, "<a>", 3), k += 3;
    free(parse_text(deep, k, false, why));
    assert_non_null(strstr(why, "not XML: "));
    free(deep);
    static const char broken[] = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n<ident";
    free(parse_text(broken, sizeof broken - 1, false, why));
    assert_non_null(strstr(why, "at line 2"));
    static const char html[] = "<html><body>503 Service Unavailable</body></html>";
    free(parse_text(html, sizeof html - 1, false, why));
    assert_string_equal(why, "neither a CAP 1.2 alert nor an Atom feed of alerts");
    /* An alert without its required elements is skipped, not fatal. */
    static const char bare[] = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
                               "<identifier>x</identifier></alert>";
    struct cap_doc *d = parse_text(bare, sizeof bare - 1, true, why);
    assert_int_equal(d->n, 0);
    free(d);
}

static void test_texts_are_cut_and_cleaned(void **state)
{
    (void)state;
    char why[256];
    char *xml = malloc(8192);
    assert_non_null(xml);
    char longline[4000];
    memset(longline, 'e', sizeof longline - 1);
    longline[sizeof longline - 1] = '\0';
    snprintf(xml, 8192,
             "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>i</identifier>"
             "<sender>s</sender><sent>2026-12-08T10:00:00Z</sent><status>Actual</status>"
             "<msgType>Alert</msgType><info><severity>Moderate</severity>"
             "<headline>A&#x85;[31m red&#9;tab</headline><instruction>%s</instruction></info>"
             "</alert>",
             longline);
    struct cap_doc *d = parse_text(xml, strlen(xml), true, why);
    struct cap_view v;
    const char *const en[] = {"en"};
    assert_true(cap_view_at(d, at("2026-12-08T10:01:00Z"), false, en, 1, &v));
    assert_string_equal(v.text[0].lang, "en-US");              /* CAP's default language */
    assert_string_equal(v.text[0].headline, "A [31m red tab"); /* NEL and tab: one space */
    assert_int_equal(strlen(v.text[0].instruction), CAP_TEXT_MAX);
    free(d);
    free(xml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_bilingual_evacuation_takes_over_in_both_languages),
        cmocka_unit_test(test_languages_match_by_primary_tag_and_fall_back),
        cmocka_unit_test(test_an_update_replaces_and_exercises_stay_hidden),
        cmocka_unit_test(test_a_cancel_shows_nothing),
        cmocka_unit_test(test_dtds_are_refused_before_parsing),
        cmocka_unit_test(test_hostile_sizes_and_broken_documents),
        cmocka_unit_test(test_texts_are_cut_and_cleaned),
    };
    cap_global_init();
    const int rc = cmocka_run_group_tests(tests, NULL, NULL);
    cap_global_cleanup();
    return rc;
}
