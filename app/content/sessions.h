/* sessions — what a sessions board shows at wall time t: per room the talk running now
 * and the next ones of the same conference day, "starts in N min" for a talk about to
 * begin, "the programme resumes at ..." once the day's talks are over, and the next
 * instant at which any of that changes, so the board follows the clock by itself and
 * the render loop knows when to wake. A pure function of (programme, t, rooms): screens
 * showing one programme agree. Any thread. */
#ifndef VITRINE_SESSIONS_H
#define VITRINE_SESSIONS_H

#include "programme.h"

#include <stddef.h>
#include <stdint.h>

#define SESSIONS_SOON_S   (30 * 60) /* seconds: a talk starting within this is "in N min" */
#define SESSIONS_MAX_NEXT 4         /* following talks listed per room */
#define SESSIONS_NO_DAY   SIZE_MAX

enum sessions_state {
    SESSIONS_RUNNING, /* a conference day with talks still running or to come */
    SESSIONS_RESUMES, /* before the first talk, or the day's talks are over: see resumes */
    SESSIONS_ENDED,   /* no talk left in these rooms: the slide drops out */
};

struct sessions_room {
    size_t room;                                          /* index into the programme's rooms */
    const struct programme_talk *now;                     /* running at t, or NULL */
    const struct programme_talk *next[SESSIONS_MAX_NEXT]; /* same day, in time order */
    size_t n_next;
};

struct sessions_view {
    enum sessions_state state;
    size_t day; /* index of the day shown: the running day, or the day that resumes;
                   SESSIONS_NO_DAY when ENDED */
    const struct programme_talk *resumes; /* RESUMES: the first talk of that day */
    /* The rooms in the filter's order (else export order). RUNNING: now and next of the
     * day; RESUMES: next holds the first talks of the resuming day; ENDED: empty. */
    size_t n_rooms;
    struct sessions_room rooms[PROGRAMME_MAX_ROOMS];
    int64_t next_change; /* first instant after t at which the view may differ, or
                            INT64_MAX */
};

/* The board at unix time t for the rooms named in rooms[0..n_rooms) (compared without
 * regard to ASCII case; names the programme lacks are left out), or for every room when
 * n_rooms is 0. max_next (at most SESSIONS_MAX_NEXT) following talks per room. */
void sessions_at(const struct programme *p, int64_t t, const char *const *rooms, size_t n_rooms,
                 size_t max_next, struct sessions_view *out);

/* Minutes until talk starts, rounded up (1-30), when it starts within SESSIONS_SOON_S
 * after t; 0 otherwise (already started, or later). The label is the renderer's. */
int sessions_starts_in(const struct programme_talk *talk, int64_t t);

#endif
