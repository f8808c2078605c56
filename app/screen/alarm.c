/* alarm — the emergency alert on screen (see alarm.h). */
#include "alarm.h"

#include "cap.h"
#include "feed.h"
#include "log.h"
#include "platform.h"
#include "render.h"
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 8

struct alarm {
    struct alarm_config cfg;
    struct cap_doc *doc;
    bool showing;
    struct cap_view view;     /* what is on screen while showing */
    struct view *pictures[2]; /* one per text of view, built when it starts */
};

struct alarm *alarm_new(const struct alarm_config *cfg)
{
    struct alarm *a = calloc(1, sizeof *a);
    if (a) a->cfg = *cfg;
    return a;
}

static void drop_pictures(struct alarm *a)
{
    for (size_t i = 2; i-- > 0;) {
        render_view_free(a->pictures[i]);
        a->pictures[i] = NULL;
    }
}

void alarm_free(struct alarm *a)
{
    if (!a) return;
    drop_pictures(a);
    free(a->doc);
    free(a);
}

void alarm_offer(struct alarm *a, struct cap_doc *doc)
{
    free(a->doc);
    a->doc = doc;
}

static const char *severity_name(enum cap_severity s)
{
    static const char *const names[] = {"Unknown", "Minor", "Moderate", "Severe", "Extreme"};
    return (unsigned)s < 5 ? names[s] : "Unknown";
}

static void announce_start(struct alarm *a)
{
    const struct cap_view *v = &a->view;
    char line[CAP_ID_MAX + CAP_HEADLINE_MAX + 96];
    snprintf(line, sizeof line, "alert on screen: %s (%s%s, %s): %s", v->identifier,
             severity_name(v->severity), v->test ? ", a test" : "",
             v->takeover ? "whole screen" : "banner", v->text[0].headline);
    log_warn("%s", line);
    platform_notify_status(line);
    status_set_alert(a->cfg.status, v->identifier);
}

static void announce_end(struct alarm *a)
{
    log_info("alert off screen: %s (cancelled, expired or replaced)", a->view.identifier);
    platform_notify_status("alert ended");
    status_set_alert(a->cfg.status, NULL);
}

/* A different alert, or the same one changed (an Update, another language found). */
static void start(struct alarm *a, const struct cap_view *v)
{
    const bool same_id = a->showing && strcmp(a->view.identifier, v->identifier) == 0;
    if (a->showing && !same_id) announce_end(a);
    drop_pictures(a);
    a->view = *v;
    a->showing = true;
    for (size_t i = 0; i < v->n_texts; i++)
        a->pictures[i] = render_view_alert(a->cfg.render, v, i);
    if (!same_id) announce_start(a);
}

static void stop(struct alarm *a)
{
    if (!a->showing) return;
    announce_end(a);
    drop_pictures(a);
    a->showing = false;
}

static bool same_text(const struct cap_text *x, const struct cap_text *y)
{
    return strcmp(x->lang, y->lang) == 0 && strcmp(x->event, y->event) == 0 &&
           strcmp(x->headline, y->headline) == 0 && strcmp(x->instruction, y->instruction) == 0 &&
           strcmp(x->sender, y->sender) == 0;
}

/* What the pictures show is the same (the count of active alerts is not drawn). */
static bool same_view(const struct cap_view *x, const struct cap_view *y)
{
    if (strcmp(x->identifier, y->identifier) != 0 || x->severity != y->severity ||
        x->takeover != y->takeover || x->test != y->test || x->n_texts != y->n_texts)
        return false;
    for (size_t i = 0; i < x->n_texts; i++)
        if (!same_text(&x->text[i], &y->text[i])) return false;
    return true;
}

static int64_t min64(int64_t x, int64_t y)
{
    return x < y ? x : y;
}

const struct view *alarm_now(struct alarm *a, const struct feed *feed, int64_t wall_ms,
                             int64_t mono_ms, bool *takeover, int64_t *wait_ms)
{
    const char *langs[MAX_LANGS];
    size_t n = feed_lang_count(feed) < MAX_LANGS ? feed_lang_count(feed) : MAX_LANGS;
    struct cap_view v;
    *takeover = false;
    for (size_t i = 0; i < n; i++)
        langs[i] = feed_lang(feed, i);
    if (!a->doc || !cap_view_at(a->doc, wall_ms / 1000, a->cfg.show_tests, langs, n, &v)) {
        stop(a);
        if (a->doc && a->doc->n) *wait_ms = min64(*wait_ms, ALARM_CHECK_MS);
        return NULL;
    }
    if (!a->showing || !same_view(&v, &a->view)) start(a, &v);
    *wait_ms = min64(*wait_ms, ALARM_CHECK_MS - wall_ms % ALARM_CHECK_MS);
    const size_t which = a->view.n_texts > 1 ? (size_t)(mono_ms / ALARM_LANG_MS) % 2 : 0;
    if (a->view.n_texts > 1) *wait_ms = min64(*wait_ms, ALARM_LANG_MS - mono_ms % ALARM_LANG_MS);
    *takeover = a->view.takeover;
    return a->pictures[which] ? a->pictures[which] : a->pictures[0];
}
