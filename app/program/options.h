/* options — what vitrine was asked to do: command-line flags over an optional
 * configuration file (--config FILE, key = value lines). Parsed once in main, then
 * only read. */
#ifndef VITRINE_OPTIONS_H
#define VITRINE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OPTIONS_NO_TIME        INT64_MIN /* --at not given: the wall clock as it is */
#define OPTIONS_PLAN_DEFAULT_S 86400     /* --plan looks one day ahead */

struct options {
    char *feed;          /* URL or path; NULL: built-in demo deck */
    bool windowed;       /* default fullscreen, cursor hidden (--fullscreen undoes the config's) */
    int width, height;   /* --size; 0: the display's own (1920x1080 headless) */
    int rotate;          /* 0, 90, 180, 270 */
    bool headless;       /* no display: software rendering offscreen */
    double run_for;      /* seconds; 0: forever */
    char *screenshot;    /* PNG written at exit */
    char *render_slides; /* directory: every active slide per language, then exit */
    bool check;          /* validate FEED and exit */
    int interval;        /* seconds between polls */
    char *cache_dir;     /* NULL: $XDG_CACHE_HOME/vitrine (or ~/.cache/vitrine) */
    char *status;        /* status file, or NULL */
    char *token_file;    /* bearer token file, or NULL */
    char *public_key;    /* minisign public key file: only feeds it signed; or NULL */
    char *signature;     /* the feed's signature URL or path; NULL: FEED.minisig */
    char *ca_file;       /* PEM CA certificates instead of the system store, or NULL */
    char *alerts;        /* CAP alert source (URL or file), or NULL */
    int alerts_interval; /* seconds between polls of it */
    bool alerts_show_tests;
    char *heartbeat;           /* URL the heartbeat is POSTed to, or NULL: none */
    int heartbeat_interval;    /* seconds between heartbeats */
    bool heartbeat_screenshot; /* with a small image of the frame */
    char *config;              /* the configuration file read, or NULL */
    char *assets_dir;          /* where assets/ lives; NULL: beside the binary, then installed */
    int screen_on;             /* minutes after local midnight, or -1: always on */
    int screen_off;            /* minutes after local midnight, or -1 */
    int overscan;              /* extra safe margin, percent of each side (0..20) */
    char *screen;              /* this screen's name for the slides' "screens", or NULL */
    int64_t at;       /* --at: unix seconds the wall clock reads at start, or OPTIONS_NO_TIME */
    bool plan;        /* --plan: print what shows when, exit */
    int64_t plan_for; /* --for: seconds --plan covers */
};

enum options_result { OPTIONS_RUN, OPTIONS_EXIT_OK, OPTIONS_USAGE };

/* Parses argv (reading --config FILE first, then letting flags override it). On
 * OPTIONS_USAGE, err holds a one-line reason. --help/--version print and return
 * OPTIONS_EXIT_OK. */
enum options_result options_parse(struct options *o, int argc, char **argv, char *err,
                                  size_t errlen);
/* The same from the command line alone: --config FILE is recorded, not read (the
 * configuration-error card's options, when the file is what failed). */
enum options_result options_parse_flags(struct options *o, int argc, char **argv, char *err,
                                        size_t errlen);
void options_free(struct options *o);

#endif
