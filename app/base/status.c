/* status — the status file (see status.h). Called by the render thread (the deck on
 * screen) and the fetch thread (successes, errors); a mutex orders the changes and the
 * file writes, so the file on disk always matches the latest state. */
#include "status.h"

#include "clock.h"
#include "file.h"
#include "log.h"
#include "rfc3339.h"

#include <jansson.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define STATUS_FILE_MODE 0644 /* vitrinectl and monitoring read it as another user */

struct status {
    pthread_mutex_t lock;
    char *path; /* NULL: memory only */
    char *feed;
    char *source;              /* NULL until a deck goes on screen */
    size_t slides;             /* */
    char *version;             /* */
    char *last_error;          /* the feed's (or the deck's): cleared by a success */
    char *cache_error;         /* the cache's: cleared by a save */
    char *alert;               /* identifier of the emergency alert on screen, or NULL */
    char *alerts_error;        /* the alert source's, or NULL */
    char *heartbeat_error;     /* the heartbeat's, or NULL */
    atomic_llong last_success; /* unix seconds, 0: none; read without the lock */
};

static json_t *time_or_null(int64_t t)
{
    if (t == 0) return json_null();
    char buf[RFC3339_LEN];
    rfc3339_format(buf, sizeof buf, t);
    return json_string(buf);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The document, from the state under the lock. */
static json_t *status_json(const struct status *st, int64_t now)
{
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "source", str_or_null(st->source));
    json_object_set_new(o, "feed", str_or_null(st->feed));
    json_object_set_new(o, "slides", json_integer((json_int_t)st->slides));
    json_object_set_new(o, "version", str_or_null(st->version));
    json_object_set_new(o, "last_success", time_or_null(atomic_load(&st->last_success)));
    json_object_set_new(o, "last_error",
                        str_or_null(st->last_error ? st->last_error : st->cache_error));
    json_object_set_new(o, "alert", str_or_null(st->alert));
    json_object_set_new(o, "alerts_error", str_or_null(st->alerts_error));
    json_object_set_new(o, "heartbeat_error", str_or_null(st->heartbeat_error));
    json_object_set_new(o, "updated", time_or_null(now));
    return o;
}

/* Replaces the file; called with the lock held so writes land in the order of changes.
 * A failure is logged (once per distinct reason, by the log's folding) and the state
 * stays in memory for the next write. */
static void write_locked(const struct status *st)
{
    if (!st->path) return;
    const struct clock *clk = clock_system();
    json_t *doc = status_json(st, clk->wall_ms(clk->ctx) / 1000);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    char err[512];
    if (!text) {
        log_warn("could not write the status file %s: out of memory", st->path);
        return;
    }
    size_t len = strlen(text);
    text[len] = '\n'; /* json_dumps leaves room for its NUL; a trailing newline is kinder */
    if (!file_replace(st->path, text, len + 1, STATUS_FILE_MODE, err, sizeof err))
        log_warn("could not write the status file: %s", err);
    free(text);
}

struct status *status_open(const char *path, const char *feed)
{
    struct status *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    if (pthread_mutex_init(&st->lock, NULL) != 0) {
        free(st);
        return NULL;
    }
    atomic_init(&st->last_success, 0);
    if ((path && !(st->path = strdup(path))) || (feed && !(st->feed = strdup(feed)))) {
        status_close(st);
        return NULL;
    }
    /* A vitrine killed mid-write (SIGKILL, power cut on a disk-backed path) leaves its
     * temp file: the next one clears it rather than let them pile up. */
    if (st->path) file_remove_leftovers(st->path);
    pthread_mutex_lock(&st->lock);
    write_locked(st);
    pthread_mutex_unlock(&st->lock);
    return st;
}

void status_close(struct status *st)
{
    if (!st) return;
    free(st->heartbeat_error);
    free(st->alerts_error);
    free(st->alert);
    free(st->last_error);
    free(st->cache_error);
    free(st->version);
    free(st->source);
    free(st->feed);
    free(st->path);
    pthread_mutex_destroy(&st->lock);
    free(st);
}

/* Replaces *dst with a copy of src; keeps the old value if memory runs out. */
static void replace_str(char **dst, const char *src)
{
    char *copy = src ? strdup(src) : NULL;
    if (src && !copy) return;
    free(*dst);
    *dst = copy;
}

void status_set_deck(struct status *st, const char *source, size_t slides, const char *version)
{
    if (!st) return;
    pthread_mutex_lock(&st->lock);
    replace_str(&st->source, source);
    replace_str(&st->version, version);
    st->slides = slides;
    write_locked(st);
    pthread_mutex_unlock(&st->lock);
}

void status_set_success(struct status *st, int64_t t)
{
    if (!st) return;
    pthread_mutex_lock(&st->lock);
    atomic_store(&st->last_success, t);
    replace_str(&st->last_error, NULL);
    write_locked(st);
    pthread_mutex_unlock(&st->lock);
}

void status_set_error(struct status *st, const char *sentence)
{
    if (!st) return;
    pthread_mutex_lock(&st->lock);
    replace_str(&st->last_error, sentence);
    write_locked(st);
    pthread_mutex_unlock(&st->lock);
}

/* Sets *field to value, writing the file only when it changed: a state that persists
 * (a save that keeps failing, an alert that stays) costs no write to the card. */
static void set_field(struct status *st, char **field, const char *value)
{
    if (!st) return;
    pthread_mutex_lock(&st->lock);
    const bool same = value && *field ? strcmp(value, *field) == 0 : value == *field;
    if (!same) {
        replace_str(field, value);
        write_locked(st);
    }
    pthread_mutex_unlock(&st->lock);
}

void status_set_cache_error(struct status *st, const char *sentence)
{
    if (st) set_field(st, &st->cache_error, sentence);
}

void status_set_alert(struct status *st, const char *identifier)
{
    if (st) set_field(st, &st->alert, identifier);
}

void status_set_alerts_error(struct status *st, const char *sentence)
{
    if (st) set_field(st, &st->alerts_error, sentence);
}

void status_set_heartbeat_error(struct status *st, const char *sentence)
{
    if (st) set_field(st, &st->heartbeat_error, sentence);
}

json_t *status_document(struct status *st)
{
    if (!st) return NULL;
    const struct clock *clk = clock_system();
    pthread_mutex_lock(&st->lock);
    json_t *doc = status_json(st, clk->wall_ms(clk->ctx) / 1000);
    pthread_mutex_unlock(&st->lock);
    return doc;
}

void status_write_now(struct status *st)
{
    if (!st) return;
    pthread_mutex_lock(&st->lock);
    write_locked(st);
    pthread_mutex_unlock(&st->lock);
}

int64_t status_last_success(const struct status *st)
{
    return st ? (int64_t)atomic_load(&st->last_success) : 0;
}
