/* signature — a signed feed's detached minisign signature: where it lives (FEED.minisig
 * beside the feed, or the `signature` setting), fetched with http_get or read from a
 * file, and judged: the key's signature must hold (minisig.h) and the feed must not be
 * older than the one already trusted, so a replayed old feed cannot bring back a
 * cancelled announcement. The caller keeps that order (the fetch thread, from the
 * cache at start). Any thread; no state. */
#ifndef VITRINE_SIGNATURE_H
#define VITRINE_SIGNATURE_H

#include "minisig.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http;

/* What a screen with `public_key` set trusts. */
struct signature_rule {
    const struct minisig_key *key; /* NULL: feeds are not signed, nothing is checked */
    const char *where;             /* the signature's URL or path, or NULL: FEED.minisig */
};

/* Reads the public key file at path into key. False with a sentence in why. */
bool signature_load_key(const char *path, struct minisig_key *key, char *why, size_t whylen);

/* The signature of feed (URL or path): fetched with h (token sent only to the feed's
 * own origin) or read from disk. *text is NUL-terminated; the caller frees it. */
bool signature_get(struct http *h, const struct signature_rule *rule, const char *feed,
                   const char *token, char **text, size_t *len, char *why, size_t whylen);

/* Checks sig over body, and that its order is not below floor (-1: no floor yet). True
 * with the feed's order in *order; false with a technician's sentence in why. */
bool signature_check(const struct signature_rule *rule, const char *sig, size_t siglen,
                     const void *body, size_t len, int64_t floor, int64_t *order, char *why,
                     size_t whylen);

#endif
