/* options — the command line, read once by main before anything starts.
 *
 * Flags come from the settings table (settings.h). The configuration file (--config
 * FILE) is read first and the flags applied over it, so a flag always wins: getopt runs
 * twice, once to find --config (and reject bad usage early), once to apply every flag. */
#include "options.h"

#include "config.h"
#include "file.h"
#include "settings.h"
#include "url.h"
#include "version.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* getopt_long's table, built from the settings table once: each flag's val is its row
 * index above UCHAR_MAX, so it never clashes with the one short option, -h. */
static struct option long_options[64];

static void build_long_options(void)
{
    size_t n = 0;
    for (size_t i = 0; i < settings_count && n + 1 < sizeof long_options / sizeof long_options[0];
         i++) {
        if (!settings[i].flag) continue;
        long_options[n++] = (struct option){
            settings[i].flag, setting_takes_value(&settings[i]) ? required_argument : no_argument,
            NULL, UCHAR_MAX + 1 + (int)i};
    }
    long_options[n] = (struct option){NULL, 0, NULL, 0};
}

static const struct setting *row_of(int opt)
{
    if (opt == 'h') return settings_by_flag("help");
    if (opt <= UCHAR_MAX || (size_t)(opt - UCHAR_MAX - 1) >= settings_count) return NULL;
    return &settings[opt - UCHAR_MAX - 1];
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

/* Applies one flag to o. Returns false with a one-line reason on a bad value. */
static bool apply(struct options *o, int opt, const char *arg, char *err, size_t errlen)
{
    const struct setting *s = row_of(opt);
    char why[256];
    if (!s) return file_error(err, errlen, "unknown option (see vitrine --help)");
    if (s->kind == SETTING_ACTION) return true; /* handled by scan() */
    if (setting_apply(s, o, arg, why, sizeof why)) return true;
    return file_error(err, errlen, "--%s %s, not '%s'", s->flag, why, arg ? arg : "");
}

/* "ftp://host/x.json" or "file:///srv/x.json" would otherwise be read as a relative
 * path and fail with a puzzling "No such file"; only http(s) URLs and paths are feeds. */
static bool feed_is_usable(const char *feed)
{
    const bool scheme_url = url_has_scheme(feed) && strstr(feed, "://") == strchr(feed, ':');
    return !scheme_url || url_is_remote(feed);
}

/* First pass: only --config, --help, --version and usage errors matter. */
static enum options_result scan(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
    int opt;
    opterr = 0;
    optind = 0; /* glibc: 0 re-initialises getopt for a fresh scan */
    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        const struct setting *row = row_of(opt);
        if (row && row->kind == SETTING_ACTION) {
            if (strcmp(row->flag, "version") == 0)
                version();
            else
                settings_usage(stdout);
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
        if (row && strcmp(row->flag, "config") == 0 && !apply(o, opt, optarg, err, errlen))
            return OPTIONS_USAGE;
    }
    if (argc - optind > 1) {
        snprintf(err, errlen, "expected at most one FEED, got '%s' and '%s'", argv[optind],
                 argv[optind + 1]);
        return OPTIONS_USAGE;
    }
    return OPTIONS_RUN;
}

static enum options_result parse(struct options *o, int argc, char **argv, bool load_config,
                                 char *err, size_t errlen)
{
    settings_defaults(o);
    build_long_options();
    enum options_result r = scan(o, argc, argv, err, errlen);
    if (r != OPTIONS_RUN) return r;
    if (load_config && o->config && !config_load(o->config, o, err, errlen)) return OPTIONS_USAGE;

    int opt;
    optind = 0;
    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (!apply(o, opt, optarg, err, errlen)) return OPTIONS_USAGE;
    }
    if (optind < argc && !apply(o, UCHAR_MAX + 1 + (int)(settings_by_key("feed") - settings),
                                argv[optind], err, errlen))
        return OPTIONS_USAGE;
    if (o->feed && !feed_is_usable(o->feed)) {
        snprintf(err, errlen, "FEED must be an http:// or https:// URL or a file, not '%s'",
                 o->feed);
        return OPTIONS_USAGE;
    }
    if ((o->screen_on < 0) != (o->screen_off < 0)) {
        snprintf(err, errlen, "screen_on and screen_off go together: set both or neither");
        return OPTIONS_USAGE;
    }
    if (o->signature && !o->public_key) {
        snprintf(err, errlen, "signature is set but public_key is not: nothing would check it");
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

enum options_result options_parse(struct options *o, int argc, char **argv, char *err,
                                  size_t errlen)
{
    return parse(o, argc, argv, true, err, errlen);
}

enum options_result options_parse_flags(struct options *o, int argc, char **argv, char *err,
                                        size_t errlen)
{
    return parse(o, argc, argv, false, err, errlen);
}

void options_free(struct options *o)
{
    free(o->screen);
    free(o->assets_dir);
    free(o->config);
    free(o->heartbeat);
    free(o->alerts);
    free(o->ca_file);
    free(o->signature);
    free(o->public_key);
    free(o->token_file);
    free(o->status);
    free(o->cache_dir);
    free(o->render_slides);
    free(o->screenshot);
    free(o->feed);
    memset(o, 0, sizeof *o);
}
