/* alerts — the emergency alert source's thread (see alerts.h). */
#include "alerts.h"

#include "cap.h"
#include "clock.h"
#include "file.h"
#include "http.h"
#include "log.h"
#include "status.h"
#include "url.h"
#include "waiter.h"

#include <SDL.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WHY_MAX 768

struct alerts {
    struct alerts_config cfg;
    bool remote;
    SDL_Thread *thread;
    struct waiter waiter; /* cuts a wait short on stop */
    atomic_bool stop;
    struct http *http;
    char *etag, *last_modified; /* of the last good document */
    struct stat st;             /* file sources: the version last read */
    bool st_valid;
    char why[WHY_MAX]; /* the failure last reported, "" when the source is fine */
};

static bool stopping(struct alerts *a)
{
    return atomic_load(&a->stop);
}

/* Logged once per distinct reason: a source down for hours is one line, not 960. */
static void failed(struct alerts *a, const char *why)
{
    if (stopping(a) || strcmp(a->why, why) == 0) return;
    snprintf(a->why, sizeof a->why, "%s", why);
    char sentence[WHY_MAX + 96];
    snprintf(sentence, sizeof sentence, "could not read the alerts from %s: %s", a->cfg.source,
             why);
    log_warn("%s; the slideshow goes on, trying again every %d s", sentence, a->cfg.interval_s);
    status_set_alerts_error(a->cfg.status, sentence);
}

static void fine(struct alerts *a)
{
    if (!a->why[0]) return;
    log_info("the alerts from %s can be read again", a->cfg.source);
    a->why[0] = '\0';
    status_set_alerts_error(a->cfg.status, NULL);
}

/* Parses a document and hands it over; true when it was a good one. */
static bool deliver(struct alerts *a, const char *body, size_t len)
{
    char why[256];
    struct cap_doc *doc = malloc(sizeof *doc);
    if (!doc) return false;
    if (!cap_parse(body, len, doc, why, sizeof why)) {
        char msg[300];
        snprintf(msg, sizeof msg, "not a usable alert: %s", why);
        failed(a, msg);
        free(doc);
        return false;
    }
    SDL_Event ev = {.type = a->cfg.event_type};
    ev.user.data1 = doc;
    if (SDL_PushEvent(&ev) != 1) {
        log_warn("could not hand an alert document over: %s", SDL_GetError());
        free(doc);
        return false;
    }
    fine(a);
    return true;
}

static void poll_url(struct alerts *a)
{
    struct http_request q = {a->cfg.source, a->etag, a->last_modified, NULL, CAP_MAX_BYTES, 0};
    struct http_response r;
    const enum http_result g = http_get(a->http, &q, &r);
    if (g == HTTP_FAILED) failed(a, r.why);
    if (g == HTTP_NOT_MODIFIED) fine(a);
    if (g == HTTP_OK && deliver(a, (const char *)r.body, r.len)) {
        free(a->etag);
        free(a->last_modified);
        a->etag = r.etag, a->last_modified = r.last_modified;
        r.etag = r.last_modified = NULL;
    }
    http_response_clear(&r);
}

static void check_file(struct alerts *a)
{
    struct stat st;
    if (stat(a->cfg.source, &st) != 0) {
        a->st_valid = false;
        failed(a, strerror(errno));
        return;
    }
    if (a->st_valid && file_same_version(&st, &a->st)) return;
    unsigned char *body = NULL;
    size_t len = 0;
    char why[512];
    if (!file_read(a->cfg.source, CAP_MAX_BYTES, &body, &len, why, sizeof why)) {
        failed(a, why);
        return;
    }
    a->st = st;
    a->st_valid = deliver(a, (const char *)body, len);
    free(body);
}

static int thread_main(void *arg)
{
    struct alerts *a = arg;
    do {
        if (a->remote)
            poll_url(a);
        else
            check_file(a);
    } while (
        !waiter_sleep(&a->waiter, a->remote ? a->cfg.interval_s * 1000LL : 1000, &a->stop, NULL));
    return 0;
}

static void alerts_free(struct alerts *a)
{
    if (!a) return;
    free(a->last_modified);
    free(a->etag);
    http_free(a->http);
    waiter_destroy(&a->waiter);
    free(a);
}

struct alerts *alerts_start(const struct alerts_config *cfg)
{
    if (!cfg->source) return NULL;
    struct alerts *a = calloc(1, sizeof *a);
    if (!a || !waiter_init(&a->waiter)) {
        free(a);
        return NULL;
    }
    a->cfg = *cfg;
    a->remote = url_is_remote(cfg->source);
    atomic_init(&a->stop, false);
    if (!(a->http = http_new(&a->stop)) ||
        !(a->thread = SDL_CreateThread(thread_main, "vitrine-alerts", a))) {
        log_warn("could not start watching the alerts from %s", cfg->source);
        alerts_free(a);
        return NULL;
    }
    log_info("watching the alerts from %s every %d s", cfg->source,
             a->remote ? cfg->interval_s : 1);
    return a;
}

void alerts_stop(struct alerts *a)
{
    if (!a) return;
    waiter_raise(&a->waiter, &a->stop);
    SDL_WaitThread(a->thread, NULL);
    alerts_free(a);
}
