/* Tests for the settings table through its two doors, options_parse (flags) and
 * config_load (the file): every setting that has both a flag and a key accepts the
 * same values, refuses the same values, and gives the same reason. The cases are
 * chosen per kind, and the loop runs over the table itself, so a setting added later
 * is checked without touching this file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "options.h"
#include "settings.h"

struct outcome {
    bool ok;
    struct options o;
    char why[512]; /* the reason, with the setting's name and "FILE:LINE: " taken off */
};

/* Runs `vitrine --FLAG VALUE` (or `--FLAG` for a switch) through options_parse. */
static void by_flag(const struct setting *s, const char *value, struct outcome *out)
{
    char flag[64], err[512];
    snprintf(flag, sizeof flag, "--%s", s->flag);
    char *argv[6] = {"vitrine", flag, (char *)value, NULL, NULL, NULL};
    int argc = setting_takes_value(s) ? 3 : 2;
    /* Screen hours go in pairs: give the other one a good value. */
    if (s->kind == SETTING_CLOCK) {
        argv[argc++] = strcmp(s->flag, "screen-on") == 0 ? "--screen-off" : "--screen-on";
        argv[argc++] = "12:00";
    }
    /* A signature location means nothing without the key that checks it. */
    if (strcmp(s->flag, "signature") == 0) {
        argv[argc++] = "--public-key";
        argv[argc++] = "/etc/vitrine/feed.pub";
    }
    out->ok = options_parse(&out->o, argc, argv, err, sizeof err) == OPTIONS_RUN;
    out->why[0] = '\0';
    if (out->ok) return;
    /* "--interval must be ..., not 'x'": keep "must be ..." */
    const char *start = err + strlen(flag) + 1;
    const char *tail = strstr(start, ", not '");
    snprintf(out->why, sizeof out->why, "%.*s", (int)(tail ? tail - start : (long)strlen(start)),
             start);
}

static void by_key(const struct setting *s, const char *value, struct outcome *out)
{
    char path[] = "/tmp/vitrine-settings-XXXXXX", err[512];
    const int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f, "%s = %s\n", s->key, value);
    fclose(f);
    settings_defaults(&out->o);
    out->ok = config_load(path, &out->o, err, sizeof err);
    unlink(path);
    out->why[0] = '\0';
    if (out->ok) return;
    /* "PATH:1: interval must be ...": keep "must be ..." */
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s:1: %s ", path, s->key);
    assert_int_equal(strncmp(err, prefix, strlen(prefix)), 0);
    snprintf(out->why, sizeof out->why, "%s", err + strlen(prefix));
}

/* Values worth trying for a kind: good ones, edge ones and bad ones alike. */
static const char *const *cases_for(enum setting_kind kind)
{
    static const char *const ints[] = {"0",  "1",  "5",  "20", "21",  "86400", "86401",
                                       "-1", "+5", "5%", "",   "abc", "1e3",   NULL};
    static const char *const angles[] = {"0", "90", "180", "270", "45", "360", "-90", "x", NULL};
    static const char *const sizes[] = {"1920x1080", "1080X1920", "16x16", "15x100",
                                        "16385x10",  "x100",      "100x",  "100x100x1",
                                        "-5x100",    "big",       NULL};
    static const char *const clocks[] = {"7:05", "07:30", "23:59", "00:00", "24:00",
                                         "7:5",  "07:60", "0730",  "",      NULL};
    static const char *const texts[] = {"/etc/vitrine/x", "https://example.org/f.json", NULL};
    switch (kind) {
    case SETTING_INT:
        return ints;
    case SETTING_ANGLE:
        return angles;
    case SETTING_SIZE:
        return sizes;
    case SETTING_CLOCK:
        return clocks;
    case SETTING_TEXT:
        return texts;
    default:
        return NULL;
    }
}

static void flags_and_keys_agree(void **state)
{
    (void)state;
    size_t compared = 0;
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *s = &settings[i];
        const char *const *cases = cases_for(s->kind);
        if (!s->flag || !s->key || !cases) continue;
        for (; *cases; cases++) {
            struct outcome f, k;
            by_flag(s, *cases, &f);
            by_key(s, *cases, &k);
            if (f.ok != k.ok || strcmp(f.why, k.why) != 0)
                fail_msg("%s = '%s': flag %s (%s), key %s (%s)", s->key, *cases,
                         f.ok ? "accepts" : "refuses", f.why, k.ok ? "accepts" : "refuses", k.why);
            /* Accepted: both stored the same thing (compared field by field for the
             * scalar kinds; the texts compare as strings). */
            if (f.ok && s->kind != SETTING_TEXT)
                assert_memory_equal((char *)&f.o + s->field, (char *)&k.o + s->field,
                                    s->kind == SETTING_SIZE ? 2 * sizeof(int) : sizeof(int));
            if (f.ok && s->kind == SETTING_TEXT)
                assert_string_equal(*(char **)((char *)&f.o + s->field),
                                    *(char **)((char *)&k.o + s->field));
            options_free(&f.o);
            options_free(&k.o);
            compared++;
        }
    }
    assert_true(compared > 40); /* the loop really ran over the table */
}

/* The switch with a key (windowed): the flag sets it, the key takes true/false. */
static void switches_read_true_and_false(void **state)
{
    (void)state;
    const struct setting *s = settings_by_key("windowed");
    assert_non_null(s);
    struct outcome o;
    by_key(s, "yes", &o);
    assert_true(o.ok && o.o.windowed);
    options_free(&o.o);
    by_key(s, "off", &o);
    assert_true(o.ok && !o.o.windowed);
    options_free(&o.o);
    by_key(s, "maybe", &o);
    assert_false(o.ok);
    assert_string_equal(o.why, "must be true or false");
    by_flag(s, NULL, &o);
    assert_true(o.ok && o.o.windowed);
    options_free(&o.o);
}

/* Every flag and key once; getopt and the config file find each row. */
static void the_table_is_consistent(void **state)
{
    (void)state;
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *s = &settings[i];
        assert_true(s->flag || s->key);
        assert_non_null(s->help);
        if (s->flag) assert_ptr_equal(settings_by_flag(s->flag), s);
        if (s->key) assert_ptr_equal(settings_by_key(s->key), s);
        if (s->kind == SETTING_INT) assert_true(s->lo <= s->hi && s->unit);
        if (s->flag && setting_takes_value(s)) assert_non_null(s->value);
    }
}

/* A flag given after --config wins over the file's value. */
static void a_flag_overrides_the_file(void **state)
{
    (void)state;
    char path[] = "/tmp/vitrine-settings-XXXXXX", err[512];
    const int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_true(write(fd, "interval = 300\nrotate = 90\n", 27) == 27);
    close(fd);
    char *argv[] = {"vitrine", "--config", path, "--interval", "30", NULL};
    struct options o;
    assert_int_equal(options_parse(&o, 5, argv, err, sizeof err), OPTIONS_RUN);
    assert_int_equal(o.interval, 30);
    assert_int_equal(o.rotate, 90);
    options_free(&o);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flags_and_keys_agree),
        cmocka_unit_test(switches_read_true_and_false),
        cmocka_unit_test(the_table_is_consistent),
        cmocka_unit_test(a_flag_overrides_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
