/* fuzz_feed — libFuzzer target for the feed parser and validator (app/content/feed.c).
 *
 * Input: byte 0 picks the base (0: none, 1: an https URL, 2: a file path, by value % 3)
 * and whether to parse again without a report callback; the rest is the document.
 * Every accessor is walked and every string read to its end, so ASan sees any pointer
 * the feed hands out that is dangling or unterminated, and the header's promises are
 * checked: limits, resolved fallbacks, absolute image/link values, UTF-8 texts, and
 * "NULL exactly when a FEED_ERROR was reported". The same bytes also go through
 * rfc3339_parse, and a date it accepts must come back unchanged through rfc3339_format.
 * Runs on libFuzzer's thread only. */
#include "feed.h"
#include "roomstatus.h"
#include "rfc3339.h"
#include "url.h"
#include "utf8_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TIME_MAX_INPUT 64 /* bytes given to rfc3339_parse; longer is never a date */
#define YEAR_0         INT64_C(-62167219200) /* 0000-01-01T00:00:00Z */
#define YEAR_9999_END  INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

static const char *const bases[] = {NULL, "https://example.org/feeds/feed.json",
                                    "/srv/vitrine/feed.json"};

struct report_count {
    size_t errors, warnings;
};

static void count_report(void *ctx, enum feed_severity severity, const char *path,
                         const char *message)
{
    struct report_count *count = ctx;
    FUZZ_ASSERT(path != NULL && message != NULL);
    FUZZ_ASSERT(strlen(message) > 0);
    (void)strlen(path);
    FUZZ_ASSERT(severity == FEED_WARNING || severity == FEED_ERROR);
    if (severity == FEED_ERROR)
        count->errors++;
    else
        count->warnings++;
}

static void check_string(const char *s)
{
    FUZZ_ASSERT(s != NULL);
    const size_t len = strlen(s);
    FUZZ_ASSERT(utf8_check_valid(s, len));
}

/* An ltext is either absent (all NULL) or resolved for every language of the feed. */
static void check_ltext(const struct feed *feed, const struct ltext *t)
{
    FUZZ_ASSERT(t != NULL);
    const size_t langs = feed_lang_count(feed);
    const bool present = t->v[0] != NULL;
    for (size_t i = 0; i < langs; i++) {
        FUZZ_ASSERT((t->v[i] != NULL) == present);
        if (t->v[i] == NULL) continue;
        check_string(t->v[i]);
        FUZZ_ASSERT(strlen(t->v[i]) <= FEED_MAX_TEXT);
    }
    for (size_t i = langs; i < FEED_MAX_LANGS; i++)
        if (t->v[i] != NULL) (void)strlen(t->v[i]);
}

/* An image or link is absolute: an http(s) URL, or (for a feed read from disk) a path. */
static void check_reference(const char *s)
{
    if (s == NULL) return;
    FUZZ_ASSERT(url_is_remote(s) || s[0] == '/');
}

static void check_slide(const struct feed *feed, const struct slide *s)
{
    FUZZ_ASSERT(s != NULL);
    if (s->id != NULL) (void)strlen(s->id);
    FUZZ_ASSERT(s->type == SLIDE_PARTNER || s->type == SLIDE_DELEGATION ||
                s->type == SLIDE_ANNOUNCEMENT || s->type == SLIDE_SESSIONS);
    if (s->type == SLIDE_SESSIONS) FUZZ_ASSERT(s->source != NULL);
    for (size_t i = 0; i < s->n_rooms; i++)
        (void)strlen(s->rooms[i]);
    for (size_t i = 0; i < s->n_status; i++)
        FUZZ_ASSERT(!s->status[i].room != !s->status[i].talk);
    FUZZ_ASSERT(s->transition == TRANSITION_FADE || s->transition == TRANSITION_SLIDE ||
                s->transition == TRANSITION_CUT);
    FUZZ_ASSERT(s->duration_ms >= FEED_MIN_DURATION * 1000 &&
                s->duration_ms <= FEED_MAX_DURATION * 1000);
    check_ltext(feed, &s->title);
    check_ltext(feed, &s->subtitle);
    check_ltext(feed, &s->text);
    check_ltext(feed, &s->when);
    check_ltext(feed, &s->where);
    check_reference(s->image);
    check_reference(s->link);
    FUZZ_ASSERT(s->n_members <= FEED_MAX_MEMBERS);
    FUZZ_ASSERT(s->n_members == 0 || s->members != NULL);
    for (size_t i = 0; i < s->n_members; i++) {
        if (s->members[i].name != NULL) check_string(s->members[i].name);
        check_ltext(feed, &s->members[i].role);
    }
}

static void walk_feed(const struct feed *feed)
{
    check_ltext(feed, feed_event_name(feed));
    check_string(feed_timezone(feed));
    const size_t langs = feed_lang_count(feed);
    FUZZ_ASSERT(langs >= 1 && langs <= FEED_MAX_LANGS);
    for (size_t i = 0; i < langs; i++)
        check_string(feed_lang(feed, i));
    const size_t slides = feed_slide_count(feed);
    FUZZ_ASSERT(slides >= 1 && slides <= FEED_MAX_SLIDES);
    for (size_t i = 0; i < slides; i++)
        check_slide(feed, feed_slide(feed, i));
    const char *digest = feed_digest(feed);
    FUZZ_ASSERT(digest != NULL && strlen(digest) == 16);
    FUZZ_ASSERT(strspn(digest, "0123456789abcdefABCDEF") == 16);
}

static void fuzz_parse_time(const uint8_t *data, size_t size)
{
    char s[TIME_MAX_INPUT + 1];
    const size_t n = size < TIME_MAX_INPUT ? size : TIME_MAX_INPUT;
    memcpy(s, data, n);
    s[n] = '\0';
    int64_t t = 0, back = 0;
    /* An offset may carry a date out of the four-digit years RFC 3339 can write. */
    if (!rfc3339_parse(s, &t) || t < YEAR_0 || t > YEAR_9999_END) return;
    char again[RFC3339_LEN];
    rfc3339_format(again, sizeof again, t);
    FUZZ_ASSERT(rfc3339_parse(again, &back) && back == t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    const char *base = bases[data[0] % 3];
    fuzz_parse_time(data + 1, size - 1);

    struct report_count count = {0, 0};
    struct feed *feed = feed_parse((const char *)data + 1, size - 1, base, count_report, &count);
    /* A rejected feed must say why; an accepted one has no fatal problem. */
    FUZZ_ASSERT((feed == NULL) == (count.errors > 0));
    const bool accepted = feed != NULL;
    if (feed != NULL) {
        walk_feed(feed);
        feed_free(feed);
    }
    /* The report callback is optional (checked on an eighth of the inputs: it doubles the
     * cost) and changes nothing but the reporting. */
    if ((data[0] & 0x70) == 0) {
        feed = feed_parse((const char *)data + 1, size - 1, base, NULL, NULL);
        FUZZ_ASSERT((feed != NULL) == accepted);
        if (feed != NULL) feed_free(feed);
    }
    return 0;
}
