/* badge — the pills on the sessions board: a talk's language tag and the organiser's
 * room status (FULL, CANCELLED, MOVED → where), drawn into a draft at body size, each as
 * wide as its text and never a destination cut short. Internal to the board. Pure;
 * render thread. */
#ifndef VITRINE_BADGE_H
#define VITRINE_BADGE_H

#include "draft.h"
#include "roomstatus.h"

#include <stdbool.h>
#include <stddef.h>

/* Where pills go and how big: the draft, the body size in pixels, the feed language
 * index (for a status note's text). */
struct badge_at {
    struct draft *c;
    int size;
    size_t lang;
};

/* The width a pill of text takes. */
int badge_pill_width(const struct badge_at *at, const char *text);

/* Draws a pill of text at (x, y) (fg on bg), as tall as a body line; returns its width
 * (0 when it does not fit before right). text must outlive the layout (draft_keep). */
int badge_pill(const struct badge_at *at, const char *text, int x, int y, int right, unsigned bg,
               unsigned fg);

/* The badge for st at (x, y): its roomiest text that fits before right, from variant
 * first on (0: with the note, "FULL · streamed in the Agora"; 1: without it, "MOVED →
 * Agora"; 2: the state's word alone). Returns its width. */
int badge_draw(const struct badge_at *at, const struct roomstatus *st, int first, int x, int y,
               int right);

/* True when a tag tag_w wide at x must give way so that st's badge shows whole after
 * it: "FULL" or, for a move, where the talk went ("MOVED → Agora" tells a visitor more
 * than "EN"). */
bool badge_needs_tag_room(const struct badge_at *at, const struct roomstatus *st, int x, int tag_w,
                          int right);

#endif
