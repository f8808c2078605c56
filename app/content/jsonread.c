/* jsonread — problems, quotes and clean strings for JSON readers (see jsonread.h). */
#include "jsonread.h"

#include "arena.h"
#include "utf8.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Feed and export content end up on a technician's terminal: no control characters get through. */
static void scrub(char *s)
{
    for (unsigned char *c = (unsigned char *)s; *c; c++)
        if (*c < 0x20 || *c == 0x7f) *c = '?';
}

void jsonread_vmessage(char *msg, char *where, const char *path, const char *fmt, va_list ap)
{
    vsnprintf(msg, JSONREAD_MSG_MAX, fmt, ap);
    snprintf(where, JSONREAD_PATH_MAX, "%s", path);
    scrub(msg);
    scrub(where);
}

void jsonread_problem(struct jsonread *r, bool error, const char *path, const char *fmt, ...)
{
    char msg[JSONREAD_MSG_MAX], where[JSONREAD_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    jsonread_vmessage(msg, where, path, fmt, ap);
    va_end(ap);
    if (error) r->errors++;
    if (r->report) r->report(r->ctx, error, where, msg);
}

const char *jsonread_join(char *buf, const char *prefix, const char *field)
{
    /* A path longer than the buffer is cut; it is only ever shown to a person. */
    if (snprintf(buf, JSONREAD_PATH_MAX, "%s.%s", prefix, field) >= JSONREAD_PATH_MAX)
        buf[JSONREAD_PATH_MAX - 1] = '\0';
    return buf;
}

const char *jsonread_index(char *buf, const char *prefix, size_t i)
{
    if (snprintf(buf, JSONREAD_PATH_MAX, "%s[%zu]", prefix, i) >= JSONREAD_PATH_MAX)
        buf[JSONREAD_PATH_MAX - 1] = '\0';
    return buf;
}

const char *jsonread_quote(char *buf, const char *s)
{
    size_t n = strlen(s);
    const bool cut = n > JSONREAD_QUOTE_MAX;
    if (cut) n = utf8_floor(s, JSONREAD_QUOTE_MAX);
    snprintf(buf, JSONREAD_QUOTE_BUF, "\"%.*s%s\"", (int)n, s, cut ? "..." : "");
    return buf;
}

const char *jsonread_key(char *buf, const char *prefix, const char *key)
{
    char q[JSONREAD_QUOTE_BUF];
    if (snprintf(buf, JSONREAD_PATH_MAX, "%s[%s]", prefix, jsonread_quote(q, key)) >=
        JSONREAD_PATH_MAX)
        buf[JSONREAD_PATH_MAX - 1] = '\0';
    return buf;
}

const char *jsonread_clean(struct jsonread *r, const char *s, size_t n, size_t cap)
{
    const size_t room = n < cap ? n : cap; /* cleaning never lengthens */
    char *out = arena_alloc(r->arena, room + 1);
    if (!out) {
        r->oom = true;
        return NULL;
    }
    return utf8_clean(out, room, s, n) ? out : NULL;
}

const char *jsonread_text(struct jsonread *r, const json_t *obj, const char *prefix,
                          const char *field, size_t cap)
{
    char at[JSONREAD_PATH_MAX];
    const json_t *v = json_object_get(obj, field);
    if (!v || json_is_null(v)) return NULL;
    if (!json_is_string(v)) {
        jsonread_problem(r, false, jsonread_join(at, prefix, field), "expected a string; ignored");
        return NULL;
    }
    const size_t n = json_string_length(v);
    if (n > cap)
        jsonread_problem(r, false, jsonread_join(at, prefix, field), "longer than %zu bytes; cut",
                         cap);
    return jsonread_clean(r, json_string_value(v), n, cap);
}
