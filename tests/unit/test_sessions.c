/* Unit tests for sessions.c (what the sessions board shows at a time) and roomstatus.c
 * (the feed's full/cancelled/moved badges), on tests/programme/conference.json: two days
 * in Toronto, the first running past midnight. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "programme.h"
#include "roomstatus.h"
#include "sessions.h"
#include "zone.h"

#define H   3600
#define MIN 60

static struct programme *prog;

static int setup(void **state)
{
    (void)state;
    char path[1024];
    const char *dir = getenv("VITRINE_TEST_DATA");
    snprintf(path, sizeof path, "%s/programme/conference.json", dir ? dir : "tests");
    prog = programme_load_file(path, NULL, NULL, NULL);
    return prog ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    programme_free(prog);
    return 0;
}

static int64_t est(int mo, int d, int h, int mi) /* 2026, Toronto winter time */
{
    return zone_civil(2026, mo, d, (h + 5) * H + mi * MIN);
}

static const char *title(const struct programme_talk *t)
{
    return t ? t->title : "(none)";
}

static struct sessions_view at(int64_t t)
{
    struct sessions_view v;
    sessions_at(prog, t, NULL, 0, 3, &v);
    return v;
}

static void before_the_conference_the_programme_resumes_at_its_first_talk(void **state)
{
    (void)state;
    const struct sessions_view v = at(est(12, 1, 7, 0));
    assert_int_equal(v.state, SESSIONS_RESUMES);
    assert_int_equal(v.day, 0);
    assert_string_equal(title(v.resumes), "Ouverture de la conférence ALL IN 2026");
    assert_int_equal(v.n_rooms, 3);
    assert_null(v.rooms[0].now);
    assert_int_equal(v.rooms[0].n_next, 3);
    assert_string_equal(title(v.rooms[0].next[1]),
                        "Keynote: Responsible AI from the lab to the market");
    assert_int_equal(v.rooms[2].n_next, 1);
    assert_string_equal(title(v.rooms[2].next[0]), "Lunch / Dîner");
    /* The first change: when the first day begins (its day_start, 08:00). */
    assert_int_equal(v.next_change, est(12, 8, 8, 0));
}

static void in_the_morning_a_talk_about_to_start_counts_down(void **state)
{
    (void)state;
    struct sessions_view v = at(est(12, 8, 8, 50));
    assert_int_equal(v.state, SESSIONS_RUNNING);
    assert_int_equal(v.day, 0);
    assert_null(v.rooms[0].now);
    assert_int_equal(sessions_starts_in(v.rooms[0].next[0], est(12, 8, 8, 50)), 10);
    assert_int_equal(sessions_starts_in(v.rooms[1].next[0], est(12, 8, 8, 50)), 0); /* 40 min */
    assert_int_equal(v.next_change, est(12, 8, 8, 51));                             /* "in 9 min" */

    v = at(est(12, 8, 9, 10));
    assert_string_equal(title(v.rooms[0].now), "Ouverture de la conférence ALL IN 2026");
    assert_string_equal(title(v.rooms[0].next[0]),
                        "Keynote: Responsible AI from the lab to the market");
    assert_int_equal(sessions_starts_in(v.rooms[1].next[0], est(12, 8, 9, 10)), 20);
    assert_null(v.rooms[2].now);
}

static void after_midnight_the_first_day_goes_on(void **state)
{
    (void)state;
    struct sessions_view v = at(est(12, 9, 0, 45));
    assert_int_equal(v.state, SESSIONS_RUNNING);
    assert_int_equal(v.day, 0);
    assert_null(v.rooms[0].now); /* the late session ended at 00:30 */
    assert_string_equal(title(v.rooms[0].next[0]), "After midnight: a talk of the first day");
    assert_int_equal(v.rooms[0].n_next, 1); /* nothing of day two */
    assert_int_equal(v.rooms[1].n_next, 0);
    v = at(est(12, 9, 1, 10));
    assert_string_equal(title(v.rooms[0].now), "After midnight: a talk of the first day");
}

static void when_the_days_talks_are_over_the_board_says_when_it_resumes(void **state)
{
    (void)state;
    const struct sessions_view v = at(est(12, 9, 2, 0));
    assert_int_equal(v.state, SESSIONS_RESUMES);
    assert_int_equal(v.day, 1);
    assert_string_equal(title(v.resumes), "Day two opening");
    assert_string_equal(title(v.rooms[0].next[0]), "Day two opening");
    assert_string_equal(title(v.rooms[0].next[1]), "Panel: G7 and AI");
    assert_string_equal(title(v.rooms[1].next[0]), "A date without an offset");
    assert_string_equal(title(v.rooms[2].next[0]), "Only a start time");
    /* The next morning the second day runs from its day_start (08:00). */
    const struct sessions_view m = at(est(12, 9, 8, 30));
    assert_int_equal(m.state, SESSIONS_RUNNING);
    assert_int_equal(m.day, 1);
    assert_int_equal(sessions_starts_in(m.rooms[0].next[0], est(12, 9, 8, 30)), 30);
}

static void after_the_last_talk_the_board_has_ended(void **state)
{
    (void)state;
    const struct sessions_view v = at(est(12, 10, 9, 0));
    assert_int_equal(v.state, SESSIONS_ENDED);
    assert_int_equal(v.day, SESSIONS_NO_DAY);
    assert_null(v.resumes);
    for (size_t r = 0; r < v.n_rooms; r++) {
        assert_null(v.rooms[r].now);
        assert_int_equal(v.rooms[r].n_next, 0);
    }
    assert_int_equal(v.next_change, INT64_MAX);
}

static void rooms_follow_the_filter_in_its_order(void **state)
{
    (void)state;
    const char *const rooms[] = {"agora", "Nowhere", "SALLE 511", "Agora", NULL};
    struct sessions_view v;
    sessions_at(prog, est(12, 8, 11, 30), rooms, 5, 99, &v);
    assert_int_equal(v.n_rooms, 2);
    assert_string_equal(programme_room(prog, v.rooms[0].room)->name, "Agora");
    assert_string_equal(programme_room(prog, v.rooms[1].room)->name, "Salle 511");
    assert_string_equal(title(v.rooms[1].now), "Research talk with a line break and a tab");
    /* Only Agora: its day is over after lunch while Salle A still runs. */
    sessions_at(prog, est(12, 8, 13, 30), rooms, 1, 1, &v);
    assert_int_equal(v.state, SESSIONS_RESUMES);
    assert_string_equal(title(v.resumes), "Only a start time");
    assert_int_equal(v.rooms[0].n_next, 1);
}

static bool same_view(const struct sessions_view *a, const struct sessions_view *b, int64_t ta,
                      int64_t tb)
{
    if (a->state != b->state || a->day != b->day || a->resumes != b->resumes ||
        a->n_rooms != b->n_rooms)
        return false;
    for (size_t r = 0; r < a->n_rooms; r++) {
        const struct sessions_room *x = &a->rooms[r], *y = &b->rooms[r];
        if (x->now != y->now || x->n_next != y->n_next) return false;
        for (size_t i = 0; i < x->n_next; i++)
            if (x->next[i] != y->next[i] ||
                sessions_starts_in(x->next[i], ta) != sessions_starts_in(y->next[i], tb))
                return false;
    }
    return true;
}

/* Minute by minute over the whole conference: the view changes only at the instants
 * next_change announced, so a board that sleeps until then misses nothing. */
static void the_view_changes_only_when_announced(void **state)
{
    (void)state;
    const int64_t from = est(12, 7, 20, 0), to = est(12, 10, 2, 0);
    struct sessions_view prev = at(from), cur;
    int64_t announced = prev.next_change;
    size_t changes = 0;
    for (int64_t t = from + MIN; t < to; t += MIN) {
        cur = at(t);
        if (!same_view(&prev, &cur, t - MIN, t)) {
            assert_true(t >= announced);
            assert_int_equal(t, announced);
            changes++;
        }
        if (t >= announced) announced = cur.next_change;
        assert_true(cur.next_change > t);
        prev = cur;
    }
    assert_true(changes > 30);
}

static void sessions_starts_in_counts_whole_minutes_up(void **state)
{
    (void)state;
    const struct programme_talk t = {.title = "x", .start = 10000, .end = 12000};
    assert_int_equal(sessions_starts_in(&t, 10000 - SESSIONS_SOON_S - 1), 0);
    assert_int_equal(sessions_starts_in(&t, 10000 - SESSIONS_SOON_S), 30);
    assert_int_equal(sessions_starts_in(&t, 10000 - 61), 2);
    assert_int_equal(sessions_starts_in(&t, 10000 - 60), 1);
    assert_int_equal(sessions_starts_in(&t, 9999), 1);
    assert_int_equal(sessions_starts_in(&t, 10000), 0);
}

static void room_status_names_its_states(void **state)
{
    (void)state;
    enum roomstatus_state s;
    assert_true(roomstatus_parse_state("full", &s));
    assert_int_equal(s, ROOMSTATUS_FULL);
    assert_true(roomstatus_parse_state("Cancelled", &s));
    assert_int_equal(s, ROOMSTATUS_CANCELLED);
    assert_true(roomstatus_parse_state("canceled", &s));
    assert_int_equal(s, ROOMSTATUS_CANCELLED);
    assert_true(roomstatus_parse_state("moved", &s));
    assert_int_equal(s, ROOMSTATUS_MOVED);
    assert_false(roomstatus_parse_state("closed", &s));
    assert_false(roomstatus_parse_state(NULL, &s));
    assert_string_equal(roomstatus_state_name(ROOMSTATUS_CANCELLED), "cancelled");
}

static const struct programme_talk *talk_titled(const char *t)
{
    for (size_t i = 0; i < programme_talk_count(prog); i++)
        if (strcmp(programme_talk(prog, i)->title, t) == 0) return programme_talk(prog, i);
    fail_msg("no talk %s", t);
    return NULL;
}

static void a_talk_status_wins_over_its_rooms_and_the_last_entry_wins(void **state)
{
    (void)state;
    const struct roomstatus list[] = {
        {"Salle 511", NULL, ROOMSTATUS_FULL, NULL, NULL},
        {NULL, "101", ROOMSTATUS_CANCELLED, NULL, NULL},
        {NULL, "6a1f0c2e-0000-4000-8000-000000000102", ROOMSTATUS_MOVED, "Agora", NULL},
        {"salle 511", NULL, ROOMSTATUS_CANCELLED, NULL, NULL},
    };
    const size_t n = sizeof list / sizeof *list;
    const struct programme_talk *opening = talk_titled("Ouverture de la conférence ALL IN 2026");
    const struct programme_talk *keynote =
        talk_titled("Keynote: Responsible AI from the lab to the market");
    const struct programme_talk *atelier = talk_titled("Atelier : gouvernance des données");
    const struct programme_talk *lunch = talk_titled("Lunch / Dîner");
    assert_ptr_equal(roomstatus_find(list, n, opening, "Salle A / Hall A"), &list[1]); /* id */
    const struct roomstatus *moved = roomstatus_find(list, n, keynote, "Salle A / Hall A");
    assert_ptr_equal(moved, &list[2]); /* by guid */
    assert_string_equal(moved->moved_to, "Agora");
    assert_ptr_equal(roomstatus_find(list, n, atelier, "Salle 511"), &list[3]);
    assert_null(roomstatus_find(list, n, lunch, "Agora"));
    assert_ptr_equal(roomstatus_find_room(list, n, "SALLE 511"), &list[3]);
    assert_null(roomstatus_find_room(list, n, "Agora"));
    assert_null(roomstatus_find(list, 0, opening, "Salle A / Hall A"));
    /* A talk without guid or id can only get its room's status. */
    const struct programme_talk *bare = talk_titled("Only a start time");
    assert_null(bare->guid);
    assert_null(roomstatus_find(list, n, bare, "Agora"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(before_the_conference_the_programme_resumes_at_its_first_talk),
        cmocka_unit_test(in_the_morning_a_talk_about_to_start_counts_down),
        cmocka_unit_test(after_midnight_the_first_day_goes_on),
        cmocka_unit_test(when_the_days_talks_are_over_the_board_says_when_it_resumes),
        cmocka_unit_test(after_the_last_talk_the_board_has_ended),
        cmocka_unit_test(rooms_follow_the_filter_in_its_order),
        cmocka_unit_test(the_view_changes_only_when_announced),
        cmocka_unit_test(sessions_starts_in_counts_whole_minutes_up),
        cmocka_unit_test(room_status_names_its_states),
        cmocka_unit_test(a_talk_status_wins_over_its_rooms_and_the_last_entry_wins),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
