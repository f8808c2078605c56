/* config — reads /etc/vitrine/vitrine.conf (or --config FILE) into struct options:
 * `key = value` lines, `#` comments, blank lines. Called once from options_parse on the
 * main thread, before any other thread starts. Every error names FILE:LINE, because
 * the person reading it is a technician with a text editor, not a developer. */
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    CONFIG_LINE_MAX = 4096, /* bytes; a feed URL with a long query fits many times */
    INTERVAL_MIN_S = 1,     /* seconds between polls */
    INTERVAL_MAX_S = 86400, /* one day */
    OVERSCAN_MAX_PCT = 20,  /* a fifth of each side: beyond that it is a wrong screen */
    SIZE_MIN_PX = 16,       /* smaller is a typo, not a screen */
    SIZE_MAX_PX = 16384,    /* SDL's texture limit on most drivers */
    MINUTES_PER_DAY = 24 * 60,
};

struct config_line {
    const char *path;
    unsigned long number;
    char *err;
    size_t errlen;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static bool
line_error(const struct config_line *ln, const char *fmt, ...)
{
    int n = snprintf(ln->err, ln->errlen, "%s:%lu: ", ln->path, ln->number);
    if (n < 0 || (size_t)n >= ln->errlen) return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ln->err + n, ln->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    if (*s == '\0' || *s == '+' || *s == '-' || *s == ' ') return false;
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi) return false;
    *out = v;
    return true;
}

/* Replaces an owned string; an empty value unsets it (back to the default). */
static bool set_string(const struct config_line *ln, char **slot, const char *value)
{
    char *copy = NULL;
    if (*value != '\0') {
        copy = strdup(value);
        if (!copy) return line_error(ln, "out of memory");
    }
    free(*slot);
    *slot = copy;
    return true;
}

static bool set_interval(const struct config_line *ln, struct options *o, const char *v)
{
    long s;
    if (!parse_long(v, INTERVAL_MIN_S, INTERVAL_MAX_S, &s))
        return line_error(ln, "interval must be a whole number of seconds from %d to %d",
                          INTERVAL_MIN_S, INTERVAL_MAX_S);
    o->interval = (int)s;
    return true;
}

static bool set_rotate(const struct config_line *ln, struct options *o, const char *v)
{
    long deg;
    if (!parse_long(v, 0, 270, &deg) || deg % 90 != 0)
        return line_error(ln, "rotate must be 0, 90, 180 or 270 (degrees clockwise)");
    o->rotate = (int)deg;
    return true;
}

static bool set_size(const struct config_line *ln, struct options *o, const char *v)
{
    char w[16], h[16];
    const char *x = strchr(v, 'x');
    size_t wl = x ? (size_t)(x - v) : 0;
    long wv, hv;
    if (!x || wl == 0 || wl >= sizeof w || strlen(x + 1) >= sizeof h) goto bad;
    memcpy(w, v, wl);
    w[wl] = '\0';
    memcpy(h, x + 1, strlen(x + 1) + 1); /* length checked above */
    if (!parse_long(w, SIZE_MIN_PX, SIZE_MAX_PX, &wv) ||
        !parse_long(h, SIZE_MIN_PX, SIZE_MAX_PX, &hv))
        goto bad;
    o->width = (int)wv;
    o->height = (int)hv;
    return true;
bad:
    return line_error(ln, "size must be WIDTHxHEIGHT in pixels from %d to %d, e.g. 1920x1080",
                      SIZE_MIN_PX, SIZE_MAX_PX);
}

bool config_parse_clock(const char *v, int *out)
{
    const char *colon = strchr(v, ':');
    char hh[3];
    long h, m;
    size_t hl = colon ? (size_t)(colon - v) : 0;
    if (!colon || hl < 1 || hl > 2 || strlen(colon + 1) != 2) return false;
    memcpy(hh, v, hl);
    hh[hl] = '\0';
    if (!parse_long(hh, 0, 23, &h) || !parse_long(colon + 1, 0, 59, &m)) return false;
    *out = (int)(h * 60 + m);
    return true;
}

static bool set_clock(const struct config_line *ln, int *slot, const char *key, const char *v)
{
    int min;
    if (!config_parse_clock(v, &min))
        return line_error(ln, "%s must be a time HH:MM from 00:00 to 23:59", key);
    *slot = min;
    return true;
}

static bool set_overscan(const struct config_line *ln, struct options *o, const char *v)
{
    long pct;
    if (!parse_long(v, 0, OVERSCAN_MAX_PCT, &pct))
        return line_error(ln, "overscan must be a whole percent from 0 to %d", OVERSCAN_MAX_PCT);
    o->overscan = (int)pct;
    return true;
}

static bool set_windowed(const struct config_line *ln, struct options *o, const char *v)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
            o->windowed = strcmp(v, yes[i]) == 0;
            return true;
        }
    }
    return line_error(ln, "windowed must be true or false");
}

static bool apply(const struct config_line *ln, struct options *o, const char *key, const char *v)
{
    if (strcmp(key, "feed") == 0) return set_string(ln, &o->feed, v);
    if (strcmp(key, "token_file") == 0) return set_string(ln, &o->token_file, v);
    if (strcmp(key, "status") == 0) return set_string(ln, &o->status, v);
    if (strcmp(key, "cache_dir") == 0) return set_string(ln, &o->cache_dir, v);
    if (strcmp(key, "interval") == 0) return set_interval(ln, o, v);
    if (strcmp(key, "rotate") == 0) return set_rotate(ln, o, v);
    if (strcmp(key, "size") == 0) return set_size(ln, o, v);
    if (strcmp(key, "screen_on") == 0) return set_clock(ln, &o->screen_on, key, v);
    if (strcmp(key, "screen_off") == 0) return set_clock(ln, &o->screen_off, key, v);
    if (strcmp(key, "overscan") == 0) return set_overscan(ln, o, v);
    if (strcmp(key, "windowed") == 0) return set_windowed(ln, o, v);
    return line_error(ln, "unknown key '%s'", key);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* A comment starts a line, or follows whitespace: a '#' inside a value (a URL fragment,
 * "screen#2") stays part of it, "interval = 60  # a minute" loses its note. */
static void strip_comment(char *s)
{
    for (char *p = s; *p; p++) {
        if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            return;
        }
    }
}

/* Editors on Windows and macOS quote values and add a byte-order mark; accept both. */
static char *unquote(char *v)
{
    size_t n = strlen(v);
    if (n >= 2 && ((v[0] == '"' && v[n - 1] == '"') || (v[0] == '\'' && v[n - 1] == '\''))) {
        v[n - 1] = '\0';
        return v + 1;
    }
    return v;
}

static bool parse_line(const struct config_line *ln, struct options *o, char *line)
{
    static const char bom[] = "\xEF\xBB\xBF";
    if (ln->number == 1 && strncmp(line, bom, sizeof bom - 1) == 0) line += sizeof bom - 1;
    strip_comment(line);
    char *s = trim(line);
    if (*s == '\0') return true;
    char *eq = strchr(s, '=');
    if (!eq) return line_error(ln, "expected key = value");
    *eq = '\0';
    char *key = trim(s);
    if (*key == '\0' || strpbrk(key, " \t")) return line_error(ln, "expected key = value");
    return apply(ln, o, key, unquote(trim(eq + 1)));
}

static bool read_lines(FILE *f, struct config_line *ln, struct options *o)
{
    char buf[CONFIG_LINE_MAX + 2]; /* the line, its newline and the terminator */
    while (fgets(buf, sizeof buf, f)) {
        ln->number++;
        size_t n = strlen(buf);
        if (n == sizeof buf - 1 && buf[n - 1] != '\n')
            return line_error(ln, "line longer than %d bytes", CONFIG_LINE_MAX);
        if (!parse_line(ln, o, buf)) return false;
    }
    if (ferror(f)) {
        snprintf(ln->err, ln->errlen, "%s: cannot read: %s", ln->path, strerror(errno));
        return false;
    }
    return true;
}

bool config_load(const char *path, struct options *o, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return false;
    }
    struct config_line ln = {.path = path, .number = 0, .err = err, .errlen = errlen};
    bool ok = read_lines(f, &ln, o);
    fclose(f);
    return ok;
}
