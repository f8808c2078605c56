/* roomstatus — state names and the lookup of a talk's or room's status (see
 * roomstatus.h). A feed carries a handful of entries: a linear scan is the right size. */
#include "roomstatus.h"

#include "programme.h"

#include <string.h>
#include <strings.h>

static const char *const names[] = {"full", "cancelled", "moved"};

bool roomstatus_parse_state(const char *s, enum roomstatus_state *out)
{
    if (!s) return false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(s, names[i]) == 0) {
            *out = (enum roomstatus_state)i;
            return true;
        }
    if (strcasecmp(s, "canceled") == 0) { /* the US spelling */
        *out = ROOMSTATUS_CANCELLED;
        return true;
    }
    return false;
}

const char *roomstatus_state_name(enum roomstatus_state state)
{
    return (size_t)state < sizeof names / sizeof *names ? names[state] : "unknown";
}

static bool names_talk(const struct roomstatus *e, const struct programme_talk *talk)
{
    if (!e->talk || !talk) return false;
    return (talk->guid && strcmp(e->talk, talk->guid) == 0) ||
           (talk->id && strcmp(e->talk, talk->id) == 0);
}

static bool names_room(const struct roomstatus *e, const char *room_name)
{
    return e->room && !e->talk && room_name && strcasecmp(e->room, room_name) == 0;
}

const struct roomstatus *roomstatus_find(const struct roomstatus *list, size_t n,
                                         const struct programme_talk *talk, const char *room_name)
{
    const struct roomstatus *by_room = NULL;
    for (size_t i = n; i-- > 0;) {
        if (names_talk(&list[i], talk)) return &list[i];
        if (!by_room && names_room(&list[i], room_name)) by_room = &list[i];
    }
    return by_room;
}

const struct roomstatus *roomstatus_find_room(const struct roomstatus *list, size_t n,
                                              const char *room_name)
{
    return roomstatus_find(list, n, NULL, room_name);
}
