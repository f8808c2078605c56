/* zone — IANA time zones without the TZ variable. The C library converts local time only
 * for the process-wide zone in TZ, which the render thread owns (clock.c); a programme
 * parsed on the fetch thread, or a plan computed for another hall, needs the same answer
 * for any zone on any thread. So zone_load() reads the zone's compiled TZif file
 * (RFC 8536: the very file glibc's localtime reads, from the tzdata package) into an
 * immutable table once, and every conversion after that is a pure function of it.
 * Times past the table follow the file's POSIX TZ footer ("EST5EDT,M3.2.0,M11.1.0").
 * Leap seconds are ignored, as POSIX time does. Any thread; a struct zone is never
 * changed after zone_load(), so threads may share one. */
#ifndef VITRINE_ZONE_H
#define VITRINE_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZONE_DIR       "/usr/share/zoneinfo"
#define ZONE_NAME_MAX  64             /* bytes of an IANA name; the longest is about 32 */
#define ZONE_MAX_BYTES (256u * 1024u) /* a TZif file; the largest in tzdata is ~4 KB */
#define ZONE_S_PER_DAY 86400
#define ZONE_NO_TIME   INT64_MAX /* "never": no further transition */

struct zone;

/* A local calendar time, as zone_local() gives it. */
struct zone_time {
    int year, month, day;  /* month 1-12, day 1-31 */
    int hour, minute, sec; /* 0-23, 0-59, 0-59 */
    int wday;              /* 0 = Sunday ... 6 = Saturday */
    int32_t offset;        /* seconds east of UTC in force */
    int64_t days;          /* local days since 1970-01-01 */
};

/* Whether name is an IANA zone name vitrine accepts: letters, digits, "_+-/", no "..",
 * not absolute, at most ZONE_NAME_MAX bytes. Says nothing about whether it exists. */
bool zone_name_ok(const char *name);

/* Loads zone name from ZONE_DIR ("UTC" and "Etc/UTC" included). NULL with a reason in
 * err ("unknown time zone", "not a TZif file") when it cannot. */
struct zone *zone_load(const char *name, char *err, size_t errlen);

/* Parses TZif bytes (tests and the fuzzer); name is kept for zone_name(). */
struct zone *zone_parse(const unsigned char *data, size_t len, const char *name, char *err,
                        size_t errlen);

/* UTC, built in memory: the zone of last resort when even tzdata is missing. NULL only
 * when memory runs out. */
struct zone *zone_utc(void);

void zone_free(struct zone *zone);

const char *zone_name(const struct zone *zone);

/* Seconds east of UTC at unix time t (-18000 in Toronto in winter). */
int32_t zone_offset(const struct zone *zone, int64_t t);

/* The local calendar time at unix time t. */
void zone_local(const struct zone *zone, int64_t t, struct zone_time *out);

/* The first instant after t at which the offset may change, or ZONE_NO_TIME. */
int64_t zone_next_transition(const struct zone *zone, int64_t t);

/* The instants (0, 1 or 2, ascending, into out[2]) at which local clocks show local
 * time `local` (local seconds since 1970-01-01 00:00 local, as zone_civil gives):
 * 0 inside a spring-forward gap, 2 inside a fall-back fold. */
size_t zone_instants(const struct zone *zone, int64_t local, int64_t out[2]);

/* One instant for local time `local`: the earlier one in a fold; in a gap, the instant
 * as many seconds after the jump as local is after the gap's start (02:30 on the
 * spring-forward night reads as 03:30), as mktime() does with tm_isdst = -1. */
int64_t zone_resolve(const struct zone *zone, int64_t local);

/* Calendar arithmetic on the proleptic Gregorian calendar, free of time_t (a 32-bit
 * Pi OS has a 32-bit time_t). zone_civil gives local seconds for a date and a time of
 * day; zone_days_from_civil the days since 1970-01-01; zone_civil_from_days the inverse. */
int64_t zone_days_from_civil(int year, int month, int day);
void zone_civil_from_days(int64_t days, int *year, int *month, int *day);
int64_t zone_civil(int year, int month, int day, int seconds_of_day);
int zone_days_in_month(int year, int month);

#endif
