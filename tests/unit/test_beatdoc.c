/* beatdoc: the heartbeat's document carries every fact it was given, under the names
 * docs/remote-content.md#heartbeat promises, and nothing else; base64 is RFC 4648's. */
#include "beatdoc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char *const KEYS[] = {"heartbeat",    "screen",        "version",    "sent",
                                   "interval",     "feed",          "source",     "slides",
                                   "deck_version", "last_success",  "last_error", "alerts_error",
                                   "showing",      "display",       "alert",      "uptime",
                                   "rss_kib",      "temperature_c", "shown",      "screenshot"};
#define N_KEYS (sizeof KEYS / sizeof KEYS[0])

static json_t *status_doc(void)
{
    json_error_t e;
    json_t *s = json_loads("{\"source\": \"network\", \"feed\": \"https://cms/feed.json\", "
                           "\"slides\": 3, \"version\": \"v9\", \"last_success\": "
                           "\"2026-12-08T14:00:00Z\", \"last_error\": null, \"alert\": "
                           "\"fire-1\", \"alerts_error\": null, \"heartbeat_error\": \"x\", "
                           "\"updated\": \"2026-12-08T14:00:01Z\"}",
                           0, &e);
    assert_non_null(s);
    return s;
}

static void has_string(const json_t *o, const char *key, const char *want)
{
    const json_t *v = json_object_get(o, key);
    assert_non_null(v);
    assert_true(json_is_string(v));
    assert_string_equal(json_string_value(v), want);
}

static void every_fact_is_in_the_document_by_its_name(void **state)
{
    (void)state;
    json_t *status = status_doc();
    const struct beat_count counts[] = {{"welcome", 4}, {"sponsor-acme", 2}};
    const unsigned char png[] = {0x89, 'P', 'N', 'G'};
    const struct beat_image img = {png, sizeof png, 480, 270};
    const struct beat_facts f = {.screen = "lobby",
                                 .version = "0.1.0",
                                 .interval_s = 300,
                                 .sent_s = 1796738400, /* 2026-12-08T14:00:00Z */
                                 .status = status,
                                 .showing = "sponsor-acme",
                                 .display_on = true,
                                 .uptime_s = 3600,
                                 .rss_kib = 61234,
                                 .has_temperature = true,
                                 .temperature_c = 48.3,
                                 .counts = counts,
                                 .n_counts = 2,
                                 .image = &img};
    json_t *d = beatdoc_build(&f);
    assert_non_null(d);
    assert_int_equal(json_object_size(d), N_KEYS);
    for (size_t i = 0; i < N_KEYS; i++)
        assert_non_null(json_object_get(d, KEYS[i]));
    assert_int_equal(json_integer_value(json_object_get(d, "heartbeat")), BEATDOC_FORMAT);
    has_string(d, "screen", "lobby");
    has_string(d, "version", "0.1.0");
    has_string(d, "sent", "2026-12-08T14:00:00Z");
    assert_int_equal(json_integer_value(json_object_get(d, "interval")), 300);
    has_string(d, "feed", "https://cms/feed.json");
    has_string(d, "source", "network");
    assert_int_equal(json_integer_value(json_object_get(d, "slides")), 3);
    has_string(d, "deck_version", "v9"); /* the deck's; "version" is vitrine's */
    has_string(d, "last_success", "2026-12-08T14:00:00Z");
    assert_true(json_is_null(json_object_get(d, "last_error")));
    has_string(d, "showing", "sponsor-acme");
    has_string(d, "display", "on");
    has_string(d, "alert", "fire-1");
    assert_int_equal(json_integer_value(json_object_get(d, "uptime")), 3600);
    assert_int_equal(json_integer_value(json_object_get(d, "rss_kib")), 61234);
    assert_float_equal(json_real_value(json_object_get(d, "temperature_c")), 48.3, 1e-9);
    const json_t *shown = json_object_get(d, "shown");
    assert_int_equal(json_object_size(shown), 2);
    assert_int_equal(json_integer_value(json_object_get(shown, "welcome")), 4);
    assert_int_equal(json_integer_value(json_object_get(shown, "sponsor-acme")), 2);
    const json_t *shot = json_object_get(d, "screenshot");
    assert_int_equal(json_integer_value(json_object_get(shot, "width")), 480);
    assert_int_equal(json_integer_value(json_object_get(shot, "height")), 270);
    has_string(shot, "type", "image/png");
    has_string(shot, "png_base64", "iVBORw==");
    assert_null(json_object_get(d, "heartbeat_error")); /* the receiver knows it got one */
    json_decref(d);
    json_decref(status);
}

/* A screen just started: no status yet, no thermal zone, nothing shown, blank, no image. */
static void what_is_unknown_is_null_not_missing(void **state)
{
    (void)state;
    const struct beat_facts f = {.screen = "hall", .version = "0.1.0", .rss_kib = -1};
    json_t *d = beatdoc_build(&f);
    assert_non_null(d);
    assert_int_equal(json_object_size(d), N_KEYS);
    static const char *const nulls[] = {"feed",          "source",     "slides",    "deck_version",
                                        "last_success",  "showing",    "alert",     "rss_kib",
                                        "temperature_c", "screenshot", "last_error"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        assert_true(json_is_null(json_object_get(d, nulls[i])));
    has_string(d, "display", "blank");
    assert_int_equal(json_object_size(json_object_get(d, "shown")), 0);
    json_decref(d);
}

static void base64_is_rfc_4648(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } v[] = {{"", ""},
             {"f", "Zg=="},
             {"fo", "Zm8="},
             {"foo", "Zm9v"},
             {"foob", "Zm9vYg=="},
             {"fooba", "Zm9vYmE="},
             {"foobar", "Zm9vYmFy"}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char *b = beatdoc_base64((const unsigned char *)v[i].in, strlen(v[i].in));
        assert_non_null(b);
        assert_string_equal(b, v[i].out);
        free(b);
    }
    const unsigned char high[] = {0xff, 0xfe, 0xfd};
    char *b = beatdoc_base64(high, 3);
    assert_string_equal(b, "//79");
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_fact_is_in_the_document_by_its_name),
        cmocka_unit_test(what_is_unknown_is_null_not_missing),
        cmocka_unit_test(base64_is_rfc_4648),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
