/* Unit tests for show, the render loop's state, with an injected clock and a real SDL
 * software renderer drawing into a surface (no display): frames are drawn only when
 * something visible changes, transitions run on monotonic time, and a new deck waits
 * for the slide boundary. */
#include "bundle.h"
#include "clock.h"
#include "feed.h"
#include "fonts.h"
#include "render.h"
#include "show.h"
#include "status.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* 2026-11-21 00:00:00 UTC: a multiple of every loop length used below. */
#define T0 (1795219200000LL)

struct rig {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    struct fonts *fonts;
    struct render *render;
    struct status *status;
    struct clock_fake clock;
    struct show *show;
    char status_path[64];
};

static struct bundle *deck_from(const char *json, enum bundle_source source)
{
    struct feed *f = feed_parse(json, strlen(json), NULL, NULL, NULL);
    assert_non_null(f);
    size_t n = feed_slide_count(f);
    struct SDL_Surface **none = calloc(n, sizeof *none); /* every slide on its fallback */
    struct bundle *b = bundle_new(f, source, NULL, none, n, NULL);
    assert_non_null(b);
    return b;
}

static struct bundle *deck(const char *json)
{
    return deck_from(json, BUNDLE_SOURCE_FILE);
}

static const char *two_slides =
    "{\"vitrine\":1,\"event\":{\"name\":\"E\"},\"languages\":[\"en\"],"
    "\"defaults\":{\"duration\":10,\"transition\":\"fade\"},"
    "\"slides\":[{\"id\":\"a\",\"type\":\"announcement\",\"title\":\"A\"},"
    "{\"id\":\"b\",\"type\":\"announcement\",\"title\":\"B\"}]}";

/* A rig whose show has the given screen hours (minutes of the day, -1: always on) and
 * counts wall times before min_valid_s as an unset clock. */
static struct rig *rig_new(int screen_on, int screen_off, int64_t min_valid_s, bool remote,
                           enum bundle_source initial)
{
    struct rig *r = calloc(1, sizeof *r);
    char list[4096], err[256];
    const char *data = getenv("VITRINE_TEST_DATA");
    snprintf(list, sizeof list, "%s/../fonts/fonts.list", data ? data : "tests");
    assert_int_equal(TTF_Init(), 0);
    r->surface = SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888);
    r->renderer = SDL_CreateSoftwareRenderer(r->surface);
    r->fonts = fonts_open(list, err, sizeof err);
    assert_non_null(r->fonts);
    struct render_config rc = {640, 360, 0, 0, r->fonts};
    r->render = render_new(r->renderer, &rc);
    snprintf(r->status_path, sizeof r->status_path, "/tmp/vitrine-test-show-%d.json",
             (int)getpid());
    r->status = status_open(r->status_path, "test");
    clock_fake_init(&r->clock, T0 + 100);
    struct show_config sc = {.clock = &r->clock.clock,
                             .render = r->render,
                             .status = r->status,
                             .min_valid_s = min_valid_s,
                             .interval_s = 60,
                             .remote = remote,
                             .screen_on = screen_on,
                             .screen_off = screen_off};
    r->show = show_new(&sc, deck_from(two_slides, initial));
    assert_non_null(r->show);
    return r;
}

static int setup(void **state)
{
    *state = rig_new(-1, -1, 1000000000, false, BUNDLE_SOURCE_FILE);
    return 0;
}

/* The built-in demo deck on screen, waiting for the first real one. */
static int setup_builtin(void **state)
{
    *state = rig_new(-1, -1, 1000000000, true, BUNDLE_SOURCE_BUILTIN);
    return 0;
}

/* A polled feed (interval 60 s) that has not answered yet. */
static int setup_remote(void **state)
{
    *state = rig_new(-1, -1, 1000000000, true, BUNDLE_SOURCE_FILE);
    return 0;
}

#define HOURS_ON  (7 * 60 + 30) /* 07:30 */
#define HOURS_OFF (22 * 60)     /* 22:00 */

/* Screen hours 07:30-22:00 UTC (the test deck's time zone); T0 is midnight: off. */
static int setup_hours(void **state)
{
    *state = rig_new(HOURS_ON, HOURS_OFF, 1000000000, false, BUNDLE_SOURCE_FILE);
    return 0;
}

/* The same hours, but the wall clock (T0) is before the build date: unset. */
static int setup_hours_unset_clock(void **state)
{
    *state = rig_new(HOURS_ON, HOURS_OFF, T0 / 1000 + 86400, false, BUNDLE_SOURCE_FILE);
    return 0;
}

static int teardown(void **state)
{
    struct rig *r = *state;
    show_free(r->show);
    status_close(r->status);
    unlink(r->status_path);
    render_free(r->render);
    fonts_close(r->fonts);
    SDL_DestroyRenderer(r->renderer);
    SDL_FreeSurface(r->surface);
    TTF_Quit();
    free(r);
    return 0;
}

static char *status_version(const struct rig *r)
{
    json_t *j = json_load_file(r->status_path, 0, NULL);
    assert_non_null(j);
    char *v = strdup(json_string_value(json_object_get(j, "version")));
    json_decref(j);
    return v;
}

static void advance(struct rig *r, int64_t ms)
{
    clock_fake_advance(&r->clock, ms);
}

static void an_unchanged_slide_draws_no_frame(void **state)
{
    struct rig *r = *state;
    int64_t wait = show_tick(r->show);
    unsigned long frames = show_frames(r->show);
    assert_int_equal(frames, 1);
    assert_true(wait > 0 && wait <= 1000);
    /* Nothing moved: ticking again draws nothing. */
    for (int i = 0; i < 5; i++)
        show_tick(r->show);
    assert_int_equal(show_frames(r->show), frames);
    /* Inside the same second of the progress bar: still nothing. */
    advance(r, 100);
    show_tick(r->show);
    assert_int_equal(show_frames(r->show), frames);
    /* The bar's next second: one frame. */
    advance(r, 900);
    show_tick(r->show);
    assert_int_equal(show_frames(r->show), frames + 1);
}

static void a_transition_runs_on_monotonic_time_whatever_the_frame_rate(void **state)
{
    struct rig *r = *state;
    show_tick(r->show);
    advance(r, 10000 - 100); /* the boundary to slide b */
    assert_int_equal(show_tick(r->show), 16);
    /* Ticks at any rate: the transition ends when 800 ms of monotonic time have passed. */
    for (int i = 0; i < 7; i++) {
        advance(r, 100);
        assert_int_equal(show_tick(r->show), 16);
    }
    advance(r, 100);
    assert_true(show_tick(r->show) > 16);
}

static void a_new_deck_waits_for_the_slide_boundary(void **state)
{
    struct rig *r = *state;
    show_tick(r->show);
    char *before = status_version(r);
    show_offer(r->show, deck("{\"vitrine\":1,\"event\":{\"name\":\"New\"},\"slides\":["
                             "{\"id\":\"n\",\"type\":\"partner\",\"name\":\"N\"}]}"));
    advance(r, 5000);
    show_tick(r->show);
    char *mid = status_version(r);
    assert_string_equal(before, mid); /* never a jump mid-slide */
    advance(r, 5000);
    show_tick(r->show);
    char *after = status_version(r);
    assert_string_not_equal(before, after);
    free(after);
    free(mid);
    free(before);
}

static void a_scheduled_deck_shows_the_idle_screen_and_wakes_at_the_window(void **state)
{
    struct rig *r = *state;
    show_tick(r->show);
    show_offer(r->show, deck("{\"vitrine\":1,\"event\":{\"name\":\"E\"},\"slides\":["
                             "{\"id\":\"s\",\"type\":\"partner\",\"name\":\"S\","
                             "\"start\":\"2026-11-21T00:00:30Z\"}]}"));
    advance(r, 10000);                        /* boundary: the new deck has nothing active yet */
    assert_int_equal(show_tick(r->show), 16); /* fading to the idle screen */
    advance(r, 800);
    int64_t wait = show_tick(r->show);
    unsigned long frames = show_frames(r->show);
    /* Asleep until the window opens (or the idle clock's next minute, which is later). */
    assert_true(wait > 0 && wait <= 30000 - 10900);
    advance(r, 30000 - 10900);
    show_tick(r->show); /* the window opens: a slide, with its transition */
    assert_true(show_frames(r->show) > frames);
    SDL_Surface *snap = show_snapshot(r->show, false);
    assert_non_null(snap);
    assert_int_equal(snap->w, 640);
    SDL_FreeSurface(snap);
}

static const char *future_only = "{\"vitrine\":1,\"event\":{\"name\":\"E\"},\"slides\":["
                                 "{\"id\":\"s\",\"type\":\"partner\",\"name\":\"S\","
                                 "\"start\":\"2030-01-01T00:00:00Z\"}]}";

static void a_new_deck_replaces_the_idle_screen_at_once(void **state)
{
    struct rig *r = *state;
    show_tick(r->show);
    show_offer(r->show, deck(future_only));
    advance(r, 10000); /* boundary: the future-only deck goes up, nothing active: idle */
    show_tick(r->show);
    advance(r, 1000);
    show_tick(r->show);
    char *idle = status_version(r);
    show_offer(r->show, deck(two_slides)); /* published while the idle screen shows */
    advance(r, 100);
    show_tick(r->show);
    char *now = status_version(r);
    assert_string_not_equal(idle, now); /* no boundary to wait for, and none would come */
    free(now);
    free(idle);
}

/* The demo deck is a placeholder: the first real deck goes up at once, with its
 * transition; a real deck after it waits for the boundary again. */
static void the_first_real_deck_replaces_the_demo_deck_at_once(void **state)
{
    struct rig *r = *state;
    show_tick(r->show);
    advance(r, 2000);
    show_tick(r->show);
    char *demo = status_version(r);
    show_offer(r->show, deck_from("{\"vitrine\":1,\"event\":{\"name\":\"Real\"},\"slides\":["
                                  "{\"id\":\"r\",\"type\":\"partner\",\"name\":\"R\"}]}",
                                  BUNDLE_SOURCE_NETWORK));
    unsigned long frames = show_frames(r->show);
    assert_int_equal(show_tick(r->show), 16); /* mid-slide, and already fading */
    assert_true(show_frames(r->show) > frames);
    char *real = status_version(r);
    assert_string_not_equal(demo, real);
    advance(r, 800);
    show_tick(r->show);
    show_offer(r->show, deck_from(two_slides, BUNDLE_SOURCE_NETWORK));
    advance(r, 1000);
    show_tick(r->show);
    char *second = status_version(r);
    assert_string_equal(real, second); /* real over real: the slide boundary again */
    free(second);
    free(real);
    free(demo);
}

static void the_stale_mark_waits_three_intervals_from_start(void **state)
{
    struct rig *r = *state;
    show_tick(r->show);
    assert_false(show_is_stale(r->show)); /* never answered yet, but only just started */
    advance(r, 3 * 60000 - 1000);
    show_tick(r->show);
    assert_false(show_is_stale(r->show));
    advance(r, 2000);
    show_tick(r->show);
    assert_true(show_is_stale(r->show)); /* three intervals without a success */
    status_set_success(r->status, (T0 + 100 + 3 * 60000 + 1000) / 1000);
    advance(r, 1000);
    show_tick(r->show);
    assert_false(show_is_stale(r->show));
}

static void outside_screen_hours_nothing_is_drawn_until_they_start(void **state)
{
    struct rig *r = *state;
    const int64_t on_at = T0 + (int64_t)HOURS_ON * 60000;
    int64_t wait = show_tick(r->show);
    assert_true(show_is_blank(r->show));
    const unsigned long frames = show_frames(r->show);
    int64_t now = T0 + 100;
    int ticks = 0;
    /* Sleeping tick to tick, at most a minute each, drawing nothing, up to 07:30. */
    while (now < on_at) {
        assert_true(wait > 0 && wait <= 60000);
        assert_true(show_is_blank(r->show));
        assert_int_equal(show_frames(r->show), frames);
        advance(r, wait);
        now += wait;
        wait = show_tick(r->show);
        assert_true(++ticks < 1000);
    }
    /* Back on time: woken at 07:30 itself, and a slide drawn at once. */
    assert_true(now - on_at < 1000);
    assert_false(show_is_blank(r->show));
    assert_true(show_frames(r->show) > frames);
    /* And off again at 22:00. */
    advance(r, (int64_t)(HOURS_OFF - HOURS_ON) * 60000);
    show_tick(r->show);
    assert_true(show_is_blank(r->show));
}

static void an_unset_clock_keeps_the_screen_on_whatever_the_hours(void **state)
{
    struct rig *r = *state;
    int64_t wait = show_tick(r->show); /* 00:00 by an unset clock: not a reason to sleep */
    assert_false(show_is_blank(r->show));
    assert_int_equal(show_frames(r->show), 1);
    assert_true(wait > 0 && wait <= 60000); /* checked again soon, once the clock is set */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_unchanged_slide_draws_no_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(a_transition_runs_on_monotonic_time_whatever_the_frame_rate,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_new_deck_waits_for_the_slide_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_scheduled_deck_shows_the_idle_screen_and_wakes_at_the_window, setup, teardown),
        cmocka_unit_test_setup_teardown(a_new_deck_replaces_the_idle_screen_at_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_first_real_deck_replaces_the_demo_deck_at_once,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(the_stale_mark_waits_three_intervals_from_start,
                                        setup_remote, teardown),
        cmocka_unit_test_setup_teardown(outside_screen_hours_nothing_is_drawn_until_they_start,
                                        setup_hours, teardown),
        cmocka_unit_test_setup_teardown(an_unset_clock_keeps_the_screen_on_whatever_the_hours,
                                        setup_hours_unset_clock, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
