/* Unit tests for status.c: the file's JSON shape, its atomic replacement, and the
 * rule that it holds exactly its nine keys (so no secret can ride along). Reads the
 * file back with jansson, as vitrinectl would. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "status.h"

#define FEED_URL "https://example.org/feed.json"
#define PATH_CAP 512
#define T0       1784116800LL /* 2026-07-15T12:00:00Z */

struct fixture {
    char dir[PATH_CAP];
    char path[PATH_CAP + 32];
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    const char *tmp = getenv("TMPDIR");
    snprintf(fx->dir, sizeof fx->dir, "%s/vitrine-status-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fx->dir)) return -1;
    snprintf(fx->path, sizeof fx->path, "%s/status.json", fx->dir);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    DIR *d = opendir(fx->dir);
    const struct dirent *e;
    char p[PATH_CAP * 2];
    while (d && (e = readdir(d))) {
        snprintf(p, sizeof p, "%s/%s", fx->dir, e->d_name);
        unlink(p);
    }
    if (d) closedir(d);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static json_t *read_status(const struct fixture *fx)
{
    json_error_t err;
    json_t *j = json_load_file(fx->path, 0, &err);
    if (!j) fail_msg("status file is not JSON: %s (line %d)", err.text, err.line);
    return j;
}

static void assert_key_string(const json_t *j, const char *key, const char *want)
{
    const char *got = json_string_value(json_object_get(j, key));
    if (!got) fail_msg("\"%s\" is not a string", key);
    assert_string_equal(got, want);
}

static void assert_key_null(const json_t *j, const char *key)
{
    const json_t *v = json_object_get(j, key);
    assert_non_null(v);
    assert_true(json_is_null(v));
}

static void a_new_status_file_says_nothing_is_known_yet(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    assert_non_null(st);
    json_t *j = read_status(fx);
    assert_key_string(j, "feed", FEED_URL);
    assert_key_null(j, "source");
    assert_int_equal(json_integer_value(json_object_get(j, "slides")), 0);
    assert_key_null(j, "version");
    assert_key_null(j, "last_success");
    assert_key_null(j, "last_error");
    assert_true(json_is_string(json_object_get(j, "updated")));
    json_decref(j);
    assert_int_equal(status_last_success(st), 0);
    status_close(st);
}

static void the_deck_on_screen_is_recorded(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    status_set_deck(st, "network", 12, "\"abc\"");
    json_t *j = read_status(fx);
    assert_key_string(j, "source", "network");
    assert_int_equal(json_integer_value(json_object_get(j, "slides")), 12);
    assert_key_string(j, "version", "\"abc\"");
    json_decref(j);
    status_close(st);
}

static void a_success_is_an_rfc3339_time_and_clears_the_error(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    status_set_error(st, "could not fetch " FEED_URL ": HTTP 500 Internal Server Error");
    status_set_success(st, T0);
    json_t *j = read_status(fx);
    assert_key_string(j, "last_success", "2026-07-15T12:00:00Z");
    assert_key_null(j, "last_error");
    json_decref(j);
    assert_int_equal(status_last_success(st), T0);
    status_close(st);
}

static void an_error_keeps_the_last_success(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    status_set_success(st, T0);
    status_set_error(st, "could not fetch " FEED_URL ": timeout; keeping the current deck");
    json_t *j = read_status(fx);
    assert_key_string(j, "last_success", "2026-07-15T12:00:00Z");
    assert_key_string(j, "last_error",
                      "could not fetch " FEED_URL ": timeout; keeping the current deck");
    json_decref(j);
    assert_int_equal(status_last_success(st), T0);
    status_close(st);
}

static void the_file_holds_exactly_its_ten_keys(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    status_set_deck(st, "cache", 3, "v1");
    status_set_success(st, T0);
    status_set_error(st, "x");
    json_t *j = read_status(fx);
    static const char *const keys[] = {"source",          "feed",       "slides", "version",
                                       "last_success",    "last_error", "alert",  "alerts_error",
                                       "heartbeat_error", "updated"};
    assert_int_equal(json_object_size(j), 10);
    for (size_t i = 0; i < 10; i++)
        assert_non_null(json_object_get(j, keys[i]));
    assert_key_null(j, "alert");
    assert_key_null(j, "alerts_error");
    assert_key_null(j, "heartbeat_error");
    json_decref(j);
    status_close(st);
}

static void the_alert_on_screen_and_the_alert_source_error_are_named(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    status_set_alert(st, "palais-2026-12-08-001");
    status_set_alerts_error(st, "could not fetch the alerts: HTTP 404 Not Found");
    json_t *j = read_status(fx);
    assert_key_string(j, "alert", "palais-2026-12-08-001");
    assert_key_string(j, "alerts_error", "could not fetch the alerts: HTTP 404 Not Found");
    assert_key_null(j, "last_error"); /* the slideshow's own health is untouched */
    json_decref(j);
    status_set_alert(st, NULL);
    status_set_alerts_error(st, NULL);
    j = read_status(fx);
    assert_key_null(j, "alert");
    assert_key_null(j, "alerts_error");
    json_decref(j);
    status_close(st);
}

/* The heartbeat's failure is its own key, and what it sends is what the file says. */
static void the_heartbeat_error_is_its_own_and_the_document_matches_the_file(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    status_set_deck(st, "network", 4, "v7");
    status_set_heartbeat_error(st, "could not send the heartbeat: HTTP 503");
    json_t *j = read_status(fx);
    assert_key_string(j, "heartbeat_error", "could not send the heartbeat: HTTP 503");
    assert_key_null(j, "last_error"); /* the slideshow's own health is untouched */
    json_t *doc = status_document(st);
    assert_non_null(doc);
    assert_key_string(doc, "version", "v7");
    assert_key_string(doc, "heartbeat_error", "could not send the heartbeat: HTTP 503");
    assert_int_equal(json_integer_value(json_object_get(doc, "slides")), 4);
    assert_int_equal(json_object_size(doc), json_object_size(j));
    json_decref(doc);
    json_decref(j);
    status_set_heartbeat_error(st, NULL);
    j = read_status(fx);
    assert_key_null(j, "heartbeat_error");
    json_decref(j);
    status_close(st);
}

static void each_change_replaces_the_file_whole(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    struct stat before, after;
    assert_int_equal(stat(fx->path, &before), 0);
    status_set_deck(st, "builtin", 8, "demo");
    assert_int_equal(stat(fx->path, &after), 0);
    /* A rename puts a new inode in place: a reader holding the old one reads it whole. */
    assert_true(before.st_ino != after.st_ino);
    assert_int_equal(after.st_mode & 0777, 0644);
    DIR *d = opendir(fx->dir);
    const struct dirent *e;
    int files = 0;
    while ((e = readdir(d)))
        files += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, 1); /* no temp file left behind */
    status_close(st);
}

static void touch(const struct fixture *fx, const char *name)
{
    char p[PATH_CAP * 2];
    snprintf(p, sizeof p, "%s/%s", fx->dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fclose(f);
}

static bool exists(const struct fixture *fx, const char *name)
{
    char p[PATH_CAP * 2];
    snprintf(p, sizeof p, "%s/%s", fx->dir, name);
    return access(p, F_OK) == 0;
}

/* A vitrine killed between the temp file and the rename leaves status.json.tmp.XXXXXX:
 * the next start removes those, and only those. */
static void opening_clears_what_a_killed_write_left(void **state)
{
    struct fixture *fx = *state;
    touch(fx, "status.json.tmp.zR9SRA");
    touch(fx, "status.json.tmp.Ab12Cd");
    touch(fx, "status.json.tmp.notmine"); /* not mkstemp's six characters */
    touch(fx, "other.json.tmp.zR9SRA");
    struct status *st = status_open(fx->path, FEED_URL);
    assert_false(exists(fx, "status.json.tmp.zR9SRA"));
    assert_false(exists(fx, "status.json.tmp.Ab12Cd"));
    assert_true(exists(fx, "status.json.tmp.notmine"));
    assert_true(exists(fx, "other.json.tmp.zR9SRA"));
    assert_true(exists(fx, "status.json"));
    status_close(st);
}

#define CACHE_SENTENCE "could not save the deck to the cache /c: No space left on device"
#define FEED_SENTENCE  "could not fetch " FEED_URL ": HTTP 500 Internal Server Error"

/* The feed's error first; the cache's, which a feed success does not clear, after it. */
static void a_cache_error_shows_until_a_save_and_never_hides_a_feed_error(void **state)
{
    struct fixture *fx = *state;
    struct status *st = status_open(fx->path, FEED_URL);
    status_set_success(st, T0);
    status_set_cache_error(st, CACHE_SENTENCE);
    json_t *j = read_status(fx);
    assert_key_string(j, "last_error", CACHE_SENTENCE);
    json_decref(j);
    status_set_error(st, FEED_SENTENCE);
    j = read_status(fx);
    assert_key_string(j, "last_error", FEED_SENTENCE);
    json_decref(j);
    status_set_success(st, T0 + 60); /* the feed answers: the cache is still unwritable */
    j = read_status(fx);
    assert_key_string(j, "last_error", CACHE_SENTENCE);
    assert_int_equal(json_object_size(j), 10); /* no key of its own */
    json_decref(j);
    status_set_cache_error(st, NULL); /* a save succeeded */
    j = read_status(fx);
    assert_key_null(j, "last_error");
    json_decref(j);
    status_close(st);
}

static void without_a_path_the_status_lives_in_memory(void **state)
{
    (void)state;
    struct status *st = status_open(NULL, FEED_URL);
    assert_non_null(st);
    status_set_success(st, T0);
    status_set_error(st, "e");
    status_set_deck(st, "file", 1, "v");
    assert_int_equal(status_last_success(st), T0);
    status_close(st);
    status_set_error(NULL, "a NULL status is a no-op");
    assert_int_equal(status_last_success(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(a_new_status_file_says_nothing_is_known_yet),
        T(the_deck_on_screen_is_recorded),
        T(a_success_is_an_rfc3339_time_and_clears_the_error),
        T(an_error_keeps_the_last_success),
        T(the_file_holds_exactly_its_ten_keys),
        T(the_alert_on_screen_and_the_alert_source_error_are_named),
        T(the_heartbeat_error_is_its_own_and_the_document_matches_the_file),
        T(each_change_replaces_the_file_whole),
        T(opening_clears_what_a_killed_write_left),
        T(without_a_path_the_status_lives_in_memory),
        T(a_cache_error_shows_until_a_save_and_never_hides_a_feed_error),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
