/* arena — a list of blocks, newest first (see arena.h). */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (16u * 1024u) /* bytes; most feeds fit in a few blocks */

struct block {
    struct block *next;
    size_t used, cap; /* bytes of data */
    max_align_t data[];
};

struct arena {
    struct block *head;
};

struct arena *arena_new(void)
{
    return calloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
    if (!a) return;
    for (struct block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    struct block *b = a->head;
    n = (n + align - 1) / align * align;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
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
