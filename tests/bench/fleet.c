/* vitrine-fleet — many screens in one process, for the fleet simulation
 * (tests/bench/fleet.py): N copies of vitrine's own fetch side (fetch.h: the same poll
 * loop, jitter, backoff, conditional requests, cache and hand-over), each with its own
 * cache directory, polling one feed URL. Every deck they hand over is counted and
 * freed; nothing is drawn. What the web server sees is exactly what N screens cost it.
 *
 * Usage: vitrine-fleet URL SCREENS INTERVAL_S SECONDS CACHE_ROOT
 * Prints one JSON line at the end: {"screens":N,"decks":D,"seconds":S}. */
#include "bundle.h"
#include "fetch.h"
#include "http.h"
#include "log.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define MAX_SCREENS 2000

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s URL SCREENS INTERVAL_S SECONDS CACHE_ROOT\n", argv[0]);
        return 2;
    }
    const int n = atoi(argv[2]), interval = atoi(argv[3]), seconds = atoi(argv[4]);
    if (n < 1 || n > MAX_SCREENS || interval < 1 || seconds < 1) return 2;
    log_set_quiet(1); /* 500 screens' failure lines are the server's story, not ours */
    if (SDL_Init(SDL_INIT_EVENTS) != 0) return 1;
    http_global_init(NULL);
    const Uint32 ev_type = SDL_RegisterEvents(1);
    static struct fetch *screens[MAX_SCREENS];
    static char dirs[MAX_SCREENS][512];
    for (int i = 0; i < n; i++) {
        snprintf(dirs[i], sizeof dirs[i], "%s/screen-%04d", argv[5], i);
        struct fetch_config fc = {
            .feed = argv[1], .cache_dir = dirs[i], .interval_s = interval, .event_type = ev_type};
        screens[i] = fetch_start(&fc);
        if (!screens[i]) fprintf(stderr, "screen %d did not start\n", i);
    }
    long decks = 0;
    const Uint32 end = SDL_GetTicks() + (Uint32)seconds * 1000u;
    SDL_Event ev;
    while (!SDL_TICKS_PASSED(SDL_GetTicks(), end)) {
        if (!SDL_WaitEventTimeout(&ev, 100)) continue;
        if (ev.type == ev_type) bundle_free(ev.user.data1), decks++;
    }
    for (int i = n; i-- > 0;)
        fetch_stop(screens[i]);
    while (SDL_PollEvent(&ev))
        if (ev.type == ev_type) bundle_free(ev.user.data1), decks++;
    printf("{\"screens\": %d, \"decks\": %ld, \"seconds\": %d}\n", n, decks, seconds);
    http_global_cleanup();
    SDL_Quit();
    return 0;
}
