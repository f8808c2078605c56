/* Unit tests for cache.c: crash-safe writes, hash naming, the commit round trip, and
 * the states a power cut can leave behind (temp files, assets without a feed). Each
 * test works in its own mkdtemp directory under $TMPDIR and removes it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "file.h"
#include "hash.h"

#define FEED_URL  "https://example.org/feed.json"
#define LOGO_URL  "https://cdn.example.org/logo.png"
#define OTHER_URL "https://cdn.example.org/other.png"
#define PATH_CAP  512

struct fixture {
    char dir[PATH_CAP];
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    const char *tmp = getenv("TMPDIR");
    snprintf(fx->dir, sizeof fx->dir, "%s/vitrine-cache-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fx->dir)) return -1;
    *state = fx;
    return 0;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    const struct dirent *e;
    char p[PATH_CAP * 2];
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        remove_tree(p);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    remove_tree(fx->dir);
    free(fx);
    return 0;
}

/* Files in dir whose name starts with prefix. */
static int count_files(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    const struct dirent *e;
    while (d && (e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d) closedir(d);
    return n;
}

static void write_raw(const char *dir, const char *name, const char *text)
{
    char p[PATH_CAP * 2];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static struct cache *open_ok(const struct fixture *fx, const char *feed)
{
    char err[256] = "";
    struct cache *c = cache_open(fx->dir, feed, err, sizeof err);
    if (!c) fail_msg("cache_open: %s", err);
    return c;
}

/* Stores one asset and commits a deck that references it. */
static void commit_deck(struct cache *c, const char *body, const char *etag, const char *logo)
{
    char err[256] = "";
    bool changed = false;
    const char *urls[] = {LOGO_URL};
    if (logo)
        assert_true(cache_asset_store(c, LOGO_URL, (const unsigned char *)logo, strlen(logo),
                                      "\"logo-1\"", NULL, &changed, err, sizeof err));
    struct cache_deck d = {.body = (char *)body,
                           .len = strlen(body),
                           .etag = (char *)etag,
                           .version = (char *)etag,
                           .fetched = 1700000000};
    if (!cache_commit(c, &d, urls, logo ? 1 : 0, err, sizeof err))
        fail_msg("cache_commit: %s", err);
}

static void hash_names_are_sixteen_hex_digits_and_stable(void **state)
{
    (void)state;
    char a[HASH_HEX_LEN + 1], b[HASH_HEX_LEN + 1];
    hash_hex("", 0, a);
    assert_string_equal(a, "cbf29ce484222325"); /* FNV-1a 64 of nothing: the basis */
    hash_hex(LOGO_URL, strlen(LOGO_URL), a);
    hash_hex(LOGO_URL, strlen(LOGO_URL), b);
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), HASH_HEX_LEN);
    assert_int_equal(strspn(a, "0123456789abcdef"), HASH_HEX_LEN);
    hash_hex(OTHER_URL, strlen(OTHER_URL), b);
    assert_string_not_equal(a, b);
}

static void atomic_write_replaces_the_file_and_leaves_no_temp(void **state)
{
    struct fixture *fx = *state;
    char p[PATH_CAP * 2], err[256];
    snprintf(p, sizeof p, "%s/status.json", fx->dir);
    assert_true(file_replace(p, "old", 3, 0644, err, sizeof err));
    assert_true(file_replace(p, "new!", 4, 0644, err, sizeof err));
    unsigned char *data;
    size_t len;
    assert_true(file_read(p, 100, &data, &len, err, sizeof err));
    assert_int_equal(len, 4);
    assert_string_equal((char *)data, "new!");
    free(data);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(count_files(fx->dir, "status.json.tmp."), 0);
}

static void atomic_write_into_a_missing_directory_fails_with_a_reason(void **state)
{
    struct fixture *fx = *state;
    char p[PATH_CAP * 2], err[256] = "";
    snprintf(p, sizeof p, "%s/missing/status.json", fx->dir);
    assert_false(file_replace(p, "x", 1, 0644, err, sizeof err));
    assert_non_null(strstr(err, "missing"));
}

static void read_file_refuses_a_file_over_the_limit(void **state)
{
    struct fixture *fx = *state;
    char p[PATH_CAP * 2], err[256] = "";
    write_raw(fx->dir, "big", "0123456789");
    snprintf(p, sizeof p, "%s/big", fx->dir);
    unsigned char *data;
    size_t len;
    assert_false(file_read(p, 9, &data, &len, err, sizeof err));
    assert_null(data);
    assert_true(file_read(p, 10, &data, &len, err, sizeof err));
    assert_int_equal(len, 10);
    free(data);
}

static void an_empty_cache_has_no_deck(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    struct cache_deck d;
    char err[256] = "";
    assert_false(cache_load(c, &d, NULL, err, sizeof err));
    assert_string_equal(err, "no cached deck yet");
    cache_close(c);
}

static void a_committed_deck_loads_back_with_its_validators_and_assets(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{\"v\":1}", "\"etag-1\"", "PNGDATA");
    cache_close(c);

    c = open_ok(fx, FEED_URL);
    struct cache_deck d;
    char err[256] = "";
    assert_true(cache_load(c, &d, NULL, err, sizeof err));
    assert_string_equal(d.body, "{\"v\":1}");
    assert_int_equal(d.len, 7);
    assert_string_equal(d.etag, "\"etag-1\"");
    assert_null(d.last_modified);
    assert_string_equal(d.version, "\"etag-1\"");
    assert_int_equal(d.fetched, 1700000000);
    assert_true(d.complete);
    const char *etag, *lm;
    assert_true(cache_asset_validators(c, LOGO_URL, &etag, &lm));
    assert_string_equal(etag, "\"logo-1\"");
    unsigned char *data;
    size_t len;
    assert_true(cache_asset_read(c, LOGO_URL, 100, &data, &len, err, sizeof err));
    assert_memory_equal(data, "PNGDATA", 7);
    free(data);
    assert_false(cache_asset_validators(c, OTHER_URL, &etag, &lm));
    cache_deck_clear(&d);
    cache_close(c);
}

static void file_names_come_from_hashes_never_from_the_url(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{}", NULL, "PNG");
    cache_close(c);
    char uh[HASH_HEX_LEN + 1], ch[HASH_HEX_LEN + 1], name[64];
    hash_hex(LOGO_URL, strlen(LOGO_URL), uh);
    hash_hex("PNG", 3, ch);
    snprintf(name, sizeof name, "a-%s-%s", uh, ch);
    assert_int_equal(count_files(fx->dir, name), 1);
    assert_int_equal(count_files(fx->dir, "logo"), 0);
    assert_int_equal(count_files(fx->dir, "f-"), 1);
}

static void a_new_commit_deletes_what_the_old_deck_alone_used(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{\"v\":1}", "\"1\"", "LOGO-1");
    commit_deck(c, "{\"v\":2}", "\"2\"", "LOGO-2");
    assert_int_equal(count_files(fx->dir, "f-"), 1);
    assert_int_equal(count_files(fx->dir, "a-"), 1);
    commit_deck(c, "{\"v\":3}", "\"3\"", NULL); /* no image any more */
    assert_int_equal(count_files(fx->dir, "a-"), 0);
    cache_close(c);
}

static void asset_store_says_whether_the_bytes_changed(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    char err[256];
    bool changed = false;
    const unsigned char a[] = "AAAA", b[] = "BBBB";
    assert_true(cache_asset_store(c, LOGO_URL, a, 4, NULL, NULL, &changed, err, sizeof err));
    assert_true(changed);
    assert_true(cache_asset_store(c, LOGO_URL, a, 4, NULL, NULL, &changed, err, sizeof err));
    assert_false(changed);
    assert_true(cache_asset_store(c, LOGO_URL, b, 4, NULL, NULL, &changed, err, sizeof err));
    assert_true(changed);
    cache_close(c);
}

static void another_feeds_deck_is_never_reused(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{}", NULL, NULL);
    cache_close(c);
    c = open_ok(fx, "https://elsewhere.example/feed.json");
    struct cache_deck d;
    char err[256] = "";
    assert_false(cache_load(c, &d, NULL, err, sizeof err));
    assert_non_null(strstr(err, "another feed"));
    cache_close(c);
}

static void a_half_written_temp_file_is_ignored_and_removed(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{\"v\":1}", "\"1\"", NULL);
    cache_close(c);
    /* A power cut in the middle of writing the next deck.json. */
    write_raw(fx->dir, "deck.json.tmp.AbCdEf", "{\"format\":1,\"feed\":\"https://exa");
    c = open_ok(fx, FEED_URL);
    assert_int_equal(count_files(fx->dir, "deck.json.tmp."), 0);
    struct cache_deck d;
    char err[256] = "";
    assert_true(cache_load(c, &d, NULL, err, sizeof err));
    assert_string_equal(d.body, "{\"v\":1}");
    cache_deck_clear(&d);
    cache_close(c);
}

static void assets_written_without_their_feed_leave_the_old_deck(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{\"v\":1}", "\"1\"", "LOGO-1");
    char err[256];
    bool changed;
    /* The next poll stores its new logo, then the power goes before the commit. */
    assert_true(cache_asset_store(c, LOGO_URL, (const unsigned char *)"LOGO-2", 6, "\"logo-2\"",
                                  NULL, &changed, err, sizeof err));
    cache_close(c);

    c = open_ok(fx, FEED_URL);
    struct cache_deck d;
    assert_true(cache_load(c, &d, NULL, err, sizeof err));
    assert_string_equal(d.body, "{\"v\":1}");
    assert_true(d.complete);
    unsigned char *data;
    size_t len;
    assert_true(cache_asset_read(c, LOGO_URL, 100, &data, &len, err, sizeof err));
    assert_memory_equal(data, "LOGO-1", 6); /* the old deck's own logo, not the orphan */
    free(data);
    cache_deck_clear(&d);
    cache_close(c);
}

static void a_corrupt_feed_file_makes_the_deck_unusable(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{\"v\":1}", NULL, NULL);
    cache_close(c);
    DIR *d = opendir(fx->dir);
    const struct dirent *e;
    char name[256] = "";
    while ((e = readdir(d)))
        if (strncmp(e->d_name, "f-", 2) == 0) snprintf(name, sizeof name, "%s", e->d_name);
    closedir(d);
    write_raw(fx->dir, name, "{\"v\":2}"); /* same length, other bytes */
    c = open_ok(fx, FEED_URL);
    struct cache_deck deck;
    char err[256] = "";
    assert_false(cache_load(c, &deck, NULL, err, sizeof err));
    assert_non_null(strstr(err, "corrupt"));
    cache_close(c);
}

static void a_missing_asset_marks_the_deck_incomplete(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{}", NULL, "LOGO");
    cache_close(c);
    DIR *d = opendir(fx->dir);
    const struct dirent *e;
    char p[PATH_CAP * 2] = "";
    while ((e = readdir(d)))
        if (strncmp(e->d_name, "a-", 2) == 0) snprintf(p, sizeof p, "%s/%s", fx->dir, e->d_name);
    closedir(d);
    assert_int_equal(unlink(p), 0);
    c = open_ok(fx, FEED_URL);
    struct cache_deck deck;
    char err[256];
    assert_true(cache_load(c, &deck, NULL, err, sizeof err));
    assert_false(deck.complete);
    cache_deck_clear(&deck);
    cache_close(c);
}

static void touch_updates_the_fetched_time_only(void **state)
{
    struct fixture *fx = *state;
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{\"v\":1}", "\"1\"", NULL);
    char err[256];
    assert_true(cache_touch(c, 1800000000, err, sizeof err));
    cache_close(c);
    c = open_ok(fx, FEED_URL);
    struct cache_deck d;
    assert_true(cache_load(c, &d, NULL, err, sizeof err));
    assert_int_equal(d.fetched, 1800000000);
    assert_string_equal(d.etag, "\"1\"");
    cache_deck_clear(&d);
    cache_close(c);
}

static void files_that_are_not_the_caches_own_are_left_alone(void **state)
{
    struct fixture *fx = *state;
    write_raw(fx->dir, "notes.txt", "mine");
    struct cache *c = open_ok(fx, FEED_URL);
    commit_deck(c, "{}", NULL, "LOGO");
    commit_deck(c, "{\"v\":2}", NULL, NULL);
    cache_close(c);
    assert_int_equal(count_files(fx->dir, "notes.txt"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_names_are_sixteen_hex_digits_and_stable),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(atomic_write_replaces_the_file_and_leaves_no_temp),
        T(atomic_write_into_a_missing_directory_fails_with_a_reason),
        T(read_file_refuses_a_file_over_the_limit),
        T(an_empty_cache_has_no_deck),
        T(a_committed_deck_loads_back_with_its_validators_and_assets),
        T(file_names_come_from_hashes_never_from_the_url),
        T(a_new_commit_deletes_what_the_old_deck_alone_used),
        T(asset_store_says_whether_the_bytes_changed),
        T(another_feeds_deck_is_never_reused),
        T(a_half_written_temp_file_is_ignored_and_removed),
        T(assets_written_without_their_feed_leave_the_old_deck),
        T(a_corrupt_feed_file_makes_the_deck_unusable),
        T(a_missing_asset_marks_the_deck_incomplete),
        T(touch_updates_the_fetched_time_only),
        T(files_that_are_not_the_caches_own_are_left_alone),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
