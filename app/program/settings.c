/* settings — the table (see settings.h) and the one validator per kind of value.
 *
 * Numbers are parsed strictly (digits only, no sign, no spaces, no unit), because a
 * value a technician typed that vitrine silently read differently is worse than a
 * refusal that says what is expected. */
#include "settings.h"

#include "alerts.h"
#include "fetch.h"
#include "heartbeat.h"
#include "rfc3339.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIELD(f) offsetof(struct options, f)

enum {
    SIDE_MIN_PX = 16,         /* smaller is a typo, not a screen */
    SIDE_MAX_PX = 16384,      /* SDL's texture limit on most drivers */
    OVERSCAN_MAX_PCT = 20,    /* a fifth of each side: beyond that it is a wrong screen */
    INTERVAL_MAX_S = 86400,   /* one day */
    RUN_FOR_MAX_S = 31536000, /* a year */
    PLAN_MAX_S = 2678400      /* 31 days: a conference and its build-up */
};

/* clang-format off */
/* flag, key, kind, group, field, lo, hi, unit (INT), value (in --help), help */
const struct setting settings[] = {
    {"windowed", "windowed", SETTING_SWITCH, SETTING_DISPLAY, FIELD(windowed),
     0, 0, NULL, NULL,
     "run in a window (default: fullscreen, cursor hidden)"},
    {"fullscreen", NULL, SETTING_UNSET, SETTING_DISPLAY, FIELD(windowed),
     0, 0, NULL, NULL,
     "full screen even if the config says windowed"},
    {"size", "size", SETTING_SIZE, SETTING_DISPLAY, FIELD(width),
     SIDE_MIN_PX, SIDE_MAX_PX, NULL, "WxH",
     "logical size, e.g. 1920x1080 or 1080x1920"},
    {"rotate", "rotate", SETTING_ANGLE, SETTING_DISPLAY, FIELD(rotate),
     0, 270, NULL, "0|90|180|270",
     "rotate the picture for a portrait or upside-down screen"},
    {"overscan", "overscan", SETTING_INT, SETTING_DISPLAY, FIELD(overscan),
     0, OVERSCAN_MAX_PCT, "percent", "PERCENT",
     "extra margin for TVs that crop the edges"},
    {"headless", NULL, SETTING_SWITCH, SETTING_DISPLAY, FIELD(headless),
     0, 0, NULL, NULL,
     "no display: render offscreen in software"},
    {"run-for", NULL, SETTING_SECONDS, SETTING_DISPLAY, FIELD(run_for),
     0, RUN_FOR_MAX_S, NULL, "SECONDS",
     "exit with status 0 after that long"},
    {"screenshot", NULL, SETTING_TEXT, SETTING_DISPLAY, FIELD(screenshot),
     0, 0, NULL, "FILE.png",
     "save the last frame when exiting"},
    {"render-slides", NULL, SETTING_TEXT, SETTING_DISPLAY, FIELD(render_slides),
     0, 0, NULL, "DIR",
     "save every active slide in every language as PNG, exit"},
    {"at", NULL, SETTING_INSTANT, SETTING_DISPLAY, FIELD(at),
     0, 0, NULL, "TIME",
     "rehearse: run as if the wall clock were TIME (RFC 3339) at start"},
    {"screen-on", "screen_on", SETTING_CLOCK, SETTING_DISPLAY, FIELD(screen_on),
     0, 0, NULL, "HH:MM",
     "screen hours in the event's time zone (give both):"},
    {"screen-off", "screen_off", SETTING_CLOCK, SETTING_DISPLAY, FIELD(screen_off),
     0, 0, NULL, "HH:MM",
     "  outside them the screen is black and idle"},
    {"screen", "screen", SETTING_TEXT, SETTING_CONTENT, FIELD(screen),
     0, 0, NULL, "NAME",
     "this screen's name: slides with \"screens\" show only where named"},
    {"check", NULL, SETTING_SWITCH, SETTING_CONTENT, FIELD(check),
     0, 0, NULL, NULL,
     "validate FEED, print every problem, exit 0 or 1"},
    {"plan", NULL, SETTING_SWITCH, SETTING_CONTENT, FIELD(plan),
     0, 0, NULL, NULL,
     "print what this screen shows when, as JSON lines, exit"},
    {"for", NULL, SETTING_SPAN, SETTING_CONTENT, FIELD(plan_for),
     1, PLAN_MAX_S, NULL, "DURATION",
     "how long --plan looks ahead: 90s, 45m, 2h (default 1 day)"},
    {"interval", "interval", SETTING_INT, SETTING_CONTENT, FIELD(interval),
     FETCH_MIN_INTERVAL, INTERVAL_MAX_S, "number of seconds", "SECONDS",
     "how often to poll an http(s) feed"},
    {"cache-dir", "cache_dir", SETTING_TEXT, SETTING_CONTENT, FIELD(cache_dir),
     0, 0, NULL, "DIR",
     "last good deck (default $XDG_CACHE_HOME/vitrine)"},
    {"token-file", "token_file", SETTING_TEXT, SETTING_CONTENT, FIELD(token_file),
     0, 0, NULL, "FILE",
     "send 'Authorization: Bearer <token>' read from FILE"},
    {"ca-file", "ca_file", SETTING_TEXT, SETTING_CONTENT, FIELD(ca_file),
     0, 0, NULL, "FILE",
     "verify TLS against these CA certificates (PEM), not the system's"},
    {"public-key", "public_key", SETTING_TEXT, SETTING_CONTENT, FIELD(public_key),
     0, 0, NULL, "FILE",
     "accept only feeds signed with this minisign key"},
    {"signature", "signature", SETTING_TEXT, SETTING_CONTENT, FIELD(signature),
     0, 0, NULL, "URL",
     "where the feed's signature is (default FEED.minisig)"},
    {"alerts", "alerts", SETTING_TEXT, SETTING_CONTENT, FIELD(alerts),
     0, 0, NULL, "URL",
     "emergency alerts (CAP 1.2, or Atom of CAP) over the slides"},
    {"alerts-interval", "alerts_interval", SETTING_INT, SETTING_CONTENT, FIELD(alerts_interval),
     1, 3600, "number of seconds", "SECONDS",
     "how often the alerts are polled"},
    {"alerts-show-tests", "alerts_show_tests", SETTING_SWITCH, SETTING_CONTENT,
     FIELD(alerts_show_tests), 0, 0, NULL, NULL,
     "also show Test, Exercise and System alerts (marked)"},
    {"heartbeat", "heartbeat", SETTING_TEXT, SETTING_CONTENT, FIELD(heartbeat),
     0, 0, NULL, "URL",
     "POST this screen's health as JSON to URL (vitrinectl fleet)"},
    {"heartbeat-interval", "heartbeat_interval", SETTING_INT, SETTING_CONTENT,
     FIELD(heartbeat_interval), HEARTBEAT_MIN_INTERVAL, INTERVAL_MAX_S, "number of seconds",
     "SECONDS",
     "how often the heartbeat is sent"},
    {"heartbeat-screenshot", "heartbeat_screenshot", SETTING_SWITCH, SETTING_CONTENT,
     FIELD(heartbeat_screenshot), 0, 0, NULL, NULL,
     "with a small image of the screen (480 px wide)"},
    {"status", "status", SETTING_TEXT, SETTING_CONTENT, FIELD(status),
     0, 0, NULL, "FILE",
     "keep a JSON status file up to date"},
    {"config", NULL, SETTING_TEXT, SETTING_CONTENT, FIELD(config),
     0, 0, NULL, "FILE",
     "read key = value settings (flags override them)"},
    {"assets-dir", NULL, SETTING_TEXT, SETTING_CONTENT, FIELD(assets_dir),
     0, 0, NULL, "DIR",
     "where the demo deck and assets live"},
    {NULL, "feed", SETTING_TEXT, SETTING_CONTENT, FIELD(feed),
     0, 0, NULL, NULL,
     "the feed: an http(s) URL or a file (FEED on the command line)"},
    {"help", NULL, SETTING_ACTION, SETTING_OTHER, 0,
     0, 0, NULL, NULL,
     "print this help"},
    {"version", NULL, SETTING_ACTION, SETTING_OTHER, 0,
     0, 0, NULL, NULL,
     "print the version and the features built in"},
};
/* clang-format on */
const size_t settings_count = sizeof settings / sizeof settings[0];

const struct setting *settings_by_flag(const char *flag)
{
    for (size_t i = 0; i < settings_count; i++)
        if (settings[i].flag && strcmp(settings[i].flag, flag) == 0) return &settings[i];
    return NULL;
}

const struct setting *settings_by_key(const char *key)
{
    for (size_t i = 0; i < settings_count; i++)
        if (settings[i].key && strcmp(settings[i].key, key) == 0) return &settings[i];
    return NULL;
}

bool setting_takes_value(const struct setting *s)
{
    return s->kind != SETTING_SWITCH && s->kind != SETTING_UNSET && s->kind != SETTING_ACTION;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    if (strspn(s, "0123456789") != strlen(s) || *s == '\0') return false;
    errno = 0;
    const long v = strtol(s, NULL, 10);
    if (errno != 0 || v < lo || v > hi) return false;
    *out = v;
    return true;
}

bool settings_parse_clock(const char *v, int *minutes)
{
    const char *colon = strchr(v, ':');
    const size_t hl = colon ? (size_t)(colon - v) : 0;
    char hh[3];
    long h, m;
    if (!colon || hl < 1 || hl > 2 || strlen(colon + 1) != 2) return false;
    memcpy(hh, v, hl);
    hh[hl] = '\0';
    if (!parse_long(hh, 0, 23, &h) || !parse_long(colon + 1, 0, 59, &m)) return false;
    *minutes = (int)(h * 60 + m);
    return true;
}

bool settings_parse_span(const char *v, long lo, long hi, int64_t *seconds)
{
    static const struct {
        char unit;
        long factor;
    } units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
    char digits[16];
    const size_t n = strlen(v);
    long factor = 1, count;
    if (n == 0 || n >= sizeof digits) return false;
    memcpy(digits, v, n + 1);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (digits[n - 1] == units[i].unit) {
            factor = units[i].factor;
            digits[n - 1] = '\0';
        }
    if (!parse_long(digits, 0, hi, &count) || count > hi / factor || count * factor < lo)
        return false;
    *seconds = (int64_t)count * factor;
    return true;
}

static bool parse_size(const char *v, long lo, long hi, int *w, int *h)
{
    char a[16], b[16];
    const size_t wl = strcspn(v, "x");
    long wv, hv;
    if (v[wl] == '\0' || wl >= sizeof a || strlen(v + wl + 1) >= sizeof b) return false;
    memcpy(a, v, wl);
    a[wl] = '\0';
    memcpy(b, v + wl + 1, strlen(v + wl + 1) + 1); /* length checked above */
    if (!parse_long(a, lo, hi, &wv) || !parse_long(b, lo, hi, &hv)) return false;
    *w = (int)wv;
    *h = (int)hv;
    return true;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
            *out = strcmp(v, yes[i]) == 0;
            return true;
        }
    }
    return false;
}

static bool parse_seconds(const char *v, long hi, double *out)
{
    char *end;
    errno = 0;
    const double d = strtod(v, &end);
    if (errno || end == v || *end || *v == '-' || *v == '+' || *v == ' ' || !(d > 0) ||
        d > (double)hi)
        return false;
    *out = d;
    return true;
}

/* Replaces an owned string; an empty value unsets it (back to the default). */
static bool set_text(char **slot, const char *v)
{
    char *copy = NULL;
    if (*v != '\0' && !(copy = strdup(v))) return false;
    free(*slot);
    *slot = copy;
    return true;
}

static bool say(char *why, size_t cap, const char *reason)
{
    snprintf(why, cap, "%s", reason);
    return false;
}

/* The sentences are the configuration file's since version 0.1: tests pin them. */
static bool parse_into(const struct setting *s, char *base, const char *v, char *why, size_t cap)
{
    long n;
    double d;
    switch (s->kind) {
    case SETTING_SWITCH:
        return parse_bool(v, (bool *)(base + s->field)) || say(why, cap, "must be true or false");
    case SETTING_UNSET:
        *(bool *)(base + s->field) = false;
        return true;
    case SETTING_INT:
        if (!parse_long(v, s->lo, s->hi, &n)) {
            snprintf(why, cap, "must be a whole %s from %ld to %ld", s->unit, s->lo, s->hi);
            return false;
        }
        *(int *)(base + s->field) = (int)n;
        return true;
    case SETTING_ANGLE:
        if (!parse_long(v, 0, 270, &n) || n % 90 != 0)
            return say(why, cap, "must be 0, 90, 180 or 270 (degrees clockwise)");
        *(int *)(base + s->field) = (int)n;
        return true;
    case SETTING_SECONDS:
        if (parse_seconds(v, s->hi, &d)) {
            memcpy(base + s->field, &d, sizeof d);
            return true;
        }
        snprintf(why, cap, "must be a number of seconds above 0, up to %ld", s->hi);
        return false;
    case SETTING_SIZE:
        if (parse_size(v, s->lo, s->hi, (int *)(base + s->field), (int *)(base + s->field) + 1))
            return true;
        snprintf(why, cap, "must be WIDTHxHEIGHT in pixels from %ld to %ld, e.g. 1920x1080", s->lo,
                 s->hi);
        return false;
    case SETTING_CLOCK:
        return settings_parse_clock(v, (int *)(base + s->field)) ||
               say(why, cap, "must be a time HH:MM from 00:00 to 23:59");
    case SETTING_TEXT:
        return set_text((char **)(base + s->field), v) || say(why, cap, "out of memory");
    case SETTING_INSTANT: {
        int64_t t;
        if (!rfc3339_parse(v, &t))
            return say(why, cap,
                       "must be an RFC 3339 date-time with offset, e.g. 2026-12-08T09:00:00-05:00");
        memcpy(base + s->field, &t, sizeof t);
        return true;
    }
    case SETTING_SPAN: {
        int64_t t;
        if (!settings_parse_span(v, s->lo, s->hi, &t)) {
            snprintf(why, cap,
                     "must be a duration from %ld to %ld seconds: a number of seconds, or with a "
                     "unit such as 90s, 45m, 2h",
                     s->lo, s->hi);
            return false;
        }
        memcpy(base + s->field, &t, sizeof t);
        return true;
    }
    case SETTING_ACTION:
        break;
    }
    return say(why, cap, "is not a setting");
}

bool setting_apply(const struct setting *s, struct options *o, const char *value, char *why,
                   size_t cap)
{
    /* width and height must be adjacent ints for SETTING_SIZE's pair */
    _Static_assert(offsetof(struct options, height) ==
                       offsetof(struct options, width) + sizeof(int),
                   "struct options: height must follow width");
    return parse_into(s, (char *)o, value ? value : "true", why, cap);
}

void settings_defaults(struct options *o)
{
    memset(o, 0, sizeof *o);
    o->interval = FETCH_DEFAULT_INTERVAL;
    o->alerts_interval = ALERTS_DEFAULT_INTERVAL;
    o->heartbeat_interval = HEARTBEAT_DEFAULT_INTERVAL;
    o->screen_on = -1;
    o->screen_off = -1;
    o->at = OPTIONS_NO_TIME;
    o->plan_for = OPTIONS_PLAN_DEFAULT_S;
}

static void usage_line(FILE *out, const struct setting *s)
{
    char left[64];
    snprintf(left, sizeof left, "--%s%s%s", s->flag, s->value ? " " : "", s->value ? s->value : "");
    fprintf(out, "  %-26s %s", left, s->help);
    if (s->kind == SETTING_INT) {
        struct options d;
        settings_defaults(&d);
        int def;
        memcpy(&def, (const char *)&d + s->field, sizeof def);
        fprintf(out, " (%ld-%ld, default %d)", s->lo, s->hi, def);
    }
    fputc('\n', out);
}

void settings_usage(FILE *out)
{
    static const char *const heading[] = {"Display:", "Content:", "Other:"};
    fprintf(out,
            "Usage: vitrine [OPTIONS] [FEED]\n"
            "Full-screen slideshow of an event's partners, delegations and announcements.\n"
            "FEED is an http(s) URL or a file; without it, the built-in demo deck is shown.\n");
    for (int g = SETTING_DISPLAY; g <= SETTING_OTHER; g++) {
        fprintf(out, "\n%s\n", heading[g]);
        for (size_t i = 0; i < settings_count; i++)
            if (settings[i].flag && (int)settings[i].group == g) usage_line(out, &settings[i]);
    }
    fprintf(out, "\nConfiguration file keys (key = value, same values as the flags):\n ");
    for (size_t i = 0; i < settings_count; i++)
        if (settings[i].key) fprintf(out, " %s", settings[i].key);
    fprintf(out, "\n\nKeys: Esc or q quits when windowed. Signals: SIGINT/SIGTERM exit cleanly,\n"
                 "SIGHUP reloads the config and the feed, SIGUSR1 writes the status and logs the\n"
                 "state, SIGUSR2 logs frame times.\n");
}
