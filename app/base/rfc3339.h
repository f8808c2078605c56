/* rfc3339 — the one date-time format vitrine reads and writes (RFC 3339, as in the
 * feed's "start"/"end" and the status file), in plain integer arithmetic on int64 unix
 * seconds: a 32-bit Pi OS has a 32-bit time_t, and feeds schedule past 2038. Pure; any
 * thread. */
#ifndef VITRINE_RFC3339_H
#define VITRINE_RFC3339_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RFC3339_LEN 32 /* bytes that hold any rfc3339_format() output with its NUL */

/* Parses a date-time with offset ("2026-12-08T09:00:00-05:00", "...Z", fractional seconds
 * allowed and dropped) into unix seconds. Returns false, *out untouched, on anything else. */
bool rfc3339_parse(const char *s, int64_t *out);

/* Exactly n ASCII digits at s into *out; false at the first non-digit, so it never reads
 * past a NUL. The fixed-width date formats (this one, frab's "2026-12-08") share it. */
bool rfc3339_digits(const char *s, int n, int *out);

/* Formats unix seconds t in UTC, "2026-11-21T13:05:18Z"; buf is "" when cap is too short. */
void rfc3339_format(char *buf, size_t cap, int64_t t);

/* Formats unix seconds t as local time at offset_s seconds east of UTC,
 * "2026-12-08T09:00:00-05:00" ("+00:00" for UTC); buf is "" when cap is too short. */
void rfc3339_format_offset(char *buf, size_t cap, int64_t t, int32_t offset_s);

#endif
