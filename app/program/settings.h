/* settings — the one table of everything vitrine can be told: one row per setting with
 * its command-line flag, its configuration-file key, its kind and range, the field of
 * struct options it fills and its help text. The getopt table, --help, the config
 * file's keys and every value's validation come from it, so a flag and a key cannot
 * disagree about what they accept or how they say no. A new setting is one row here
 * (and a field in struct options); the README's options table is checked against
 * --help by tests/unit/settings.cmake. */
#ifndef VITRINE_SETTINGS_H
#define VITRINE_SETTINGS_H

#include "options.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum setting_kind {
    SETTING_SWITCH,  /* flag without a value sets true; the key takes true/false */
    SETTING_UNSET,   /* flag without a value sets the same field false (--fullscreen) */
    SETTING_INT,     /* a whole number from lo to hi */
    SETTING_ANGLE,   /* 0, 90, 180 or 270 */
    SETTING_SECONDS, /* a number of seconds above 0, up to hi */
    SETTING_SIZE,    /* WIDTHxHEIGHT, each from lo to hi */
    SETTING_CLOCK,   /* HH:MM, as minutes after midnight */
    SETTING_TEXT,    /* a string (a path or a URL); empty unsets it */
    SETTING_INSTANT, /* an RFC 3339 date-time with offset, as int64_t unix seconds */
    SETTING_SPAN,    /* seconds, or a number with a unit (90s, 45m, 2h), from lo to hi,
                        as int64_t seconds */
    SETTING_ACTION,  /* --help, --version: handled by options.c, no field */
};

enum setting_group { SETTING_DISPLAY, SETTING_CONTENT, SETTING_OTHER };

struct setting {
    const char *flag; /* long option without "--", or NULL: configuration file only */
    const char *key;  /* configuration-file key, or NULL: command line only */
    enum setting_kind kind;
    enum setting_group group;
    size_t field; /* offsetof(struct options, ...); a pair (width, height) for SIZE */
    long lo, hi;
    const char *unit;  /* SETTING_INT: "number of seconds", "percent" */
    const char *value; /* the flag's value in --help, e.g. "SECONDS" */
    const char *help;  /* one line for --help and the README */
};

/* The table, and its length. */
extern const struct setting settings[];
extern const size_t settings_count;

/* The row of a flag ("interval", without "--") or of a key, or NULL. */
const struct setting *settings_by_flag(const char *flag);
const struct setting *settings_by_key(const char *key);

/* Whether the row's flag takes a value. */
bool setting_takes_value(const struct setting *s);

/* Validates value for s and stores it in o. On a bad value: false, and why holds the
 * reason without the setting's name ("must be a whole number of seconds from 1 to
 * 86400"), for the caller to prefix with "--interval" or "FILE:LINE: interval". */
bool setting_apply(const struct setting *s, struct options *o, const char *value, char *why,
                   size_t cap);

/* Sets every field to its default. */
void settings_defaults(struct options *o);

/* "3600", "90s", "45m", "2h" to seconds, from lo to hi. */
bool settings_parse_span(const char *v, long lo, long hi, int64_t *seconds);

/* "HH:MM" (24-hour, one or two hour digits) to minutes after midnight. */
bool settings_parse_clock(const char *v, int *minutes);

/* Writes --help: usage, one line per flag by group, the configuration keys. */
void settings_usage(FILE *out);

#endif
