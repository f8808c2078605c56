/* board — the design of a sessions slide: a conference's programme as a venue shows it,
 * laid out for one instant. A table of rooms (room, the talk now, the next one) on a
 * landscape screen, a stack of room cards on a portrait one, or one room large when the
 * slide shows a single room; "in N min" for a talk about to start, speakers, the track's
 * colour, the talk's language, the organiser's badges (full, cancelled, moved), and once
 * the day is over "the programme resumes tomorrow at ..." with the next day's first
 * talks. Pure, like layout.c (text measured through struct text_metrics); render thread. */
#ifndef VITRINE_BOARD_H
#define VITRINE_BOARD_H

#include "layout.h"

#include <stdbool.h>
#include <stdint.h>

struct programme;

/* Lays sessions slide s of feed out in language lang for unix time t from programme p
 * (stale: a cached copy the network failed to refresh, marked on the board).
 * *next_change receives the first instant after t at which the board must be laid out
 * again (a talk starts or ends, the "in N min" count moves, the day turns). */
void layout_board(struct slide_layout *out, const struct feed *feed, const struct slide *s,
                  size_t lang, const struct programme *p, bool stale, int64_t t, int w, int h,
                  int overscan, const struct text_metrics *m, int64_t *next_change);

#endif
