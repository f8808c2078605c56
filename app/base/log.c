/* log — "vitrine: LEVEL: message" lines on stderr, any thread.
 *
 * No timestamp: journald stamps every line. One mutex serializes the lines and guards
 * the folding state: a message identical to the previous one (same level, same text) is
 * counted instead of printed, and the count is written when a different message comes,
 * or every LOG_FOLD_FLUSH repeats so a message that repeats forever still shows up. */
#include "log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define LOG_LINE_MAX   1024 /* bytes of message kept; longer messages are cut */
#define LOG_FOLD_FLUSH 100  /* report a run of repeats at least this often */

enum level { LEVEL_INFO, LEVEL_WARN, LEVEL_ERROR };

static const char *const level_names[] = {"info", "warning", "error"};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int quiet;               /* guarded by lock */
static char last[LOG_LINE_MAX]; /* previous message text, guarded by lock */
static enum level last_level;   /* guarded by lock */
static unsigned long repeats;   /* identical messages since last was printed */

void log_set_quiet(int q)
{
    pthread_mutex_lock(&lock);
    quiet = q;
    pthread_mutex_unlock(&lock);
}

/* One message is one journal line: control characters (a newline in a server's error
 * text, say) become spaces. */
static void flatten(char *s)
{
    for (; *s != '\0'; s++) {
        const unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f) *s = ' ';
    }
}

static void flush_repeats(void)
{
    if (repeats == 0) return;
    fprintf(stderr, "vitrine: (previous message repeated %lu times)\n", repeats);
    repeats = 0;
}

/* Caller holds lock. */
static void emit(enum level level, const char *msg)
{
    if (last[0] != '\0' && level == last_level && strcmp(msg, last) == 0) {
        if (++repeats >= LOG_FOLD_FLUSH) flush_repeats();
        return;
    }
    flush_repeats();
    fprintf(stderr, "vitrine: %s: %s\n", level_names[level], msg);
    snprintf(last, sizeof last, "%s", msg);
    last_level = level;
}

static void vlog(enum level level, const char *fmt, va_list ap) LOG_PRINTF(2, 0);

static void vlog(enum level level, const char *fmt, va_list ap)
{
    char msg[LOG_LINE_MAX];
    if (vsnprintf(msg, sizeof msg, fmt, ap) < 0) snprintf(msg, sizeof msg, "%s", fmt);
    flatten(msg);
    pthread_mutex_lock(&lock);
    if (level != LEVEL_INFO || !quiet) emit(level, msg);
    pthread_mutex_unlock(&lock);
}

void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(LEVEL_INFO, fmt, ap);
    va_end(ap);
}

void log_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(LEVEL_WARN, fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(LEVEL_ERROR, fmt, ap);
    va_end(ap);
}
