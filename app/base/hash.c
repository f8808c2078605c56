/* hash — 64-bit FNV-1a (see hash.h). */
#include "hash.h"

#include <inttypes.h>
#include <stdio.h>

#define FNV_OFFSET 0xcbf29ce484222325u
#define FNV_PRIME  0x100000001b3u

uint64_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

void hash_hex(const void *data, size_t len, char out[HASH_HEX_LEN + 1])
{
    snprintf(out, HASH_HEX_LEN + 1, "%016" PRIx64, hash_bytes(data, len));
}
