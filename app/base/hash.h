/* hash — the one content hash vitrine uses: 64-bit FNV-1a, to name cache files by their
 * bytes and to tell a changed feed from an unchanged one. Not for security (the
 * signature check is). Pure. */
#ifndef VITRINE_HASH_H
#define VITRINE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_HEX_LEN 16 /* hex digits of a 64-bit hash */

uint64_t hash_bytes(const void *data, size_t len);

/* hash_bytes as HASH_HEX_LEN lowercase hex digits plus NUL. */
void hash_hex(const void *data, size_t len, char out[HASH_HEX_LEN + 1]);

#endif
