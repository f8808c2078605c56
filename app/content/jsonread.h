/* jsonread — the chores of reading an untrusted JSON document that are the same for
 * every field: problems reported with their JSON path in a sentence safe for a terminal,
 * values quoted in messages, and strings copied into an arena as clean one-line text cut
 * to a limit. The schedule-export reader (programme, talk) uses it. One reader per parse;
 * any thread. */
#ifndef VITRINE_JSONREAD_H
#define VITRINE_JSONREAD_H

#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define JSONREAD_PATH_MAX  256 /* bytes of a JSON location; longer is cut */
#define JSONREAD_QUOTE_MAX 48  /* bytes of a value echoed in a message */
#define JSONREAD_QUOTE_BUF (JSONREAD_QUOTE_MAX + 8)
#define JSONREAD_MSG_MAX   512 /* bytes of one problem message */

struct arena;
struct json_t;

struct jsonread {
    struct arena *arena; /* where strings go */
    /* Called once per problem; error problems reject the document. */
    void (*report)(void *ctx, bool error, const char *path, const char *message);
    void *ctx;
    int errors;
    bool oom; /* an allocation failed: the caller rejects the document */
};

/* The message (JSONREAD_MSG_MAX bytes) and path (JSONREAD_PATH_MAX bytes) of a problem as
 * shown to a person: formatted, cut, control characters shown as '?'. Every JSON reader
 * (the feed's too) reports through it. */
void jsonread_vmessage(char *msg, char *where, const char *path, const char *fmt, va_list ap)
    LOG_PRINTF(4, 0);

/* Reports a problem at path (control characters in path and message shown as '?'). */
void jsonread_problem(struct jsonread *r, bool error, const char *path, const char *fmt, ...)
    LOG_PRINTF(4, 5);

/* "prefix.field" into buf (JSONREAD_PATH_MAX bytes); returns buf. */
const char *jsonread_join(char *buf, const char *prefix, const char *field);

/* "prefix[i]" into buf (JSONREAD_PATH_MAX bytes); returns buf. */
const char *jsonread_index(char *buf, const char *prefix, size_t i);

/* "prefix[\"key\"]" (the key quoted as jsonread_quote does) into buf; returns buf. */
const char *jsonread_key(char *buf, const char *prefix, const char *key);

/* "\"value\"", cut at a character to JSONREAD_QUOTE_MAX bytes ("..." marks a cut), into
 * buf (JSONREAD_QUOTE_BUF bytes); returns buf. */
const char *jsonread_quote(char *buf, const char *s);

/* A copy of n bytes of s in the arena, cleaned by utf8_clean and cut to cap bytes; NULL
 * when nothing printable is left (or memory ran out: oom is then set). */
const char *jsonread_clean(struct jsonread *r, const char *s, size_t n, size_t cap);

/* The optional string field of obj, as jsonread_clean makes it, with a warning when it
 * is cut or not a string; NULL when absent, null or empty. */
const char *jsonread_text(struct jsonread *r, const struct json_t *obj, const char *prefix,
                          const char *field, size_t cap);

#endif
