/* minisig — minisign public keys and signatures checked with libsodium (see minisig.h). */
#include "minisig.h"

#include "file.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX   "trusted comment: "
#define LINE_MAX_BYTES   1024

struct lines {
    const char *at[4];
    size_t len[4];
    int n;
};

/* Up to four lines of text, each without its "\n" or "\r\n"; blank lines skipped. */
static void split(const char *text, size_t len, struct lines *out)
{
    size_t i = 0;
    out->n = 0;
    while (i < len && out->n < 4) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len, n = end - i;
        if (n > 0 && text[i + n - 1] == '\r') n--;
        if (n > 0) {
            out->at[out->n] = text + i;
            out->len[out->n++] = n;
        }
        i = end + 1;
    }
}

static bool starts(const char *s, size_t n, const char *prefix)
{
    const size_t p = strlen(prefix);
    return n >= p && memcmp(s, prefix, p) == 0;
}

/* Exactly want bytes of base64 (RFC 4648, padded as minisign writes it). */
static bool base64(const char *s, size_t n, unsigned char *out, size_t want)
{
    size_t got = 0;
    if (n > LINE_MAX_BYTES) return false;
    if (sodium_base642bin(out, want, s, n, NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return got == want;
}

bool minisig_key_parse(const char *text, size_t len, struct minisig_key *key, char *why,
                       size_t whylen)
{
    struct lines l;
    unsigned char raw[2 + 8 + 32];
    split(text, len, &l);
    int i = l.n > 0 && starts(l.at[0], l.len[0], UNTRUSTED_PREFIX) ? 1 : 0;
    if (i >= l.n || !base64(l.at[i], l.len[i], raw, sizeof raw))
        return file_error(why, whylen,
                          "not a minisign public key (expected a comment line and "
                          "one line of base64, as minisign -G writes)");
    if (raw[0] != 'E' || raw[1] != 'd')
        return file_error(why, whylen, "not an Ed25519 minisign public key");
    memcpy(key->id, raw + 2, sizeof key->id);
    memcpy(key->pk, raw + 10, sizeof key->pk);
    return true;
}

void minisig_key_id(const struct minisig_key *key, char out[MINISIG_ID_HEX])
{
    /* minisign prints the id as a little-endian 64-bit number. */
    for (int i = 0; i < 8; i++)
        snprintf(out + 2 * i, 3, "%02X", key->id[7 - i]);
}

int64_t minisig_order(const char *c)
{
    static const char *const keys[] = {"version:", "timestamp:"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        for (const char *p = strstr(c, keys[k]); p; p = strstr(p + 1, keys[k])) {
            if (p != c && p[-1] != '\t' && p[-1] != ' ') continue;
            const char *d = p + strlen(keys[k]);
            while (*d == ' ') /* "version: 42" is how people write it */
                d++;
            char *end;
            if (*d < '0' || *d > '9') continue;
            long long v = strtoll(d, &end, 10);
            if (*end == '\0' || *end == '\t' || *end == ' ') return v;
        }
    }
    return -1;
}

/* The file's signature: over BLAKE2b-512 of msg ("ED") or over msg itself ("Ed"). */
static bool verify_file(const unsigned char *line, const struct minisig_key *key, const void *msg,
                        size_t len)
{
    const unsigned char *sig = line + 10;
    if (line[1] == 'd') return crypto_sign_verify_detached(sig, msg, len, key->pk) == 0;
    unsigned char h[crypto_generichash_BYTES_MAX];
    crypto_generichash(h, sizeof h, msg, len, NULL, 0);
    return crypto_sign_verify_detached(sig, h, sizeof h, key->pk) == 0;
}

/* The global signature: over the file's signature followed by the trusted comment. */
static bool verify_global(const unsigned char *line, const char *trusted, size_t tlen,
                          const unsigned char *global, const struct minisig_key *key)
{
    unsigned char signed_part[64 + MINISIG_TRUSTED_MAX];
    memcpy(signed_part, line + 10, 64);
    memcpy(signed_part + 64, trusted, tlen);
    return crypto_sign_verify_detached(global, signed_part, 64 + tlen, key->pk) == 0;
}

bool minisig_verify(const struct minisig_key *key, const char *sig, size_t siglen, const void *msg,
                    size_t len, struct minisig_claim *claim, char *why, size_t whylen)
{
    struct lines l;
    unsigned char line[2 + 8 + 64], global[64];
    if (sodium_init() < 0) return file_error(why, whylen, "libsodium could not start");
    if (siglen > MINISIG_MAX_BYTES) return file_error(why, whylen, "the signature is too large");
    split(sig, siglen, &l);
    if (l.n != 4 || !starts(l.at[0], l.len[0], UNTRUSTED_PREFIX) ||
        !base64(l.at[1], l.len[1], line, sizeof line) ||
        !starts(l.at[2], l.len[2], TRUSTED_PREFIX) || !base64(l.at[3], l.len[3], global, 64))
        return file_error(why, whylen,
                          "not a minisign signature (four lines, as minisign -S "
                          "writes)");
    if (line[0] != 'E' || (line[1] != 'D' && line[1] != 'd'))
        return file_error(why, whylen, "not an Ed25519 minisign signature");
    if (memcmp(line + 2, key->id, sizeof key->id) != 0) {
        char got[MINISIG_ID_HEX], want[MINISIG_ID_HEX];
        struct minisig_key other;
        memcpy(other.id, line + 2, sizeof other.id);
        minisig_key_id(&other, got);
        minisig_key_id(key, want);
        return file_error(why, whylen, "signed by another key (%s instead of %s)", got, want);
    }
    const char *trusted = l.at[2] + strlen(TRUSTED_PREFIX);
    const size_t tlen = l.len[2] - strlen(TRUSTED_PREFIX);
    if (tlen >= MINISIG_TRUSTED_MAX)
        return file_error(why, whylen, "the trusted comment is too long");
    if (!verify_file(line, key, msg, len))
        return file_error(why, whylen,
                          "the feed does not match its signature (changed after "
                          "signing, or signed by another key)");
    if (!verify_global(line, trusted, tlen, global, key))
        return file_error(why, whylen, "the signature's trusted comment was altered");
    memcpy(claim->trusted, trusted, tlen);
    claim->trusted[tlen] = '\0';
    claim->order = minisig_order(claim->trusted);
    return true;
}
