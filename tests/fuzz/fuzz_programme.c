/* fuzz_programme — libFuzzer target for the schedule-export reader (programme.c, talk.c,
 * frabtime.c, jsonread.c) and the board queries over what it returns (sessions.c).
 *
 * Input: byte 0 picks the fallback zone (by value % 4: none, Toronto, Paris, a bad
 * name); the rest is the export. Every string the programme hands out is read to its
 * end and checked as one clean UTF-8 line within its limit; rooms, days and talks are
 * checked against the header's promises (order, indices, bounds); then the board is
 * asked about instants around every day boundary and the first talks' starts, and its
 * answers checked (now contains t, next starts later on the same day, next_change > t).
 * "NULL exactly when a PROGRAMME_ERROR was reported" holds too. libFuzzer's thread. */
#include "frabtime.h"
#include "programme.h"
#include "sessions.h"
#include "utf8_check.h"
#include "zone.h"

#include <stdint.h>
#include <string.h>

#define DURATION_INPUT 16 /* bytes given to frabtime_duration */
#define PROBE_TALKS    8  /* talks whose start is probed */

static const char *const zones[] = {NULL, "America/Toronto", "Europe/Paris", "No/Such_Zone"};

struct count {
    size_t errors;
};

static void count_report(void *ctx, enum programme_severity severity, const char *path,
                         const char *message)
{
    FUZZ_ASSERT(path != NULL && message != NULL && *message != '\0');
    for (const char *s = message; *s; s++)
        FUZZ_ASSERT((unsigned char)*s >= 0x20 && *s != 0x7f);
    for (const char *s = path; *s; s++)
        FUZZ_ASSERT((unsigned char)*s >= 0x20 && *s != 0x7f);
    if (severity == PROGRAMME_ERROR) ((struct count *)ctx)->errors++;
}

/* One clean line: valid UTF-8, no control character, no edge or double space. */
static void check_text(const char *s, size_t cap, bool optional)
{
    if (s == NULL) {
        FUZZ_ASSERT(optional);
        return;
    }
    const size_t n = strlen(s);
    FUZZ_ASSERT(n > 0 && n <= cap);
    FUZZ_ASSERT(utf8_check_valid(s, n));
    FUZZ_ASSERT(s[0] != ' ' && s[n - 1] != ' ' && strstr(s, "  ") == NULL);
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
}

static void check_talk(const struct programme *p, const struct programme_talk *t)
{
    FUZZ_ASSERT(t->room < programme_room_count(p));
    FUZZ_ASSERT(t->day < programme_day_count(p));
    FUZZ_ASSERT(t->duration >= 0 && t->duration <= FRABTIME_MAX_DURATION);
    FUZZ_ASSERT(t->end == t->start + t->duration);
    const struct programme_day *d = programme_day(p, t->day);
    FUZZ_ASSERT(d->start <= t->start && t->end <= d->end);
    check_text(t->title, PROGRAMME_MAX_TITLE, false);
    check_text(t->subtitle, PROGRAMME_MAX_TITLE, true);
    check_text(t->speakers, PROGRAMME_MAX_SPEAKERS, true);
    check_text(t->track, PROGRAMME_MAX_NAME, true);
    check_text(t->type, PROGRAMME_MAX_NAME, true);
    check_text(t->guid, PROGRAMME_MAX_NAME, true);
    check_text(t->id, PROGRAMME_MAX_NAME, true);
    check_text(t->language, PROGRAMME_MAX_NAME, true);
    FUZZ_ASSERT(!t->has_colour || t->colour <= 0xffffff);
}

static void walk(const struct programme *p)
{
    FUZZ_ASSERT(programme_zone(p) != NULL);
    (void)strlen(zone_name(programme_zone(p)));
    check_text(programme_title(p), PROGRAMME_MAX_TITLE, true);
    check_text(programme_acronym(p), PROGRAMME_MAX_NAME, true);
    check_text(programme_version(p), PROGRAMME_MAX_NAME, true);
    const size_t rooms = programme_room_count(p), days = programme_day_count(p);
    FUZZ_ASSERT(rooms >= 1 && rooms <= PROGRAMME_MAX_ROOMS);
    FUZZ_ASSERT(days >= 1 && days <= PROGRAMME_MAX_DAYS);
    for (size_t i = 0; i < rooms; i++) {
        check_text(programme_room(p, i)->name, PROGRAMME_MAX_NAME, false);
        check_text(programme_room(p, i)->guid, PROGRAMME_MAX_NAME, true);
    }
    for (size_t i = 0; i < days; i++) {
        const struct programme_day *d = programme_day(p, i);
        FUZZ_ASSERT(d->start <= d->end);
        FUZZ_ASSERT(i == 0 || programme_day(p, i - 1)->start <= d->start);
        if (d->date) FUZZ_ASSERT(strlen(d->date) == 10);
    }
    const size_t talks = programme_talk_count(p);
    FUZZ_ASSERT(talks >= 1 && talks <= PROGRAMME_MAX_TALKS);
    for (size_t i = 0; i < talks; i++) {
        check_talk(p, programme_talk(p, i));
        FUZZ_ASSERT(i == 0 || programme_talk(p, i - 1)->start <= programme_talk(p, i)->start);
    }
}

static void check_board(const struct programme *p, int64_t t)
{
    struct sessions_view v;
    sessions_at(p, t, NULL, 0, SESSIONS_MAX_NEXT, &v);
    FUZZ_ASSERT(v.next_change > t);
    FUZZ_ASSERT(v.n_rooms == programme_room_count(p));
    FUZZ_ASSERT((v.state == SESSIONS_ENDED) == (v.day == SESSIONS_NO_DAY));
    FUZZ_ASSERT((v.state == SESSIONS_RESUMES) == (v.resumes != NULL));
    if (v.resumes) FUZZ_ASSERT(v.resumes->start > t && v.resumes->day == v.day);
    for (size_t r = 0; r < v.n_rooms; r++) {
        const struct sessions_room *room = &v.rooms[r];
        FUZZ_ASSERT(room->n_next <= SESSIONS_MAX_NEXT);
        if (room->now) {
            FUZZ_ASSERT(v.state == SESSIONS_RUNNING);
            FUZZ_ASSERT(room->now->start <= t && t < room->now->end);
            FUZZ_ASSERT(room->now->room == room->room && room->now->day == v.day);
        }
        for (size_t i = 0; i < room->n_next; i++) {
            const struct programme_talk *n = room->next[i];
            FUZZ_ASSERT(n->start > t && n->room == room->room && n->day == v.day);
            FUZZ_ASSERT(i == 0 || room->next[i - 1]->start <= n->start);
            const int in = sessions_starts_in(n, t);
            FUZZ_ASSERT(in >= 0 && in <= SESSIONS_SOON_S / 60);
        }
    }
}

static void probe(const struct programme *p)
{
    for (size_t i = 0; i < programme_day_count(p); i++) {
        const struct programme_day *d = programme_day(p, i);
        check_board(p, d->start - 1);
        check_board(p, d->start);
        check_board(p, d->end - 1);
        check_board(p, d->end);
    }
    for (size_t i = 0; i < programme_talk_count(p) && i < PROBE_TALKS; i++) {
        const struct programme_talk *t = programme_talk(p, i);
        check_board(p, t->start - SESSIONS_SOON_S);
        check_board(p, t->start - 1);
        check_board(p, t->start);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    char dur[DURATION_INPUT + 1];
    const size_t n = size - 1 < DURATION_INPUT ? size - 1 : DURATION_INPUT;
    memcpy(dur, data + 1, n);
    dur[n] = '\0';
    int32_t seconds = -1;
    if (frabtime_duration(dur, &seconds))
        FUZZ_ASSERT(seconds >= 0 && seconds <= FRABTIME_MAX_DURATION);

    struct count count = {0};
    struct programme *p =
        programme_parse((const char *)data + 1, size - 1, zones[data[0] % 4], count_report, &count);
    FUZZ_ASSERT((p == NULL) == (count.errors > 0));
    if (p) {
        walk(p);
        probe(p);
        programme_free(p);
    }
    return 0;
}
