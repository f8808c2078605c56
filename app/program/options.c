/* options — the command line, read once by main before anything starts.
 *
 * Flags come from one getopt_long table. The configuration file (--config FILE) is read
 * first and the flags applied over it, so a flag always wins: getopt runs twice, once to
 * find --config (and reject bad usage early), once to apply every flag. */
#include "options.h"

#include "fetch.h"
#include "file.h"
#include "url.h"
#include "version.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Long-only options get values above UCHAR_MAX so they never clash with a short one. */
enum {
    OPT_WINDOWED = UCHAR_MAX + 1,
    OPT_FULLSCREEN,
    OPT_SIZE,
    OPT_ROTATE,
    OPT_HEADLESS,
    OPT_RUN_FOR,
    OPT_SCREENSHOT,
    OPT_RENDER_SLIDES,
    OPT_CHECK,
    OPT_INTERVAL,
    OPT_CACHE_DIR,
    OPT_STATUS,
    OPT_TOKEN_FILE,
    OPT_CONFIG,
    OPT_ASSETS_DIR,
    OPT_OVERSCAN,
    OPT_SCREEN_ON,
    OPT_SCREEN_OFF,
    OPT_VERSION,
};

static const struct option long_options[] = {
    {"windowed", no_argument, NULL, OPT_WINDOWED},
    {"fullscreen", no_argument, NULL, OPT_FULLSCREEN},
    {"size", required_argument, NULL, OPT_SIZE},
    {"rotate", required_argument, NULL, OPT_ROTATE},
    {"headless", no_argument, NULL, OPT_HEADLESS},
    {"run-for", required_argument, NULL, OPT_RUN_FOR},
    {"screenshot", required_argument, NULL, OPT_SCREENSHOT},
    {"render-slides", required_argument, NULL, OPT_RENDER_SLIDES},
    {"check", no_argument, NULL, OPT_CHECK},
    {"interval", required_argument, NULL, OPT_INTERVAL},
    {"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
    {"status", required_argument, NULL, OPT_STATUS},
    {"token-file", required_argument, NULL, OPT_TOKEN_FILE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"assets-dir", required_argument, NULL, OPT_ASSETS_DIR},
    {"overscan", required_argument, NULL, OPT_OVERSCAN},
    {"screen-on", required_argument, NULL, OPT_SCREEN_ON},
    {"screen-off", required_argument, NULL, OPT_SCREEN_OFF},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

#define MAX_SIDE     16384      /* pixels: --size sanity limit */
#define MAX_RUN_FOR  31536000.0 /* seconds: a year */
#define MAX_INTERVAL 86400
#define MAX_OVERSCAN 20

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: vitrine [OPTIONS] [FEED]\n"
            "Full-screen slideshow of an event's partners, delegations and announcements.\n"
            "FEED is an http(s) URL or a file; without it, the built-in demo deck is shown.\n"
            "\n"
            "Display:\n"
            "  --windowed             run in a window (default: fullscreen, cursor hidden)\n"
            "  --fullscreen           full screen even if the config says windowed\n"
            "  --size WxH             logical size, e.g. 1920x1080 or 1080x1920\n"
            "  --rotate 0|90|180|270  rotate the picture for a portrait or upside-down screen\n"
            "  --overscan PERCENT     extra margin for TVs that crop the edges (0-%d)\n"
            "  --headless             no display: render offscreen in software\n"
            "  --run-for SECONDS      exit with status 0 after that long\n"
            "  --screenshot FILE.png  save the last frame when exiting\n"
            "  --render-slides DIR    save every active slide in every language as PNG, exit\n"
            "  --screen-on HH:MM      screen hours, in the event's time zone: black and idle\n"
            "  --screen-off HH:MM       outside them (give both)\n"
            "Content:\n"
            "  --check                validate FEED, print every problem, exit 0 or 1\n"
            "  --interval SECONDS     how often to poll an http(s) feed (default %d, min %d)\n"
            "  --cache-dir DIR        last good deck (default $XDG_CACHE_HOME/vitrine)\n"
            "  --token-file FILE      send 'Authorization: Bearer <token>' read from FILE\n"
            "  --status FILE          keep a JSON status file up to date\n"
            "  --config FILE          read key = value settings (flags override them)\n"
            "  --assets-dir DIR       where the demo deck and assets live\n"
            "  --help, --version\n"
            "\n"
            "Keys: Esc or q quits when windowed. Signals: SIGINT/SIGTERM exit cleanly,\n"
            "SIGHUP reloads the config and the feed, SIGUSR1 writes the status and logs the\n"
            "state, SIGUSR2 logs frame times.\n",
            MAX_OVERSCAN, FETCH_DEFAULT_INTERVAL, FETCH_MIN_INTERVAL);
}

static void version(void)
{
    printf("vitrine %s\n", VITRINE_VERSION);
#ifdef VITRINE_HAVE_SYSTEMD
    printf("features: sdl2 sdl2_ttf sdl2_image libcurl jansson qrencode systemd\n");
#else
    printf("features: sdl2 sdl2_ttf sdl2_image libcurl jansson qrencode\n");
#endif
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

static void set_string(char **field, const char *value)
{
    free(*field);
    *field = value ? strdup(value) : NULL;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10);
    if (errno || end == s || (*end != 'x' && *end != 'X')) return false;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (errno || end == rest || *end || a < 16 || b < 16 || a > MAX_SIDE || b > MAX_SIDE)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

/* Applies one flag to o. Returns false with a one-line reason on a bad value. */
static bool apply(struct options *o, int opt, const char *arg, char *err, size_t errlen)
{
    long v;
    switch (opt) {
    case OPT_WINDOWED:
    case OPT_FULLSCREEN:
        o->windowed = opt == OPT_WINDOWED;
        return true;
    case OPT_SCREEN_ON:
    case OPT_SCREEN_OFF:
        if (!config_parse_clock(arg, opt == OPT_SCREEN_ON ? &o->screen_on : &o->screen_off))
            return file_error(err, errlen,
                              "--%s expects a time HH:MM from 00:00 to 23:59, not '%s'",
                              opt == OPT_SCREEN_ON ? "screen-on" : "screen-off", arg);
        return true;
    case OPT_HEADLESS:
        o->headless = true;
        return true;
    case OPT_CHECK:
        o->check = true;
        return true;
    case OPT_SIZE:
        if (!parse_size(arg, &o->width, &o->height))
            return file_error(err, errlen, "--size expects WxH, e.g. 1920x1080, not '%s'", arg);
        return true;
    case OPT_ROTATE:
        if (!parse_long(arg, 0, 270, &v) || v % 90)
            return file_error(err, errlen, "--rotate expects 0, 90, 180 or 270, not '%s'", arg);
        o->rotate = (int)v;
        return true;
    case OPT_RUN_FOR: {
        char *end;
        errno = 0;
        double d = strtod(arg, &end);
        if (errno || end == arg || *end || !(d > 0) || d > MAX_RUN_FOR)
            return file_error(err, errlen, "--run-for expects a number of seconds, not '%s'", arg);
        o->run_for = d;
        return true;
    }
    case OPT_INTERVAL:
        if (!parse_long(arg, FETCH_MIN_INTERVAL, MAX_INTERVAL, &v))
            return file_error(err, errlen,
                              "--interval expects whole seconds from %d to %d, not '%s'",
                              FETCH_MIN_INTERVAL, MAX_INTERVAL, arg);
        o->interval = (int)v;
        return true;
    case OPT_OVERSCAN:
        if (!parse_long(arg, 0, MAX_OVERSCAN, &v))
            return file_error(err, errlen, "--overscan expects a percentage from 0 to %d, not '%s'",
                              MAX_OVERSCAN, arg);
        o->overscan = (int)v;
        return true;
    case OPT_SCREENSHOT:
        set_string(&o->screenshot, arg);
        return true;
    case OPT_RENDER_SLIDES:
        set_string(&o->render_slides, arg);
        return true;
    case OPT_CACHE_DIR:
        set_string(&o->cache_dir, arg);
        return true;
    case OPT_STATUS:
        set_string(&o->status, arg);
        return true;
    case OPT_TOKEN_FILE:
        set_string(&o->token_file, arg);
        return true;
    case OPT_CONFIG:
        set_string(&o->config, arg);
        return true;
    case OPT_ASSETS_DIR:
        set_string(&o->assets_dir, arg);
        return true;
    default:
        return file_error(err, errlen, "unknown option (see vitrine --help)");
    }
}

/* "ftp://host/x.json" or "file:///srv/x.json" would otherwise be read as a relative
 * path and fail with a puzzling "No such file"; only http(s) URLs and paths are feeds. */
static bool feed_is_usable(const char *feed)
{
    const bool scheme_url = url_has_scheme(feed) && strstr(feed, "://") == strchr(feed, ':');
    return !scheme_url || url_is_remote(feed);
}

static void set_defaults(struct options *o)
{
    memset(o, 0, sizeof *o);
    o->interval = FETCH_DEFAULT_INTERVAL;
    o->screen_on = -1;
    o->screen_off = -1;
}

/* First pass: only --config, --help, --version and usage errors matter. */
static enum options_result scan(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
    int opt;
    opterr = 0;
    optind = 0; /* glibc: 0 re-initialises getopt for a fresh scan */
    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (opt == 'h') {
            usage(stdout);
            return OPTIONS_EXIT_OK;
        }
        if (opt == OPT_VERSION) {
            version();
            return OPTIONS_EXIT_OK;
        }
        if (opt == '?' || opt == ':') {
            const char *bad = argv[optind - 1];
            if (optopt && optopt > UCHAR_MAX)
                snprintf(err, errlen, "option '%s' needs a value", bad);
            else
                snprintf(err, errlen, "unknown option '%s' (see vitrine --help)", bad);
            return OPTIONS_USAGE;
        }
        if (opt == OPT_CONFIG) set_string(&o->config, optarg);
    }
    if (argc - optind > 1) {
        snprintf(err, errlen, "expected at most one FEED, got '%s' and '%s'", argv[optind],
                 argv[optind + 1]);
        return OPTIONS_USAGE;
    }
    return OPTIONS_RUN;
}

enum options_result options_parse(struct options *o, int argc, char **argv, char *err,
                                  size_t errlen)
{
    set_defaults(o);
    enum options_result r = scan(o, argc, argv, err, errlen);
    if (r != OPTIONS_RUN) return r;
    if (o->config && !config_load(o->config, o, err, errlen)) return OPTIONS_USAGE;

    int opt;
    optind = 0;
    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (!apply(o, opt, optarg, err, errlen)) return OPTIONS_USAGE;
    }
    if (optind < argc) set_string(&o->feed, argv[optind]);
    if (o->feed && !feed_is_usable(o->feed)) {
        snprintf(err, errlen, "FEED must be an http:// or https:// URL or a file, not '%s'",
                 o->feed);
        return OPTIONS_USAGE;
    }
    if ((o->screen_on < 0) != (o->screen_off < 0)) {
        snprintf(err, errlen, "screen_on and screen_off go together: set both or neither");
        return OPTIONS_USAGE;
    }
    if (o->check && !o->feed) {
        snprintf(err, errlen, "--check needs a FEED to validate");
        return OPTIONS_USAGE;
    }
    if (o->headless && o->windowed)
        o->windowed = false; /* no window to speak of; not worth an error */
    return OPTIONS_RUN;
}

void options_free(struct options *o)
{
    free(o->assets_dir);
    free(o->config);
    free(o->token_file);
    free(o->status);
    free(o->cache_dir);
    free(o->render_slides);
    free(o->screenshot);
    free(o->feed);
    memset(o, 0, sizeof *o);
}
