/* Unit tests for the schedule-export reader (programme.c, talk.c, frabtime.c,
 * jsonread.c): the exports in tests/programme/ (several rooms and days, talks after
 * midnight, both 2026 DST nights of America/Toronto, missing optional fields, pretalx's
 * flavour), every problem with its path, and hostile documents built here: 100 000
 * talks, megabyte strings, deep nesting, invalid UTF-8, NUL characters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frabtime.h"
#include "programme.h"
#include "zone.h"

#define H        3600
#define MIN      60
#define PROBS    64
#define TEXT_LEN 320
#define MB       (1024u * 1024u)

struct problems {
    size_t n, errors, total;
    int sev[PROBS];
    char path[PROBS][TEXT_LEN], msg[PROBS][TEXT_LEN];
};

static void collect(void *ctx, enum programme_severity sev, const char *path, const char *message)
{
    struct problems *p = ctx;
    p->total++;
    if (sev == PROGRAMME_ERROR) p->errors++;
    if (p->n == PROBS) return;
    p->sev[p->n] = sev;
    snprintf(p->path[p->n], TEXT_LEN, "%s", path);
    snprintf(p->msg[p->n], TEXT_LEN, "%s", message);
    p->n++;
}

static bool has_problem(const struct problems *p, int sev, const char *path, const char *msg)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->sev[i] == sev && strcmp(p->path[i], path) == 0 && strcmp(p->msg[i], msg) == 0)
            return true;
    return false;
}

static void print_problems(const struct problems *p)
{
    for (size_t i = 0; i < p->n; i++)
        print_message("  %s %s: %s\n", p->sev[i] == PROGRAMME_ERROR ? "error" : "warning",
                      p->path[i], p->msg[i]);
}

static struct programme *load(const char *name, const char *fallback, struct problems *probs)
{
    char path[1024];
    const char *dir = getenv("VITRINE_TEST_DATA");
    snprintf(path, sizeof path, "%s/programme/%s", dir ? dir : "tests", name);
    memset(probs, 0, sizeof *probs);
    struct programme *p = programme_load_file(path, fallback, collect, probs);
    if (!p) {
        print_problems(probs);
        fail_msg("%s was rejected", name);
    }
    return p;
}

static struct programme *parse(const char *json, size_t len, struct problems *probs)
{
    memset(probs, 0, sizeof *probs);
    return programme_parse(json, len, "America/Toronto", collect, probs);
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return zone_civil(y, mo, d, h * H + mi * MIN);
}

static const struct programme_talk *talk_titled(const struct programme *p, const char *title)
{
    for (size_t i = 0; i < programme_talk_count(p); i++)
        if (strcmp(programme_talk(p, i)->title, title) == 0) return programme_talk(p, i);
    fail_msg("no talk \"%s\"", title);
    return NULL;
}

/* --- the realistic export --------------------------------------------------------------- */

static void an_export_gives_rooms_days_and_talks_in_order(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("conference.json", NULL, &probs);
    assert_string_equal(programme_title(p), "ALL IN 2026 (test)");
    assert_string_equal(programme_acronym(p), "allin2026");
    assert_string_equal(programme_version(p), "1.4 (test)");
    assert_string_equal(zone_name(programme_zone(p)), "America/Toronto");
    assert_int_equal(programme_room_count(p), 3);
    assert_string_equal(programme_room(p, 0)->name, "Salle A / Hall A");
    assert_string_equal(programme_room(p, 0)->guid, "room-a");
    assert_string_equal(programme_room(p, 2)->name, "Agora");
    assert_int_equal(programme_day_count(p), 2);
    assert_int_equal(programme_day(p, 0)->index, 1);
    assert_string_equal(programme_day(p, 0)->date, "2026-12-08");
    assert_int_equal(programme_day(p, 0)->start, utc(2026, 12, 8, 13, 0));
    assert_int_equal(programme_day(p, 0)->end, utc(2026, 12, 9, 8, 0));
    assert_int_equal(programme_day(p, 1)->start, utc(2026, 12, 9, 13, 0));
    assert_int_equal(programme_talk_count(p), 12);
    for (size_t i = 1; i < programme_talk_count(p); i++)
        assert_true(programme_talk(p, i - 1)->start <= programme_talk(p, i)->start);
    /* Only the colour "green" is not #rrggbb: one warning, nothing else. */
    assert_int_equal(probs.total, 1);
    assert_true(has_problem(&probs, PROGRAMME_WARNING, "schedule.conference.tracks[2].color",
                            "invalid colour \"green\" (expected \"#rrggbb\"); ignored"));
    programme_free(p);
}

static void a_talk_after_midnight_belongs_to_its_day(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("conference.json", NULL, &probs);
    const struct programme_talk *late = talk_titled(p, "After midnight: a talk of the first day");
    assert_int_equal(late->start, utc(2026, 12, 9, 6, 0));
    assert_int_equal(late->end, utc(2026, 12, 9, 6, 45));
    assert_int_equal(late->day, 0);
    const struct programme_talk *night = talk_titled(p, "Late session: models at night");
    assert_int_equal(night->end, utc(2026, 12, 9, 5, 30));
    assert_null(night->track);
    assert_null(night->language);
    assert_null(night->speakers);
    assert_int_equal(talk_titled(p, "Day two opening")->day, 1);
    programme_free(p);
}

static void talks_carry_speakers_tracks_colours_languages_and_ids(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("conference.json", NULL, &probs);
    const struct programme_talk *t = talk_titled(p, "Ouverture de la conférence ALL IN 2026");
    assert_string_equal(t->speakers, "Élise Tremblay, Jonas Berg");
    assert_string_equal(t->track, "Policy");
    assert_true(t->has_colour);
    assert_int_equal(t->colour, 0x1f6feb);
    assert_string_equal(t->language, "fr");
    assert_string_equal(t->id, "101");
    assert_string_equal(t->guid, "6a1f0c2e-0000-4000-8000-000000000101");
    assert_string_equal(t->type, "Talk");
    assert_int_equal(t->duration, 45 * MIN);
    assert_int_equal(t->room, 0);
    t = talk_titled(p, "Keynote: Responsible AI from the lab to the market");
    assert_int_equal(t->duration, 90 * MIN); /* "1:30" */
    assert_string_equal(t->language, "en");  /* "EN" */
    assert_int_equal(t->colour, 0xee3366);   /* "#E36" */
    t = talk_titled(p, "L'IA dans les PME québécoises");
    assert_string_equal(t->speakers, "Marc-André Gagnon, Sofia Lindqvist"); /* name, string */
    assert_string_equal(t->language, "fr-ca");
    assert_false(t->has_colour); /* Industry's colour was unusable */
    t = talk_titled(p, "Research talk with a line break and a tab");
    assert_string_equal(t->subtitle, "Sous-titre");
    assert_int_equal(t->room, 1);
    t = talk_titled(p, "Lunch / Dîner"); /* its unknown nested keys were ignored */
    assert_string_equal(t->type, "Break");
    assert_null(t->subtitle); /* "" is absent */
    programme_free(p);
}

static void local_dates_and_bare_start_times_are_read_in_the_conference_zone(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("conference.json", NULL, &probs);
    assert_int_equal(talk_titled(p, "A date without an offset")->start, utc(2026, 12, 9, 14, 15));
    const struct programme_talk *t = talk_titled(p, "Only a start time");
    assert_int_equal(t->start, utc(2026, 12, 9, 21, 0));
    assert_null(t->guid);
    programme_free(p);
}

/* --- DST nights ------------------------------------------------------------------------- */

static void the_fall_back_night_keeps_both_one_thirties_apart(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("dst-fall.json", NULL, &probs);
    assert_int_equal(probs.total, 0);
    const struct programme_talk *across = talk_titled(p, "Across the fold");
    assert_int_equal(across->start, utc(2026, 11, 1, 4, 30));
    assert_int_equal(across->end, utc(2026, 11, 1, 5, 30)); /* an hour of real time */
    assert_int_equal(talk_titled(p, "First 01:30 (EDT)")->start, utc(2026, 11, 1, 5, 30));
    assert_int_equal(talk_titled(p, "Second 01:30 (EST)")->start, utc(2026, 11, 1, 6, 30));
    /* Ambiguous local time without an offset: the first of the two. */
    assert_int_equal(talk_titled(p, "Local 01:55, no offset")->start, utc(2026, 11, 1, 5, 55));
    /* "03:00" on a day dated Oct 31 that began at 20:00: the night after, in EST. */
    assert_int_equal(talk_titled(p, "Start only, after midnight")->start, utc(2026, 11, 1, 8, 0));
    assert_int_equal(programme_day(p, 0)->end, utc(2026, 11, 1, 9, 0));
    programme_free(p);
}

static void the_spring_forward_night_reads_the_missing_hour_as_after_the_jump(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("dst-spring.json", NULL, &probs);
    assert_int_equal(probs.total, 0);
    const struct programme_talk *over = talk_titled(p, "Over the jump");
    assert_int_equal(over->start, utc(2026, 3, 8, 6, 30));
    assert_int_equal(over->end, utc(2026, 3, 8, 7, 30)); /* 03:30 EDT on the wall */
    assert_int_equal(talk_titled(p, "At 02:30, which does not exist")->start,
                     utc(2026, 3, 8, 7, 30));
    assert_int_equal(talk_titled(p, "Local 03:30 EDT")->start, utc(2026, 3, 8, 7, 30));
    programme_free(p);
}

/* --- missing optional fields, pretalx ---------------------------------------------------- */

static void a_minimal_export_uses_the_fallback_zone_and_the_day_change(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("minimal.json", "Europe/Paris", &probs);
    assert_int_equal(probs.total, 0);
    assert_string_equal(zone_name(programme_zone(p)), "Europe/Paris");
    assert_null(programme_acronym(p));
    assert_null(programme_version(p));
    assert_int_equal(programme_room_count(p), 2);
    assert_string_equal(programme_room(p, 1)->name, "Room 2");
    assert_null(programme_room(p, 1)->guid);
    const struct programme_talk *t = talk_titled(p, "H:MM duration");
    assert_int_equal(t->start, utc(2026, 6, 10, 8, 0)); /* 10:00 CEST */
    assert_int_equal(t->duration, 90 * MIN);
    assert_null(t->id);
    assert_int_equal(talk_titled(p, "Before the day change: the next night")->start,
                     utc(2026, 6, 10, 23, 0));
    assert_int_equal(talk_titled(p, "A whole day (D:HH:MM)")->duration, 24 * H);
    assert_int_equal(talk_titled(p, "Zero days, two and a half hours")->duration, 150 * MIN);
    /* Day bounds from the 04:00 day change, widened to the day-long talk. */
    assert_int_equal(programme_day(p, 0)->start, utc(2026, 6, 10, 2, 0));
    assert_int_equal(programme_day(p, 0)->end, utc(2026, 6, 11, 10, 0));
    assert_string_equal(programme_day(p, 0)->date, "2026-06-10");
    programme_free(p);

    p = load("minimal.json", NULL, &probs); /* no fallback either: UTC */
    assert_string_equal(zone_name(programme_zone(p)), "UTC");
    assert_int_equal(talk_titled(p, "H:MM duration")->start, utc(2026, 6, 10, 10, 0));
    programme_free(p);
}

static void a_pretalx_export_reads_the_same(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("pretalx.json", NULL, &probs);
    assert_int_equal(probs.total, 0);
    assert_string_equal(zone_name(programme_zone(p)), "Europe/Paris");
    const struct programme_talk *t = talk_titled(p, "Un exposé pretalx");
    assert_int_equal(t->start, utc(2026, 12, 8, 9, 0));
    assert_string_equal(t->speakers, "Camille Roy");
    assert_string_equal(t->id, "2041");
    assert_int_equal(t->colour, 0x3aa57c);
    t = talk_titled(p, "No track, no language");
    assert_null(t->track);
    assert_null(t->language);
    assert_string_equal(t->speakers, "Only a name");
    assert_string_equal(t->id, "2042");
    programme_free(p);
}

/* The demo's sample export (assets/demo/programme.json) reads without a single problem. */
static void the_demo_export_reads_clean(void **state)
{
    (void)state;
    struct problems probs;
    struct programme *p = load("../../assets/demo/programme.json", NULL, &probs);
    if (probs.total) print_problems(&probs);
    assert_int_equal(probs.total, 0);
    assert_non_null(strstr(programme_title(p), "(exemple / example)"));
    assert_int_equal(programme_room_count(p), 4);
    assert_int_equal(programme_day_count(p), 3);
    assert_int_equal(programme_talk_count(p), 40);
    const struct programme_talk *t =
        talk_titled(p, "Bilan du hackathon de nuit / Night hackathon wrap-up");
    assert_int_equal(t->day, 0);
    assert_int_equal(t->start, utc(2026, 12, 9, 5, 30));
    for (size_t i = 0; i < programme_talk_count(p); i++)
        assert_true(programme_talk(p, i)->has_colour);
    programme_free(p);
}

/* --- the time notations ------------------------------------------------------------------ */

static void durations_in_every_frab_spelling(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int32_t want;
    } good[] = {{"00:30", 1800},    {"1:30", 5400},      {"01:30", 5400},
                {"1:00:00", 86400}, {"0:01:30", 5400},   {"00:00", 0},
                {"100:00", 360000}, {"7:00:00", 604800}, {"2:23:59", 259140}};
    static const char *const bad[] = {"90",      "1:5",    "1:60",  "8:00:00", "1:24:00", "",
                                      "::",      "a:30",   "1:30:", "-1:30",   "1:30 ",   "1:2:3:4",
                                      "1000:00", "0:0:30", "PT30M", NULL};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        int32_t s = -1;
        if (!frabtime_duration(good[i].s, &s)) fail_msg("\"%s\" refused", good[i].s);
        assert_int_equal(s, good[i].want);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int32_t s = -1;
        if (frabtime_duration(bad[i], &s)) fail_msg("\"%s\" accepted", bad[i] ? bad[i] : "NULL");
    }
}

static void dates_clocks_and_instants(void **state)
{
    (void)state;
    struct zone *z = zone_load("America/Toronto", NULL, 0);
    assert_non_null(z);
    int64_t v;
    int sod;
    assert_true(frabtime_date("2026-12-08", &v));
    assert_int_equal(v, 20795);
    assert_false(frabtime_date("2026-02-30", &v));
    assert_false(frabtime_date("2026-1-08", &v));
    assert_true(frabtime_clock("9:05", &sod));
    assert_int_equal(sod, 9 * H + 5 * MIN);
    assert_true(frabtime_clock("23:59:59", &sod));
    assert_false(frabtime_clock("24:00", &sod));
    assert_false(frabtime_clock("09:5", &sod));
    assert_false(frabtime_clock(" 09:05", &sod));
    assert_true(frabtime_instant(z, "2026-12-08T09:00:00+01:00", &v));
    assert_int_equal(v, utc(2026, 12, 8, 8, 0));
    assert_true(frabtime_instant(z, "2026-12-08T09:00", &v));
    assert_int_equal(v, utc(2026, 12, 8, 14, 0));
    assert_true(frabtime_instant(z, "2026-12-08 09:00:30.25", &v));
    assert_int_equal(v, utc(2026, 12, 8, 14, 0) + 30);
    assert_false(frabtime_instant(z, "2026-12-08T09:00:00+0100", &v));
    assert_false(frabtime_instant(z, "2026-12-08", &v));
    assert_false(frabtime_instant(z, "2026-12-08T25:00", &v));
    zone_free(z);
}

/* --- problems ---------------------------------------------------------------------------- */

static const char PROBLEMATIC[] =
    "{\"schedule\": {\"conference\": {\"time_zone_name\": \"Mars/Olympus\", "
    "\"tracks\": {\"a\": 1}, \"rooms\": [{\"guid\": \"x\"}, 7], \"days\": [3, "
    "{\"index\": 1, \"date\": \"2026-12-32\", \"day_start\": \"yesterday\", \"rooms\": {"
    "\"Hall\": [{\"start\": \"09:00\", \"duration\": \"00:30\"},"
    " {\"title\": \"Bad duration\", \"start\": \"09:00\", \"duration\": \"90\"},"
    " {\"title\": \"No start\", \"duration\": \"00:30\"},"
    " {\"title\": \"Bad date\", \"date\": 5, \"start\": \"9h\", \"duration\": \"00:30\"},"
    " {\"title\": \"No day date\", \"start\": \"10:00\", \"duration\": \"00:30\"},"
    " {\"title\": \"Kept\", \"date\": \"2026-12-08T10:00:00-05:00\", \"duration\": \"00:30\","
    "  \"language\": \"fran\\u00e7ais\", \"title2\": 1, \"subtitle\": 5}, \"a string\"],"
    "\"Empty\": {}}}]}}}";

static void every_problem_is_reported_with_its_path(void **state)
{
    (void)state;
    struct problems pr;
    struct programme *p = parse(PROBLEMATIC, strlen(PROBLEMATIC), &pr);
    assert_non_null(p);
    if (pr.errors) print_problems(&pr);
    assert_int_equal(pr.errors, 0);
    const char *hall = "schedule.conference.days[1].rooms[\"Hall\"]";
    char at[TEXT_LEN];
    const struct {
        const char *path, *msg;
    } want[] = {
        {"schedule.conference.time_zone_name",
         "\"Mars/Olympus\": unknown time zone (cannot read /usr/share/zoneinfo/Mars/Olympus: No "
         "such file or directory); using America/Toronto"},
        {"schedule.conference.tracks", "expected an array of tracks; ignored"},
        {"schedule.conference.rooms[0]", "a room without a name; ignored"},
        {"schedule.conference.rooms[1]", "a room without a name; ignored"},
        {"schedule.conference.days[0]", "expected a day (an object); ignored"},
        {"schedule.conference.days[1].date", "expected a date such as \"2026-12-08\"; ignored"},
        {"schedule.conference.days[1].day_start", "invalid date-time \"yesterday\"; ignored"},
        {"[0].title", "missing or empty title; talk skipped"},
        {"[1].duration", "invalid duration \"90\" (expected a duration such as \"00:45\" or "
                         "\"1:00:00\", up to 7 days); talk skipped"},
        {"[2].start", "missing required field (expected a time such as \"09:30\"); talk skipped"},
        {"[3].date", "expected a date-time such as \"2026-12-08T09:30:00-05:00\"; using "
                     "\"start\""},
        {"[3].start", "invalid time \"9h\" (expected a time such as \"09:30\"); talk skipped"},
        {"[4].start", "no \"date\" on the talk or its day; talk skipped"},
        {"[5].subtitle", "expected a string; ignored"},
        {"[5].language", "invalid language tag \"français\"; ignored"},
        {"[6]", "expected a talk (an object); talk skipped"},
        {"schedule.conference.days[1].rooms[\"Empty\"]", "expected an array of talks; ignored"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        if (want[i].path[0] == '[')
            snprintf(at, sizeof at, "%s%s", hall, want[i].path);
        else
            snprintf(at, sizeof at, "%s", want[i].path);
        if (!has_problem(&pr, PROGRAMME_WARNING, at, want[i].msg)) {
            print_problems(&pr);
            fail_msg("missing: %s: %s", at, want[i].msg);
        }
    }
    assert_int_equal(pr.total, sizeof want / sizeof *want);
    assert_int_equal(programme_talk_count(p), 1);
    assert_string_equal(programme_talk(p, 0)->title, "Kept");
    programme_free(p);
}

static void reject(const char *json, size_t len, const char *path, const char *msg)
{
    struct problems pr;
    struct programme *p = parse(json, len, &pr);
    assert_null(p);
    assert_true(pr.errors >= 1);
    if (!has_problem(&pr, PROGRAMME_ERROR, path, msg)) {
        print_problems(&pr);
        fail_msg("missing error: %s: %s", path, msg);
    }
}

static void unusable_exports_are_rejected_with_a_reason(void **state)
{
    (void)state;
    reject("", 0, "", "not JSON: '[' or '{' expected near end of file (line 1, column 0)");
    reject("{\"schedule\": ", 13, "",
           "not JSON: unexpected token near end of file (line 1, column 13)");
    reject("[1]", 3, "schedule",
           "missing: not a schedule export (expected {\"schedule\": {\"conference\": ...}})");
    reject("{\"vitrine\": 1}", 14, "schedule",
           "missing: not a schedule export (expected {\"schedule\": {\"conference\": ...}})");
    reject("{\"schedule\": {}}", 16, "schedule.conference",
           "missing or not an object: not a schedule export");
    reject("{\"schedule\": {\"conference\": {}}}", 32, "schedule.conference.days",
           "missing or not an array: no talks");
    const char *empty = "{\"schedule\": {\"conference\": {\"days\": [{\"rooms\": {}}]}}}";
    reject(empty, strlen(empty), "schedule.conference.days", "no usable talk in the export");
    reject(NULL, 0, "", "not JSON: '[' or '{' expected near end of file (line 1, column 0)");
    struct problems pr;
    assert_null(programme_load_file("/nonexistent/schedule.json", NULL, collect, &pr));
}

/* --- hostile documents -------------------------------------------------------------------- */

struct doc {
    char *s;
    size_t len, cap;
};

static void put(struct doc *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        d->cap = (d->len + n + 1) * 2;
        d->s = realloc(d->s, d->cap);
        assert_non_null(d->s);
    }
    memcpy(d->s + d->len, s, n);
    d->len += n;
    d->s[d->len] = '\0';
}

static void puts_(struct doc *d, const char *s)
{
    put(d, s, strlen(s));
}

static const char HEAD[] =
    "{\"schedule\": {\"conference\": {\"time_zone_name\": \"UTC\", \"days\": "
    "[{\"date\": \"2026-12-08\", \"rooms\": {\"Hall\": [";
static const char TAIL[] = "]}}]}}}";

static void a_hundred_thousand_talks_are_capped(void **state)
{
    (void)state;
    struct doc d = {0};
    puts_(&d, HEAD);
    for (int i = 0; i < 100000; i++) {
        char ev[128];
        snprintf(ev, sizeof ev,
                 "%s{\"title\": \"T%d\", \"start\": \"%02d:%02d\", \"duration\": "
                 "\"00:01\"}",
                 i ? "," : "", i, (i / 60) % 24, i % 60);
        puts_(&d, ev);
    }
    puts_(&d, TAIL);
    struct problems pr;
    struct programme *p = parse(d.s, d.len, &pr);
    assert_non_null(p);
    assert_int_equal(programme_talk_count(p), PROGRAMME_MAX_TALKS);
    assert_int_equal(pr.total, 1);
    assert_string_equal(pr.path[0], "schedule.conference.days[0].rooms[\"Hall\"][5000]");
    assert_string_equal(pr.msg[0], "more than 5000 talks; the rest are skipped");
    programme_free(p);
    free(d.s);
}

static void megabyte_strings_are_cut_at_a_character(void **state)
{
    (void)state;
    struct doc d = {0};
    puts_(&d, HEAD);
    puts_(&d, "{\"start\": \"09:00\", \"duration\": \"00:30\", \"title\": \"a");
    for (size_t i = 0; i < 2 * MB; i++) /* "é" is two bytes: an odd cap falls inside one */
        put(&d, "\xc3\xa9", 2);
    puts_(&d, "\", \"persons\": [{\"public_name\": \"");
    for (size_t i = 0; i < MB; i++)
        put(&d, "x", 1);
    puts_(&d, "\"}]}");
    puts_(&d, TAIL);
    struct problems pr;
    struct programme *p = parse(d.s, d.len, &pr);
    assert_non_null(p);
    const char *title = programme_talk(p, 0)->title;
    assert_int_equal(strlen(title), PROGRAMME_MAX_TITLE - 1); /* 'a' + 255 x "é" */
    assert_int_equal((unsigned char)title[strlen(title) - 1], 0xa9);
    assert_int_equal(strlen(programme_talk(p, 0)->speakers), PROGRAMME_MAX_NAME);
    assert_true(has_problem(&pr, PROGRAMME_WARNING,
                            "schedule.conference.days[0].rooms[\"Hall\"][0].title",
                            "longer than 512 bytes; cut"));
    programme_free(p);

    /* Ten megabytes: over the document limit before any parsing. */
    d.len = 0;
    puts_(&d, HEAD);
    puts_(&d, "{\"start\": \"09:00\", \"duration\": \"00:30\", \"title\": \"");
    for (size_t i = 0; i < 10 * MB; i++)
        put(&d, "y", 1);
    puts_(&d, "\"}");
    puts_(&d, TAIL);
    char msg[TEXT_LEN];
    snprintf(msg, sizeof msg, "the export is %zu bytes, over the 8 MB limit", d.len);
    reject(d.s, d.len, "", msg);
    free(d.s);
}

static void deep_nesting_is_rejected(void **state)
{
    (void)state;
    struct doc d = {0};
    puts_(&d, "{\"schedule\": {\"conference\": {\"days\": [], \"x\": ");
    for (int i = 0; i < 5000; i++)
        puts_(&d, "[");
    for (int i = 0; i < 5000; i++)
        puts_(&d, "]");
    puts_(&d, "}}}");
    struct problems pr;
    assert_null(parse(d.s, d.len, &pr));
    assert_int_equal(pr.errors, 1);
    d.len = 0;
    puts_(&d, HEAD);
    puts_(&d, "{\"start\": \"09:00\", \"duration\": \"00:30\", \"title\": \"t\", \"x\": ");
    for (int i = 0; i < PROGRAMME_MAX_DEPTH; i++)
        puts_(&d, "{\"a\": ");
    puts_(&d, "1");
    for (int i = 0; i < PROGRAMME_MAX_DEPTH; i++)
        puts_(&d, "}");
    puts_(&d, "}");
    puts_(&d, TAIL);
    reject(d.s, d.len, "", "nested deeper than 32 levels");
    free(d.s);
}

static void invalid_utf8_is_rejected_and_control_characters_dropped(void **state)
{
    (void)state;
    struct doc d = {0};
    puts_(&d, HEAD);
    puts_(&d, "{\"start\": \"09:00\", \"duration\": \"00:30\", \"title\": \"caf\xe9\"}");
    puts_(&d, TAIL);
    struct problems pr;
    assert_null(parse(d.s, d.len, &pr));
    assert_int_equal(pr.errors, 1);
    assert_non_null(strstr(pr.msg[0], "not JSON: unable to decode byte 0xe9"));

    d.len = 0;
    puts_(&d, HEAD);
    puts_(&d, "{\"start\": \"09:00\", \"duration\": \"00:30\", \"title\": \"  a\\u0000b\\u001b[31m"
              "c\\u0085d\\u2028e\\u007f  \\r\\n  f \"}, {\"start\": \"10:00\", \"duration\": "
              "\"00:30\", \"title\": \"\\u0001\\u0002 \"}");
    puts_(&d, TAIL);
    struct programme *p = parse(d.s, d.len, &pr);
    assert_non_null(p);
    assert_int_equal(programme_talk_count(p), 1); /* nothing printable: no title */
    assert_string_equal(programme_talk(p, 0)->title, "ab[31mc d e f");
    programme_free(p);
    free(d.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_export_gives_rooms_days_and_talks_in_order),
        cmocka_unit_test(a_talk_after_midnight_belongs_to_its_day),
        cmocka_unit_test(talks_carry_speakers_tracks_colours_languages_and_ids),
        cmocka_unit_test(local_dates_and_bare_start_times_are_read_in_the_conference_zone),
        cmocka_unit_test(the_fall_back_night_keeps_both_one_thirties_apart),
        cmocka_unit_test(the_spring_forward_night_reads_the_missing_hour_as_after_the_jump),
        cmocka_unit_test(a_minimal_export_uses_the_fallback_zone_and_the_day_change),
        cmocka_unit_test(a_pretalx_export_reads_the_same),
        cmocka_unit_test(the_demo_export_reads_clean),
        cmocka_unit_test(durations_in_every_frab_spelling),
        cmocka_unit_test(dates_clocks_and_instants),
        cmocka_unit_test(every_problem_is_reported_with_its_path),
        cmocka_unit_test(unusable_exports_are_rejected_with_a_reason),
        cmocka_unit_test(a_hundred_thousand_talks_are_capped),
        cmocka_unit_test(megabyte_strings_are_cut_at_a_character),
        cmocka_unit_test(deep_nesting_is_rejected),
        cmocka_unit_test(invalid_utf8_is_rejected_and_control_characters_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
