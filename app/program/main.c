/* vitrine — a kiosk slideshow for event venues.
 *
 * main wires the modules together and owns their lifetimes: options, then SDL and the
 * output (a window, the whole screen, or an offscreen surface), fonts, the renderer,
 * the status file, the first deck, the fetch thread, and the loop; torn down in the
 * reverse order. Everything here runs on the render thread (the main thread). */
#include "alarm.h"
#include "alerts.h"
#include "bundle.h"
#include "cap.h"
#include "check.h"
#include "clock.h"
#include "configcard.h"
#include "feed.h"
#include "fetch.h"
#include "fonts.h"
#include "heartbeat.h"
#include "http.h"
#include "image.h"
#include "layout.h"
#include "log.h"
#include "options.h"
#include "output.h"
#include "plancmd.h"
#include "platform.h"
#include "render.h"
#include "show.h"
#include "startup.h"
#include "signals.h"
#include "status.h"
#include "thumb.h"
#include "url.h"
#include "version.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define POLL_SLICE_MS       50 /* event latency where SDL cannot block on events (see wait()) */
#define TRANSITION_FRAME_MS 16 /* show_tick's wait while a transition runs (show.c FRAME_MS) */

/* --check ----------------------------------------------------------------------------- */

struct check_counts {
    int errors, warnings;
};

static void check_report(void *ctx, enum feed_severity sev, const char *path, const char *msg)
{
    struct check_counts *c = ctx;
    const char *level = sev == FEED_ERROR ? "error" : "warning";
    if (sev == FEED_ERROR)
        c->errors++;
    else
        c->warnings++;
    if (path && *path)
        printf("%s: %s: %s\n", level, path, msg);
    else
        printf("%s: %s\n", level, msg);
}

static int run_check(const char *feed_arg, const char *token_file,
                     const struct signature_rule *sign)
{
    struct check_counts c = {0, 0};
    struct feed *f = check_read(feed_arg, token_file, sign, check_report, &c);
    if (f && c.errors == 0 && c.warnings == 0) {
        size_t n = feed_slide_count(f), l = feed_lang_count(f);
        printf("%s: valid (%zu slide%s, %zu language%s)\n", feed_arg, n, n == 1 ? "" : "s", l,
               l == 1 ? "" : "s");
        feed_free(f);
        return 0;
    }
    feed_free(f);
    printf("%s: invalid (%d error%s, %d warning%s)\n", feed_arg, c.errors, c.errors == 1 ? "" : "s",
           c.warnings, c.warnings == 1 ? "" : "s");
    return 1;
}

static bool has_demo(const char *dir)
{
    char probe[PATH_MAX + 32];
    snprintf(probe, sizeof probe, "%s/assets/demo/feed.json", dir);
    return access(probe, R_OK) == 0;
}

/* Where assets/ and fonts/ are: --assets-dir, $VITRINE_DATA, beside the binary (the
 * build tree), ../share/vitrine from the binary (installed under any prefix), then the
 * configured install path. */
static void data_dir(const struct options *o, char *buf, size_t cap)
{
    const char *env = getenv("VITRINE_DATA");
    char exe[PATH_MAX], shared[PATH_MAX + 32];
    if (o->assets_dir) {
        snprintf(buf, cap, "%s", o->assets_dir);
        return;
    }
    if (env && *env) {
        snprintf(buf, cap, "%s", env);
        return;
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        snprintf(shared, sizeof shared, "%s/../share/vitrine", exe);
        const char *found = has_demo(exe) ? exe : has_demo(shared) ? shared : NULL;
        if (found && snprintf(buf, cap, "%s", found) < (int)cap) return;
    }
    snprintf(buf, cap, "%s", VITRINE_DATADIR);
}

/* $XDG_CACHE_HOME/vitrine, else ~/.cache/vitrine; NULL if neither can be named. */
static char *default_cache_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char buf[PATH_MAX];
    if (xdg && *xdg)
        snprintf(buf, sizeof buf, "%s/vitrine", xdg);
    else if (home && *home)
        snprintf(buf, sizeof buf, "%s/.cache/vitrine", home);
    else
        return NULL;
    return strdup(buf);
}

/* --- the loop ------------------------------------------------------------------------ */

struct app {
    const struct options *opt;
    struct output out;
    struct fonts *fonts;
    struct render *render;
    struct status *status;
    struct show *show;
    struct fetch *fetch;
    struct alarm *alarm;   /* the emergency alert on screen */
    struct alerts *alerts; /* its source's thread */
    struct heartbeat *heartbeat;
    struct signals *signals;
    const struct signature_rule *sign; /* which feeds are trusted */
    Uint32 update_event;               /* a deck from the fetch thread */
    Uint32 alert_event;                /* an alert document from the alerts thread */
    Uint32 signal_event;               /* a signal from the signal thread */
    Uint32 frame_event;                /* the heartbeat thread asks for a thumbnail */
    bool thumb_wanted;                 /* asked, to be made when no transition runs */
    bool thumb_logged;                 /* the first thumbnail's cost is in the log */
    bool reload;                       /* SIGHUP with a valid configuration: re-exec at exit */
    int argc;
    char **argv;
    int64_t start_ms; /* monotonic, at main's entry: time to first frame counts from it */
    char data[PATH_MAX];
    char *cache_dir;
    struct clock_shifted rehearsal; /* --at: the wall clock as if started at that time */
    struct bundle *card;            /* the configuration-error card until the show takes it */
    bool card_only;                 /* that card is the only deck: no feed, no alerts */
};

/* SIGHUP: reload only what would start. A configuration that no longer parses keeps
 * the screen as it is (re-executing into a usage error would leave it black). */
static bool want_reload(struct app *a)
{
    struct options probe;
    char err[512] = "";
    enum options_result r = options_parse(&probe, a->argc, a->argv, err, sizeof err);
    options_free(&probe);
    if (r == OPTIONS_RUN) {
        log_info("SIGHUP: reloading the configuration and the feed");
        return true;
    }
    log_error("SIGHUP: not reloading, the configuration is invalid: %s; keeping the running one",
              r == OPTIONS_USAGE ? err : "it asks for --help or --version");
    return false;
}

/* Returns false when vitrine should quit (or reload). */
static bool on_signal(struct app *a, int sig)
{
    char line[512];
    switch (sig) {
    case SIGHUP:
        a->reload = want_reload(a);
        return !a->reload;
    case SIGUSR1:
        status_write_now(a->status);
        show_describe(a->show, line, sizeof line);
        log_info("state: %s", line);
        return true;
    case SIGUSR2:
        show_log_stats(a->show);
        return true;
    default:
        return true;
    }
}

/* The heartbeat's screenshot: the frame as the screen shows it, made small here on the
 * render thread, the only one that reads pixels. */
static void give_thumbnail(struct app *a)
{
    const Uint64 t0 = SDL_GetPerformanceCounter();
    SDL_Surface *s = show_snapshot(a->show, true);
    size_t len = 0;
    int w = 0, h = 0;
    unsigned char *png = thumb_png(s, HEARTBEAT_THUMB_WIDTH, &len, &w, &h);
    SDL_FreeSurface(s);
    const double ms =
        (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
    if (png && !a->thumb_logged)
        log_info("heartbeat screenshot: %dx%d, %zu bytes PNG, made in %.1f ms", w, h, len, ms);
    a->thumb_logged |= png != NULL;
    a->thumb_wanted = false;
    heartbeat_give_frame(a->heartbeat, png, len, w, h);
}

/* Returns false when vitrine should quit. */
static bool handle(struct app *a, const SDL_Event *ev)
{
    if (ev->type == SDL_QUIT) return false;
    if (ev->type == a->signal_event) return on_signal(a, signals_number(ev->user.data1));
    if (ev->type == a->update_event) {
        show_offer(a->show, ev->user.data1);
        return true;
    }
    if (ev->type == a->frame_event) {
        a->thumb_wanted = true; /* made by the loop, between transitions */
        return true;
    }
    if (ev->type == a->alert_event) { /* drawn at the tick that follows, not at a boundary */
        alarm_offer(a->alarm, ev->user.data1);
        return true;
    }
    if (ev->type == SDL_KEYDOWN && a->opt->windowed &&
        (ev->key.keysym.sym == SDLK_ESCAPE || ev->key.keysym.sym == SDLK_q))
        return false;
    if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
                                        ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED))
        show_invalidate(a->show);
    return true;
}

/* Sleeps up to ms or until an event comes. SDL_WaitEventTimeout sleeps properly only
 * where the video driver can wake it (X11, Wayland); elsewhere (headless, KMS/DRM) it
 * polls every millisecond, so there we sleep in slices instead. */
static bool wait(struct app *a, int64_t ms)
{
    SDL_Event ev;
    int t = (int)(ms > INT_MAX ? INT_MAX : ms);
    if (a->out.can_block) {
        if (SDL_WaitEventTimeout(&ev, t) && !handle(a, &ev)) return false;
    } else {
        while (t > 0 && !SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) {
            SDL_Delay((Uint32)(t < POLL_SLICE_MS ? t : POLL_SLICE_MS));
            t -= POLL_SLICE_MS;
            SDL_PumpEvents();
        }
    }
    while (SDL_PollEvent(&ev))
        if (!handle(a, &ev)) return false;
    return true;
}

static void loop(struct app *a)
{
    const struct clock *clk = clock_system();
    int64_t start = clk->mono_ms(clk->ctx);
    int64_t launched = a->start_ms;
    int64_t deadline = a->opt->run_for > 0 ? start + (int64_t)(a->opt->run_for * 1000) : INT64_MAX;
    int64_t pet = platform_watchdog_interval_ms();
    bool ready = false;
    for (;;) {
        int64_t wait_ms = show_tick(a->show);
        /* A thumbnail costs a frame's composition and more: never in a fade's frames
         * (show_tick asks to be called again within a frame then), at most 800 ms on. */
        if (a->thumb_wanted && wait_ms > TRANSITION_FRAME_MS) give_thumbnail(a);
        fetch_set_quiet(a->fetch, show_is_blank(a->show));
        int64_t since = 0;
        const char *slide = show_slide_now(a->show, &since);
        heartbeat_observe(a->heartbeat, slide, since, !show_is_blank(a->show));
        int64_t now = clk->mono_ms(clk->ctx);
        if (!ready) {
            log_info("first frame %lld ms after start", (long long)(now - launched));
            platform_notify_ready();
            ready = true;
        }
        platform_watchdog_ping(now);
        if (now >= deadline) return;
        if (deadline - now < wait_ms) wait_ms = deadline - now;
        if (pet > 0 && pet < wait_ms) wait_ms = pet;
        if (!wait(a, wait_ms)) return;
    }
}

/* --- start and stop -------------------------------------------------------------------- */

static bool start_sdl(struct app *a)
{
    const struct options *o = a->opt;
    /* Headless needs no video subsystem at all: the software renderer draws into a
     * plain surface. Events are still needed for the fetch thread's wake-ups. */
    Uint32 flags = SDL_INIT_EVENTS | SDL_INIT_TIMER | (o->headless ? 0 : SDL_INIT_VIDEO);
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    if (SDL_Init(flags)) {
        log_error("cannot start SDL: %s", SDL_GetError());
        return false;
    }
    if (TTF_Init()) {
        log_error("cannot start SDL_ttf: %s", TTF_GetError());
        return false;
    }
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    a->update_event = SDL_RegisterEvents(4);
    a->signal_event = a->update_event + 1;
    a->alert_event = a->update_event + 2;
    a->frame_event = a->update_event + 3;
    a->signals = signals_start(a->signal_event);
    bool ok = o->headless ? output_open_headless(&a->out, o) : output_open_window(&a->out, o);
    if (!ok) {
        log_error("cannot open the %s: %s", o->headless ? "offscreen surface" : "display",
                  SDL_GetError());
        return false;
    }
    output_log(&a->out);
    return true;
}

static bool start_render(struct app *a)
{
    char list[PATH_MAX + 32], err[512];
    snprintf(list, sizeof list, "%s/fonts/fonts.list", a->data);
    a->fonts = fonts_open(list, err, sizeof err);
    if (!a->fonts) {
        log_error("%s", err);
        return false;
    }
    struct render_config rc = {a->out.w, a->out.h, a->opt->rotate, a->opt->overscan, a->fonts};
    a->render = render_new(a->out.renderer, &rc);
    return a->render != NULL;
}

static struct fetch_config fetch_config(const struct app *a, const char *builtin)
{
    struct fetch_config fc = {
        .feed = a->opt->feed,
        .builtin = builtin,
        .cache_dir = a->cache_dir,
        .token_file = a->opt->token_file,
        .interval_s = a->opt->interval,
        .event_type = a->update_event,
        .status = a->status,
        .sign = *a->sign,
    };
    /* The screen's size is fixed from here on: images are decoded straight to the
     * largest box the layout draws them in (rotation included: the logical size). */
    int lw, lh;
    render_logical_size(a->render, &lw, &lh);
    for (int t = 0; t < FEED_SLIDE_TYPES; t++) {
        struct layout_rect r = layout_image_max((enum slide_type)t, lw, lh, a->opt->overscan);
        fc.image_boxes[t] = (struct image_box){r.w, r.h};
    }
    return fc;
}

static bool start_show(struct app *a, struct fetch_config *fc)
{
    struct bundle *first = a->card ? a->card : startup_deck(fc);
    a->card = NULL; /* the show owns it now */
    if (!first) {
        log_error("no deck to show: even the built-in demo deck (%s) did not load", fc->builtin);
        return false;
    }
    /* A feed with the demo deck's very content is still the organiser's deck: it must
     * be cached and reported as theirs, so only a real first deck counts as shown. */
    fc->shown_digest = bundle_source(first) == BUNDLE_SOURCE_BUILTIN
                           ? NULL
                           : feed_digest(bundle_feed(first)); /* copied by fetch_start */
    if (a->opt->at != OPTIONS_NO_TIME) {
        clock_shifted_init(&a->rehearsal, a->opt->at * 1000);
        log_info("rehearsal clock: the wall clock runs from %lld (--at)", (long long)a->opt->at);
    }
    if (a->opt->alerts) {
        struct alarm_config ac = {a->render, a->status, a->opt->alerts_show_tests};
        if (!(a->alarm = alarm_new(&ac))) return false;
    }
    struct show_config sc = {
        .clock = a->opt->at != OPTIONS_NO_TIME ? &a->rehearsal.clock : clock_system(),
        .render = a->render,
        .status = a->status,
        .min_valid_s = VITRINE_BUILD_EPOCH,
        .interval_s = a->opt->interval,
        .remote = a->opt->feed && url_is_remote(a->opt->feed),
        .screen_on = a->opt->screen_on,
        .screen_off = a->opt->screen_off,
        .screen = a->opt->screen,
        .rehearsal_ms = a->opt->at != OPTIONS_NO_TIME ? a->rehearsal.offset_ms : 0,
        .alarm = a->alarm,
    };
    /* TZ is set before the fetch thread exists (see clock.c). */
    clock_use_zone(feed_timezone(bundle_feed(first)));
    a->show = show_new(&sc, first);
    return a->show != NULL;
}

static int save_screenshot(struct app *a)
{
    SDL_Surface *s = show_snapshot(a->show, false);
    int rc = s && IMG_SavePNG(s, a->opt->screenshot) == 0 ? 0 : 1;
    if (rc)
        log_error("could not save the screenshot %s: %s", a->opt->screenshot, SDL_GetError());
    else
        log_info("screenshot saved to %s", a->opt->screenshot);
    SDL_FreeSurface(s);
    return rc;
}

static int run(struct app *a)
{
    char builtin[PATH_MAX + 32];
    data_dir(a->opt, a->data, sizeof a->data);
    snprintf(builtin, sizeof builtin, "%s/assets/demo/feed.json", a->data);
    a->cache_dir = a->opt->cache_dir ? strdup(a->opt->cache_dir) : default_cache_dir();
    if (!a->card_only)
        log_info("vitrine %s starting: %s%s%s, cache %s", VITRINE_VERSION,
                 a->opt->feed ? "feed " : "the built-in demo deck",
                 a->opt->feed ? a->opt->feed : "", a->opt->config ? " (config read)" : "",
                 a->cache_dir ? a->cache_dir : "none");
    if (!start_sdl(a) || !start_render(a)) return 1;
    a->status = status_open(a->opt->status, a->opt->feed ? a->opt->feed : builtin);
    struct fetch_config fc = fetch_config(a, builtin);
    if (!start_show(a, &fc)) return 1;
    if (a->opt->render_slides) {
        int n = show_render_slides(a->show, a->opt->render_slides);
        if (n >= 0) log_info("%d slide images written to %s", n, a->opt->render_slides);
        return n < 0 ? 1 : 0;
    }
    if (a->card_only) {
        loop(a);
        return a->opt->screenshot ? save_screenshot(a) : 0;
    }
    a->fetch = fetch_start(&fc);
    struct alerts_config ac = {a->opt->alerts, a->opt->alerts_interval, a->alert_event, a->status};
    a->alerts = alerts_start(&ac);
    struct heartbeat_config hc = {
        .url = a->opt->heartbeat,
        .interval_s = a->opt->heartbeat_interval,
        .screenshot = a->opt->heartbeat_screenshot,
        .token_file = a->opt->token_file,
        .screen = a->opt->screen,
        .status = a->status,
        .frame_event = a->frame_event,
    };
    a->heartbeat = heartbeat_start(&hc);
    loop(a);
    return a->opt->screenshot ? save_screenshot(a) : 0;
}

static void stop(struct app *a)
{
    signals_stop(a->signals);
    heartbeat_stop(a->heartbeat); /* joins: asks for no thumbnail after this */
    alerts_stop(a->alerts);       /* joins: no alert document arrives after this */
    fetch_stop(a->fetch);         /* nor a bundle after this */
    SDL_Event ev;                 /* updates pushed but never taken are still ours to free */
    while (SDL_WasInit(SDL_INIT_EVENTS) &&
           SDL_PeepEvents(&ev, 1, SDL_GETEVENT, a->update_event, a->alert_event) == 1) {
        if (ev.type == a->update_event) bundle_free(ev.user.data1);
        if (ev.type == a->alert_event) free(ev.user.data1);
    }
    show_free(a->show);
    bundle_free(a->card); /* never shown: start-up failed before the show */
    alarm_free(a->alarm);
    status_close(a->status);
    render_free(a->render);
    fonts_close(a->fonts);
    output_close(&a->out);
    free(a->cache_dir);
    IMG_Quit();
    if (TTF_WasInit()) TTF_Quit();
    SDL_Quit();
}

/* SIGHUP's reload: the same command line, from the start (config, cache, feed). The
 * process (and so its systemd unit and watchdog) stays the same. */
static int reexec(char **argv)
{
    execv("/proc/self/exe", argv);
    log_error("SIGHUP: could not restart for the reload: %s", strerror(errno));
    return 1;
}

/* A configuration that does not parse, under systemd: the card on screen instead of
 * exit status 2 (see configcard.h), with the command line's own options (the display,
 * --headless, --screenshot...). Stays up, watchdog served, until stopped; SIGHUP
 * re-executes, so a fixed file takes over without a new process. Exit
 * status 2 when even the card cannot show. */
static int show_config_error(int argc, char **argv, const char *why, int64_t start_ms)
{
    struct options opt;
    char err[512] = "";
    if (options_parse_flags(&opt, argc, argv, err, sizeof err) != OPTIONS_RUN) {
        options_free(&opt);
        return 2;
    }
    struct signature_rule sign = {NULL, NULL};
    struct app a = {.opt = &opt, .sign = &sign, .start_ms = start_ms, .argc = argc, .argv = argv};
    a.card = configcard_deck(why);
    a.card_only = true;
    log_info("showing the configuration error on screen until the file is fixed and vitrine "
             "restarted");
    int rc = a.card ? run(&a) : 2;
    stop(&a);
    options_free(&opt);
    if (a.reload) return reexec(argv);
    return rc == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    int64_t start_ms = clock_system()->mono_ms(clock_system()->ctx);
    signals_prepare(); /* before any thread: they all inherit the blocked signals */
    struct options opt;
    char err[512] = "";
    switch (options_parse(&opt, argc, argv, err, sizeof err)) {
    case OPTIONS_EXIT_OK:
        options_free(&opt);
        return 0;
    case OPTIONS_USAGE:
        fprintf(stderr, "vitrine: %s\n", err);
        options_free(&opt);
        return configcard_wanted() ? show_config_error(argc, argv, err, start_ms) : 2;
    case OPTIONS_RUN:
        break;
    }
    struct minisig_key key;
    struct signature_rule sign = {NULL, opt.signature};
    if (opt.public_key) { /* a broken key is a configuration error: no restart storm */
        if (!signature_load_key(opt.public_key, &key, err, sizeof err)) {
            fprintf(stderr, "vitrine: %s\n", err);
            options_free(&opt);
            return configcard_wanted() ? show_config_error(argc, argv, err, start_ms) : 2;
        }
        sign.key = &key;
    }
    http_global_init(opt.ca_file);
    cap_global_init();
    int rc;
    bool reload = false;
    if (opt.check) {
        log_set_quiet(1);
        rc = run_check(opt.feed, opt.token_file, &sign);
    } else if (opt.plan) {
        char data[PATH_MAX], builtin[PATH_MAX + 32];
        log_set_quiet(1);
        data_dir(&opt, data, sizeof data);
        snprintf(builtin, sizeof builtin, "%s/assets/demo/feed.json", data);
        rc = plancmd_run(&opt, builtin, &sign);
    } else {
        struct app a = {
            .opt = &opt, .sign = &sign, .start_ms = start_ms, .argc = argc, .argv = argv};
        rc = run(&a);
        stop(&a);
        reload = a.reload;
    }
    cap_global_cleanup();
    http_global_cleanup();
    options_free(&opt);
    return reload ? reexec(argv) : rc;
}
