/* config — the configuration file's lines: `key = value`, `#` comments, blank lines,
 * quotes and a byte-order mark from desktop editors. What a key accepts is the settings
 * table's business (settings.h); this file only finds the key and the value and names
 * FILE:LINE, because the person reading the error is a technician with a text editor. */
#include "config.h"

#include "settings.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CONFIG_LINE_MAX = 4096 }; /* bytes; a feed URL with a long query fits many times */

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

static bool apply(const struct config_line *ln, struct options *o, const char *key, const char *v)
{
    const struct setting *s = settings_by_key(key);
    char why[256];
    if (!s) return line_error(ln, "unknown key '%s'", key);
    if (!setting_apply(s, o, v, why, sizeof why)) return line_error(ln, "%s %s", key, why);
    return true;
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
