/* minisig — checks that a feed was signed by the organiser's key, in the format of the
 * stock `minisign` tool (Debian package minisign), with libsodium's Ed25519:
 *
 *   public key   "untrusted comment: ..." then base64 of "Ed", key id (8), key (32)
 *   signature    "untrusted comment: ..." then base64 of "ED" (prehashed: BLAKE2b-512
 *                of the file is signed, minisign's default) or "Ed" (legacy: the file
 *                itself), key id (8), signature (64); then "trusted comment: ..." and
 *                base64 of the global signature (64) over signature || trusted comment
 *
 * The trusted comment is covered by the key, so the time it carries ("timestamp:N",
 * minisign's default, or "version:N" an organiser writes with -t) orders the feeds:
 * what refuses a replayed older feed. Pure; any thread (sodium_init is idempotent). */
#ifndef VITRINE_MINISIG_H
#define VITRINE_MINISIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MINISIG_MAX_BYTES   4096 /* a .minisig is ~300 bytes; more is not one */
#define MINISIG_TRUSTED_MAX 1024 /* bytes of a trusted comment */
#define MINISIG_ID_HEX      17   /* a key id as minisign prints it, with its NUL */

struct minisig_key {
    unsigned char id[8];
    unsigned char pk[32];
};

/* Reads a minisign public key file's text (or the bare base64 line). False with the
 * reason in why. */
bool minisig_key_parse(const char *text, size_t len, struct minisig_key *key, char *why,
                       size_t whylen);

/* The key id as minisign prints it ("1E8DB3B0E1F5CBC2"). */
void minisig_key_id(const struct minisig_key *key, char out[MINISIG_ID_HEX]);

/* What a good signature says about the feed it signs. */
struct minisig_claim {
    char trusted[MINISIG_TRUSTED_MAX]; /* the trusted comment, as signed */
    int64_t order;                     /* its timestamp or version; -1 when it has none */
};

/* The order a trusted comment claims: "version:N" if it has that field, else
 * "timestamp:N" (a field starts the comment or follows a tab or space; N a whole
 * number, spaces before it allowed: "version: 42"); -1 when it has neither. */
int64_t minisig_order(const char *trusted);

/* Verifies the signature file sig (its text) over msg with key. True and *claim filled
 * when both signatures hold; false with a technician's sentence in why otherwise
 * ("signed by another key (1E8D... instead of 5A3F...)", "the feed does not match its
 * signature", ...). */
bool minisig_verify(const struct minisig_key *key, const char *sig, size_t siglen, const void *msg,
                    size_t len, struct minisig_claim *claim, char *why, size_t whylen);

#endif
