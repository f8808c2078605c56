/* roomstatus — what the organiser says in the feed about a room or a talk of the
 * programme: full, cancelled, or moved (to another room), with an optional note, shown
 * as a badge on the sessions board. The feed parser builds the entries (their strings
 * belong to the feed); this module only names the states and finds the entry that
 * applies to a talk. Pure, any thread. */
#ifndef VITRINE_ROOMSTATUS_H
#define VITRINE_ROOMSTATUS_H

#include <stdbool.h>
#include <stddef.h>

struct ltext;
struct programme_talk;

enum roomstatus_state {
    ROOMSTATUS_FULL,      /* "full": the room (or talk) has no seats left */
    ROOMSTATUS_CANCELLED, /* "cancelled" */
    ROOMSTATUS_MOVED,     /* "moved": see moved_to */
};

struct roomstatus {
    const char *room; /* a room name, or NULL when the entry names a talk */
    const char *talk; /* a talk's guid or id, or NULL when it names a room */
    enum roomstatus_state state;
    const char *moved_to;     /* MOVED: where to (a room name or free text), or NULL */
    const struct ltext *note; /* an optional note in the feed's languages, or NULL */
};

/* "full", "cancelled" (or "canceled"), "moved": false for anything else. */
bool roomstatus_parse_state(const char *s, enum roomstatus_state *out);

/* The word the feed uses for a state ("full", "cancelled", "moved"). */
const char *roomstatus_state_name(enum roomstatus_state state);

/* The entry of list[0..n) that applies to talk, held in the room called room_name: an
 * entry naming the talk (by guid or id) wins over one naming its room; among equals the
 * last one in the feed wins (an organiser appends corrections). Room names compare
 * without regard to ASCII case. NULL when none applies. */
const struct roomstatus *roomstatus_find(const struct roomstatus *list, size_t n,
                                         const struct programme_talk *talk, const char *room_name);

/* The entry naming the room itself (for a room with no talk now), or NULL. */
const struct roomstatus *roomstatus_find_room(const struct roomstatus *list, size_t n,
                                              const char *room_name);

#endif
