/* arena — one owner for the many small allocations of a structure that is built once and
 * then only read (a parsed feed). Blocks are only ever added and arena_free() releases
 * them all at once, so no failure halfway through a build can leak a string. One thread
 * fills an arena; once handed over it is never written again. */
#ifndef VITRINE_ARENA_H
#define VITRINE_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void); /* NULL when out of memory */
void arena_free(struct arena *a);

/* n zeroed bytes, aligned for any type; NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t n);

/* A NUL-terminated copy of s[0..n); NULL when out of memory. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

#endif
