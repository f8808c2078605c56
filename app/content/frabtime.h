/* frabtime — the time notations of a conference schedule export (frab, c3voc, pretalx):
 * dates ("2026-12-08"), clock times ("09:30"), date-times with or without an offset
 * ("2026-12-08T09:30:00-05:00", "2026-12-08T09:30") and durations ("00:45", "1:30",
 * "1:00:00" = one day). Strict about digits and ranges, liberal where exporters differ.
 * Pure; any thread (local times are read through a struct zone, never TZ). */
#ifndef VITRINE_FRABTIME_H
#define VITRINE_FRABTIME_H

#include <stdbool.h>
#include <stdint.h>

#define FRABTIME_MAX_DURATION (7 * 86400) /* seconds: longer is not a talk */

struct zone;

/* "YYYY-MM-DD": local days since 1970-01-01. */
bool frabtime_date(const char *s, int64_t *days);

/* "HH:MM" or "H:MM" (":SS" allowed and dropped): seconds after local midnight. */
bool frabtime_clock(const char *s, int *seconds);

/* A date-time: with an offset (RFC 3339) it is an instant and z is not used; without one
 * ("2026-12-08T09:30", ":SS" and fractions allowed, 'T' or a space) it is a local time in
 * zone z, resolved as zone_resolve() does across DST gaps and folds. Unix seconds. */
bool frabtime_instant(const struct zone *z, const char *s, int64_t *out);

/* "HH:MM", "H:MM" or "D:HH:MM" (minutes always two digits), up to FRABTIME_MAX_DURATION:
 * seconds. */
bool frabtime_duration(const char *s, int32_t *seconds);

#endif
