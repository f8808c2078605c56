/* Unit tests for layout: every design stays inside the safe area at every promised
 * screen size, keeps body text at 3% of the height, and degrades gracefully (ellipsis,
 * "+ N more") on content too big for the screen. Fake metrics: no SDL needed. */
#include "feed.h"
#include "board.h"
#include "layout.h"
#include "programme.h"
#include "rfc3339.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Every character 0.55 em wide, lines 1.2 em: close to Noto Sans on average. */
static int fake_width(void *ctx, enum font_style style, int size, const char *s, size_t len)
{
    (void)ctx;
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xc0) != 0x80;
    return (int)(chars * size * (style ? 0.6 : 0.55) + 0.5);
}

static int fake_line_height(void *ctx, enum font_style style, int size)
{
    (void)ctx;
    (void)style;
    return (int)(size * 1.2 + 0.5);
}

static const struct text_metrics metrics = {NULL, fake_width, fake_line_height};
static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

static struct feed *parse(const char *json)
{
    struct feed *f = feed_parse(json, strlen(json), "/srv/feed.json", NULL, NULL);
    assert_non_null(f);
    return f;
}

static struct feed *demo(void)
{
    char path[4096];
    const char *data = getenv("VITRINE_TEST_DATA");
    snprintf(path, sizeof path, "%s/../assets/demo/feed.json", data ? data : "tests");
    struct feed *f = feed_load_file(path, NULL, NULL);
    assert_non_null(f);
    return f;
}

static void assert_inside(const struct layout_rect *r, const struct layout_rect *safe)
{
    if (r->x < safe->x || r->y < safe->y || r->x + r->w > safe->x + safe->w ||
        r->y + r->h > safe->y + safe->h)
        fail_msg("box %d,%d %dx%d leaves the safe area %d,%d %dx%d", r->x, r->y, r->w, r->h,
                 safe->x, safe->y, safe->w, safe->h);
}

static size_t count_texts(const struct slide_layout *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->e[i].kind == LAYOUT_ELEM_TEXT;
    return n;
}

static void check_all_slides(const struct feed *f)
{
    struct slide_layout *l = malloc(sizeof *l);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        for (size_t i = 0; i < feed_slide_count(f); i++) {
            for (size_t lang = 0; lang < feed_lang_count(f); lang++) {
                for (int image = 0; image < 2; image++) {
                    layout_slide(l, f, feed_slide(f, i), lang, image, w, h, 0, &metrics);
                    assert_true(count_texts(l) >= 2);
                    for (size_t e = 0; e < l->n; e++) {
                        assert_inside(&l->e[e].box, &l->safe);
                        if (l->e[e].kind == LAYOUT_ELEM_TEXT)
                            assert_true(l->e[e].block.size >= (int)(0.03 * h));
                    }
                }
            }
        }
    }
    free(l);
}

static void every_demo_slide_fits_the_safe_area_at_every_size(void **state)
{
    (void)state;
    struct feed *f = demo();
    check_all_slides(f);
    feed_free(f);
}

/* The demo's sessions board, laid out from the sample export at moments of the sample
 * conference (a morning, an afternoon, the night hackathon, the night between days, the
 * last day, the week before): every box inside the safe area, body text at the 3%
 * floor, and the words that must be there. */
static void the_demo_board_fits_the_safe_area_at_every_size_and_moment(void **state)
{
    (void)state;
    static const char *const moments[] = {"2026-12-08T10:40:00-05:00", "2026-12-08T14:40:00-05:00",
                                          "2026-12-08T23:00:00-05:00", "2026-12-09T03:00:00-05:00",
                                          "2026-12-10T12:10:00-05:00", "2026-12-01T12:00:00-05:00"};
    char path[4096];
    const char *data = getenv("VITRINE_TEST_DATA");
    snprintf(path, sizeof path, "%s/../assets/demo/programme.json", data ? data : "tests");
    struct programme *p = programme_load_file(path, "America/Toronto", NULL, NULL);
    assert_non_null(p);
    struct feed *f = demo();
    const struct slide *board = NULL;
    for (size_t i = 0; i < feed_slide_count(f); i++)
        if (feed_slide(f, i)->type == SLIDE_SESSIONS) board = feed_slide(f, i);
    assert_non_null(board);
    struct slide_layout *l = malloc(sizeof *l);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        const int w = sizes[z][0], h = sizes[z][1];
        for (size_t m = 0; m < sizeof moments / sizeof *moments; m++) {
            int64_t t, next;
            assert_true(rfc3339_parse(moments[m], &t));
            for (size_t lang = 0; lang < feed_lang_count(f); lang++) {
                layout_board(l, f, board, lang, p, m == 0, t, w, h, 0, &metrics, &next);
                assert_true(next > t);
                assert_true(count_texts(l) >= 4);
                bool resumes = false, stale = false;
                for (size_t e = 0; e < l->n; e++) {
                    assert_inside(&l->e[e].box, &l->safe);
                    if (l->e[e].kind != LAYOUT_ELEM_TEXT) continue;
                    assert_true(l->e[e].block.size >= (int)(0.03 * h));
                    resumes |= strstr(l->e[e].text, lang ? "resumes" : "reprend") != NULL;
                    stale |= strcmp(l->e[e].text, lang ? "Programme not updated"
                                                       : "Programme non actualisé") == 0;
                }
                assert_int_equal(resumes, m == 3 || m == 5); /* the night, the week before */
                assert_int_equal(stale, m == 0);
            }
        }
    }
    free(l);
    feed_free(f);
    programme_free(p);
}

/* A programme of more rooms than a board holds: the rooms that do not fit are counted in
 * a "+ N more" line, and everything stays inside the safe area. */
static void a_board_of_many_rooms_counts_those_that_do_not_fit(void **state)
{
    (void)state;
    enum { ROOMS = 12 };
    char doc[16384];
    int n = snprintf(doc, sizeof doc,
                     "{\"schedule\":{\"version\":\"1\",\"conference\":{\"title\":\"Big\","
                     "\"time_zone_name\":\"America/Toronto\",\"days\":[{\"index\":1,"
                     "\"date\":\"2026-12-08\",\"rooms\":{");
    for (int r = 0; r < ROOMS; r++)
        n += snprintf(doc + n, sizeof doc - (size_t)n,
                      "%s\"Room %d\":[{\"guid\":\"g%d\",\"title\":\"A talk with a long title "
                      "about the weather in room %d\",\"date\":\"2026-12-08T10:00:00-05:00\","
                      "\"duration\":\"01:00\",\"persons\":[{\"public_name\":\"Ada\"}]}]",
                      r ? "," : "", r, r, r);
    n += snprintf(doc + n, sizeof doc - (size_t)n, "}}]}}}");
    assert_true(n > 0 && (size_t)n < sizeof doc);
    struct programme *p = programme_parse(doc, (size_t)n, NULL, NULL, NULL);
    assert_non_null(p);
    assert_int_equal(programme_room_count(p), ROOMS);
    struct feed *f = demo();
    const struct slide *board = NULL;
    for (size_t i = 0; i < feed_slide_count(f); i++)
        if (feed_slide(f, i)->type == SLIDE_SESSIONS) board = feed_slide(f, i);
    struct slide_layout *l = malloc(sizeof *l);
    int64_t t, next;
    assert_true(rfc3339_parse("2026-12-08T10:30:00-05:00", &t));
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        layout_board(l, f, board, 1, p, false, t, sizes[z][0], sizes[z][1], 0, &metrics, &next);
        size_t rooms = 0;
        const char *more = NULL;
        for (size_t e = 0; e < l->n; e++) {
            assert_inside(&l->e[e].box, &l->safe);
            if (l->e[e].kind != LAYOUT_ELEM_TEXT) continue;
            rooms += strncmp(l->e[e].text, "Room ", 5) == 0;
            if (strncmp(l->e[e].text, "+ ", 2) == 0) more = l->e[e].text;
        }
        assert_true(rooms >= 2 && rooms < ROOMS);
        assert_non_null(more);
        char want[32];
        snprintf(want, sizeof want, "+ %zu more rooms", ROOMS - rooms);
        assert_string_equal(more, want);
    }
    free(l);
    feed_free(f);
    programme_free(p);
}

static void safe_area_is_five_percent_plus_overscan(void **state)
{
    (void)state;
    struct layout_rect r = layout_safe_area(1920, 1080, 0);
    assert_int_equal(r.x, 96);
    assert_int_equal(r.y, 54);
    assert_int_equal(r.w, 1728);
    assert_int_equal(r.h, 972);
    r = layout_safe_area(1920, 1080, 3);
    assert_int_equal(r.x, 153);
    assert_int_equal(r.y, 86);
}

static void overlong_text_is_cut_with_an_ellipsis_not_overflowing(void **state)
{
    (void)state;
    char *json = malloc(200000);
    char *words = malloc(150000);
    size_t n = 0;
    while (n + 12 < 150000)
        n += (size_t)sprintf(words + n, "mot%zu ", n % 97);
    words[n] = '\0';
    sprintf(json,
            "{\"vitrine\":1,\"event\":{\"name\":\"E\"},\"slides\":[{\"id\":\"a\","
            "\"type\":\"announcement\",\"title\":\"%.3000s\",\"text\":\"%.60000s\","
            "\"when\":\"%.500s\",\"where\":\"%.500s\",\"link\":\"https://example.org/x\"}]}",
            words, words, words, words);
    struct feed *f = parse(json);
    check_all_slides(f);
    struct slide_layout *l = malloc(sizeof *l);
    layout_slide(l, f, feed_slide(f, 0), 0, false, 1920, 1080, 0, &metrics);
    bool truncated = false;
    for (size_t e = 0; e < l->n; e++)
        truncated |= l->e[e].kind == LAYOUT_ELEM_TEXT && l->e[e].block.truncated;
    assert_true(truncated);
    free(l);
    feed_free(f);
    free(words);
    free(json);
}

static void ten_thousand_members_end_with_how_many_more(void **state)
{
    (void)state;
    size_t cap = 10000 * 40 + 1000, n = 0;
    char *json = malloc(cap);
    n += (size_t)sprintf(json, "{\"vitrine\":1,\"event\":{\"name\":\"E\"},\"slides\":[{\"id\":"
                               "\"d\",\"type\":\"delegation\",\"title\":\"T\",\"members\":[");
    for (int i = 0; i < 10000; i++)
        n +=
            (size_t)sprintf(json + n, "%s{\"name\":\"Member %d\",\"role\":\"R\"}", i ? "," : "", i);
    sprintf(json + n, "]}]}");
    struct feed *f = parse(json);
    check_all_slides(f);
    struct slide_layout *l = malloc(sizeof *l);
    layout_slide(l, f, feed_slide(f, 0), 1, false, 1920, 1080, 0, &metrics);
    const struct elem *last = NULL;
    for (size_t e = 0; e < l->n; e++)
        if (l->e[e].kind == LAYOUT_ELEM_TEXT) last = &l->e[e];
    assert_non_null(last);
    assert_memory_equal(last->text, "+ ", 2);
    assert_non_null(strstr(last->text, "more"));
    free(l);
    feed_free(f);
    free(json);
}

static void urgent_slides_get_a_band_and_their_own_colours(void **state)
{
    (void)state;
    struct feed *f = parse("{\"vitrine\":1,\"event\":{\"name\":\"E\"},\"slides\":["
                           "{\"id\":\"n\",\"type\":\"announcement\",\"title\":\"Normal\"},"
                           "{\"id\":\"u\",\"type\":\"announcement\",\"title\":\"Fire drill\","
                           "\"urgent\":true}]}");
    struct slide_layout *normal = malloc(sizeof *normal), *urgent = malloc(sizeof *urgent);
    layout_slide(normal, f, feed_slide(f, 0), 0, false, 1920, 1080, 0, &metrics);
    layout_slide(urgent, f, feed_slide(f, 1), 0, false, 1920, 1080, 0, &metrics);
    assert_int_not_equal(normal->bg_top, urgent->bg_top);
    assert_int_equal(urgent->e[0].kind, LAYOUT_ELEM_RECT);
    assert_true(urgent->e[0].box.w == urgent->safe.w);
    free(urgent);
    free(normal);
    feed_free(f);
}

static void idle_screen_places_the_clock_inside_the_safe_area(void **state)
{
    (void)state;
    struct feed *f = demo();
    struct slide_layout *l = malloc(sizeof *l);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        layout_idle(l, f, 0, sizes[z][0], sizes[z][1], 0, &metrics);
        assert_inside(&l->clock, &l->safe);
        assert_int_equal(count_texts(l), 1);
    }
    free(l);
    feed_free(f);
}

static void chrome_boxes_stay_inside_the_safe_area(void **state)
{
    (void)state;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        struct chrome_layout c;
        layout_chrome(&c, sizes[z][0], sizes[z][1], 0);
        assert_inside(&c.name, &c.safe);
        assert_inside(&c.clock, &c.safe);
        assert_inside(&c.progress, &c.safe);
        assert_inside(&c.bar, &c.safe);
        assert_inside(&c.stale, &c.safe);
        assert_true(c.text_size >= (int)(0.03 * sizes[z][1]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_demo_slide_fits_the_safe_area_at_every_size),
        cmocka_unit_test(the_demo_board_fits_the_safe_area_at_every_size_and_moment),
        cmocka_unit_test(a_board_of_many_rooms_counts_those_that_do_not_fit),
        cmocka_unit_test(safe_area_is_five_percent_plus_overscan),
        cmocka_unit_test(overlong_text_is_cut_with_an_ellipsis_not_overflowing),
        cmocka_unit_test(ten_thousand_members_end_with_how_many_more),
        cmocka_unit_test(urgent_slides_get_a_band_and_their_own_colours),
        cmocka_unit_test(idle_screen_places_the_clock_inside_the_safe_area),
        cmocka_unit_test(chrome_boxes_stay_inside_the_safe_area),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
