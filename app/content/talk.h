/* talk — one event of a schedule export (an object in days[].rooms["Room"]) read into a
 * struct programme_talk: title, times, speakers, track and colour, language, ids. Part of
 * the programme reader; pure, any thread. */
#ifndef VITRINE_TALK_H
#define VITRINE_TALK_H

#include "programme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_t;
struct jsonread;
struct zone;

/* What the day a talk is listed under says, for talks whose "date" has no offset. */
struct talk_day {
    bool has_date, has_start, has_end;
    int64_t date_days;  /* local days since 1970 of the day's "date" */
    int64_t start, end; /* unix seconds of "day_start" and "day_end" when given */
};

struct talk_track {
    const char *name;
    uint32_t colour; /* 0xRRGGBB */
    bool has_colour;
};

struct talk_env {
    struct jsonread *r;
    const struct zone *zone; /* the conference zone */
    const struct talk_track *tracks;
    size_t n_tracks;
};

/* Reads event ev found at JSON location path into *out (room and day are left for the
 * caller). False, with the reason reported, when the talk is unusable: no title, no
 * usable duration, or no way to know when it starts. */
bool talk_parse(const struct talk_env *env, const struct json_t *ev, const char *path,
                const struct talk_day *day, struct programme_talk *out);

#endif
