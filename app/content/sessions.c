/* sessions — the board's state at a time (see sessions.h). Talks come sorted by start,
 * so one pass over them answers each question; a programme has at most
 * PROGRAMME_MAX_TALKS, so a pass per redraw costs microseconds. */
#include "sessions.h"

#include <string.h>
#include <strings.h>

#define S_PER_MIN 60

struct board {
    const struct programme *p;
    int64_t t;
    size_t max_next;
    size_t slot[PROGRAMME_MAX_ROOMS]; /* room -> index in the view, or SIZE_MAX */
};

static void choose_rooms(struct board *b, const char *const *names, size_t n,
                         struct sessions_view *out)
{
    const size_t rooms = programme_room_count(b->p);
    for (size_t r = 0; r < PROGRAMME_MAX_ROOMS; r++)
        b->slot[r] = SIZE_MAX;
    for (size_t k = 0; k < (n ? n : rooms); k++)
        for (size_t r = 0; r < rooms; r++) {
            const bool wanted =
                n ? names[k] && strcasecmp(names[k], programme_room(b->p, r)->name) == 0 : r == k;
            if (!wanted || b->slot[r] != SIZE_MAX) continue;
            b->slot[r] = out->n_rooms;
            out->rooms[out->n_rooms++].room = r;
        }
}

static bool shown(const struct board *b, const struct programme_talk *talk)
{
    return b->slot[talk->room] != SIZE_MAX;
}

/* Now and next of day `day` in every room of the view. */
static void fill_day(const struct board *b, size_t day, struct sessions_view *out)
{
    for (size_t i = 0; i < programme_talk_count(b->p); i++) {
        const struct programme_talk *talk = programme_talk(b->p, i);
        if (!shown(b, talk) || talk->day != day) continue;
        struct sessions_room *room = &out->rooms[b->slot[talk->room]];
        if (talk->start <= b->t && b->t < talk->end)
            room->now = talk; /* overlapping talks: the one that began last */
        else if (talk->start > b->t && room->n_next < b->max_next)
            room->next[room->n_next++] = talk;
    }
}

static void consider(int64_t t, int64_t c, int64_t *best)
{
    if (c > t && c < *best) *best = c;
}

/* Every instant the view can change at: talk starts and ends, each minute of the last
 * half hour before a start (the "in N min" count), and the day boundaries. */
static int64_t next_change(const struct board *b)
{
    int64_t best = INT64_MAX;
    const int64_t t = b->t;
    for (size_t i = 0; i < programme_talk_count(b->p); i++) {
        const struct programme_talk *talk = programme_talk(b->p, i);
        if (!shown(b, talk)) continue;
        consider(t, talk->end, &best);
        consider(t, talk->start, &best);
        if (t < talk->start - SESSIONS_SOON_S) {
            consider(t, talk->start - SESSIONS_SOON_S, &best);
        } else if (t < talk->start) {
            const int64_t minutes = (talk->start - t + S_PER_MIN - 1) / S_PER_MIN;
            consider(t, talk->start - (minutes - 1) * S_PER_MIN, &best);
        }
        if (talk->start - SESSIONS_SOON_S > best) break; /* sorted: later talks come later */
    }
    for (size_t d = 0; d < programme_day_count(b->p); d++) {
        consider(t, programme_day(b->p, d)->start, &best);
        consider(t, programme_day(b->p, d)->end, &best);
    }
    return best;
}

/* The conference day t falls in: the last one to have started. */
static size_t current_day(const struct programme *p, int64_t t)
{
    size_t day = SESSIONS_NO_DAY;
    for (size_t d = 0; d < programme_day_count(p); d++)
        if (programme_day(p, d)->start <= t) day = d;
    return day;
}

void sessions_at(const struct programme *p, int64_t t, const char *const *rooms, size_t n_rooms,
                 size_t max_next, struct sessions_view *out)
{
    struct board b = {p, t, max_next < SESSIONS_MAX_NEXT ? max_next : SESSIONS_MAX_NEXT, {0}};
    memset(out, 0, sizeof *out);
    out->state = SESSIONS_ENDED;
    out->day = SESSIONS_NO_DAY;
    choose_rooms(&b, rooms, n_rooms, out);
    const size_t today = current_day(p, t);
    const struct programme_talk *upcoming = NULL, *elsewhere = NULL;
    bool running = false;
    for (size_t i = 0; i < programme_talk_count(p); i++) {
        const struct programme_talk *talk = programme_talk(p, i);
        if (!shown(&b, talk)) continue;
        running = running || (talk->day == today && talk->end > t);
        if (talk->start <= t && t < talk->end) elsewhere = talk; /* of an overlapping day */
        if (!upcoming && talk->start > t) upcoming = talk;
    }
    if (running || elsewhere) {
        out->state = SESSIONS_RUNNING;
        out->day = running ? today : elsewhere->day;
    } else if (upcoming) {
        out->state = SESSIONS_RESUMES;
        out->day = upcoming->day;
        out->resumes = upcoming;
    }
    if (out->day != SESSIONS_NO_DAY) fill_day(&b, out->day, out);
    out->next_change = next_change(&b);
}

int sessions_starts_in(const struct programme_talk *talk, int64_t t)
{
    const int64_t r = talk->start - t;
    if (r <= 0 || r > SESSIONS_SOON_S) return 0;
    return (int)((r + S_PER_MIN - 1) / S_PER_MIN);
}
