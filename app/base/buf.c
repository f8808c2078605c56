/* buf — the capped byte buffer (see buf.h). */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

#define BUF_FIRST 16384 /* bytes: most feeds and logos fit in a few doublings */

struct buf buf_make(size_t max)
{
    return (struct buf){.max = max};
}

bool buf_append(struct buf *b, const void *data, size_t n)
{
    if (n > b->max - b->len) {
        b->too_big = true;
        return false;
    }
    if (!b->data || b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : BUF_FIRST;
        while (cap < b->len + n)
            cap *= 2;
        if (cap > b->max) cap = b->max;
        unsigned char *more = realloc(b->data, cap + 1);
        if (!more) return false;
        b->data = more;
        b->cap = cap;
    }
    if (n) memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

unsigned char *buf_steal(struct buf *b, size_t *len)
{
    unsigned char *out = b->data ? b->data : calloc(1, 1);
    if (len) *len = b->data ? b->len : 0;
    *b = buf_make(b->max);
    return out;
}

void buf_free(struct buf *b)
{
    free(b->data);
    *b = buf_make(b->max);
}
