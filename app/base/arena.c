/* arena — blocks of ARENA_BLOCK bytes (larger requests get a block of their own). */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64u * 1024u) /* bytes; a programme export fits in a few */

struct arena_block {
    struct arena_block *next;
    size_t used, cap; /* bytes of data */
    max_align_t data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    struct arena_block *b = a->head;
    if (n > SIZE_MAX - align) return NULL;
    n = (n + align - 1) / align * align;
    if (!b || b->cap - b->used < n) {
        const size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    char *out = (char *)b->data + b->used;
    b->used += n;
    memset(out, 0, n);
    return out;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

void arena_free(struct arena *a)
{
    while (a->head) {
        struct arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}
