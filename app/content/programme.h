/* programme — a conference's own programme, read from its schedule export: the frab /
 * c3voc schedule.json format (https://c3voc.de/schedule/schema.json), which pretalx also
 * serves at /<event>/schedule/export/schedule.json. ("Programme", not "schedule": the
 * rotation module is the schedule.)
 *
 * programme_parse() builds an immutable struct programme: rooms in export order, talks
 * with absolute start and end times, the conference days with their boundaries and the
 * conference time zone. Talk times come from each talk's "date" (ISO 8601 with offset,
 * which needs no zone); only when "date" has no offset are the day's date and the talk's
 * "HH:MM" read in the conference zone, through zone.h, which is safe on any thread. A
 * talk listed under a day belongs to that day even after midnight (a day running to
 * 04:00 owns its 01:00 talk). Pure: the fetch thread parses, the render thread reads. */
#ifndef VITRINE_PROGRAMME_H
#define VITRINE_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits on untrusted content (an export is fetched from the organiser's server). */
#define PROGRAMME_MAX_BYTES    (8u * 1024u * 1024u) /* whole document: 39C3's is ~2 MB */
#define PROGRAMME_MAX_DEPTH    32                   /* JSON nesting */
#define PROGRAMME_MAX_ROOMS    64
#define PROGRAMME_MAX_DAYS     31
#define PROGRAMME_MAX_TALKS    5000
#define PROGRAMME_MAX_TRACKS   256
#define PROGRAMME_MAX_PERSONS  16  /* speakers named per talk; more are dropped */
#define PROGRAMME_MAX_TITLE    512 /* bytes of a title or subtitle, cut at a character */
#define PROGRAMME_MAX_NAME     160 /* bytes of a room, track, type or person name */
#define PROGRAMME_MAX_SPEAKERS 640 /* bytes of the joined speaker names */
/* Seconds after local midnight: where a day without "day_start" begins. */
#define PROGRAMME_DAY_CHANGE (4 * 3600)

enum programme_severity {
    PROGRAMME_WARNING, /* the field or talk is skipped, the programme stays usable */
    PROGRAMME_ERROR,   /* the whole export is rejected */
};

/* Called once per problem: path is a JSON location like
 * "schedule.conference.days[1].rooms[\"Salle A\"][3].duration"; message a sentence
 * without the path ("expected a duration such as \"00:45\"; talk skipped"). */
typedef void (*programme_report_fn)(void *ctx, enum programme_severity severity, const char *path,
                                    const char *message);

struct programme_room {
    const char *name; /* as in the export: the key of days[].rooms */
    const char *guid; /* or NULL */
};

struct programme_day {
    int index;        /* the export's day number (1-based in frab) */
    const char *date; /* "2026-12-08", or NULL when the export gave none */
    int64_t start;    /* unix seconds: "day_start", widened to cover the day's talks */
    int64_t end;      /* unix seconds (exclusive): "day_end", likewise */
};

struct programme_talk {
    size_t room;          /* index into the rooms */
    size_t day;           /* index into the days (in time order) */
    int64_t start;        /* unix seconds */
    int64_t end;          /* unix seconds (exclusive): start + duration */
    int32_t duration;     /* seconds */
    const char *title;    /* never NULL */
    const char *subtitle; /* or NULL */
    const char *speakers; /* "Name, Name, Name", or NULL */
    const char *track;    /* or NULL */
    bool has_colour;      /* the track's colour from conference.tracks */
    uint32_t colour;      /* 0xRRGGBB when has_colour */
    const char *language; /* lower-case tag ("fr", "en", "de-ch"), or NULL */
    const char *type;     /* "Talk", "Workshop"..., or NULL */
    const char *guid;     /* or NULL: with id, what room status entries name */
    const char *id;       /* the export's id as text ("1234"), or NULL */
};

struct programme;
struct zone;

/* Parses an export of len bytes (need not be NUL-terminated). fallback_tz is the zone
 * used when the export names none or an unknown one (the feed's event zone; NULL: UTC).
 * Returns NULL when the export is rejected as a whole (not JSON, not a schedule, over
 * the limits, no usable talk); every problem goes to report (which may be NULL). */
struct programme *programme_parse(const char *json, size_t len, const char *fallback_tz,
                                  programme_report_fn report, void *ctx);

/* Reads the file at path (at most PROGRAMME_MAX_BYTES) and parses it; an unreadable file
 * is a PROGRAMME_ERROR with path "". */
struct programme *programme_load_file(const char *path, const char *fallback_tz,
                                      programme_report_fn report, void *ctx);

void programme_free(struct programme *programme);

const char *programme_title(const struct programme *p);   /* conference title, or NULL */
const char *programme_acronym(const struct programme *p); /* or NULL */
const char *programme_version(const struct programme *p); /* the export's "version", or NULL */

/* The zone talk times are shown in: the export's "time_zone_name", else fallback_tz,
 * else UTC. Never NULL; owned by the programme. */
const struct zone *programme_zone(const struct programme *p);

size_t programme_room_count(const struct programme *p);
const struct programme_room *programme_room(const struct programme *p, size_t i);
size_t programme_day_count(const struct programme *p); /* >= 1 */
const struct programme_day *programme_day(const struct programme *p, size_t i);
/* Talks in time order (then room, then export order): >= 1. */
size_t programme_talk_count(const struct programme *p);
const struct programme_talk *programme_talk(const struct programme *p, size_t i);

#endif
