/* arena — many small allocations with one owner and one free: a parsed document's
 * strings and arrays go into blocks that are released together, so no failure path
 * while parsing can leak one of them. Owned by one thread at a time. */
#ifndef VITRINE_ARENA_H
#define VITRINE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* NULL: empty */
};

/* n bytes aligned for any type, zeroed; NULL when memory runs out. */
void *arena_alloc(struct arena *a, size_t n);

/* A NUL-terminated copy of n bytes of s; NULL when memory runs out. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Frees every block; the arena is empty again. */
void arena_free(struct arena *a);

#endif
