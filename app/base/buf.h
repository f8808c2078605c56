/* buf — a growable byte buffer with a hard cap, for bytes whose size an outsider
 * decides (an HTTP body, a file): the cap is checked before every growth, so a runaway
 * server or a huge file costs at most max bytes. Always NUL-terminated for convenience.
 * Owned by one thread. */
#ifndef VITRINE_BUF_H
#define VITRINE_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    unsigned char *data; /* NULL until the first append; data[len] == '\0' after it */
    size_t len, cap;
    size_t max;   /* bytes: an append past this fails and sets too_big */
    bool too_big; /* */
};

/* An empty buffer that will hold at most max bytes. */
struct buf buf_make(size_t max);

/* Appends n bytes. False when that would pass max (too_big is then set) or memory runs
 * out; the buffer keeps what it had. */
bool buf_append(struct buf *b, const void *data, size_t n);

/* The bytes, now the caller's to free (never NULL: an empty buffer gives ""), and the
 * buffer emptied. NULL only when memory runs out. */
unsigned char *buf_steal(struct buf *b, size_t *len);

void buf_free(struct buf *b);

#endif
