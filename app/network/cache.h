/* cache — the last good deck on disk, so a screen that boots without network shows
 * what it showed before. One directory holds one feed's deck:
 *
 *   deck.json            the commit point: feed URL, validators, version, file names
 *   f-<hash>.json        the feed body, named by a hash of its bytes
 *   a-<hash>-<hash>      an asset, named by a hash of its URL and of its bytes
 *
 * No name that comes from the network ever becomes a path. Every file is written
 * crash-safely (temp file, fsync, rename, fsync the directory), assets first and
 * deck.json last, and unreferenced files are deleted only after deck.json is replaced:
 * a power cut at any moment leaves the old deck or the new one, never a mix.
 *
 * A struct cache belongs to one thread (main before the fetch thread starts, then the
 * fetch thread); the free functions at the end are pure or touch only their arguments. */
#ifndef VITRINE_CACHE_H
#define VITRINE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CACHE_META_MAX  (4u * 1024u * 1024u) /* deck.json: 500 slides of URLs and validators */
#define CACHE_FILE_MODE 0600                 /* a private feed stays private on a shared machine */

struct cache;

/* A deck as stored: the feed body and what the fetcher needs to ask for it again. */
struct cache_deck {
    char *body; /* feed bytes, NUL-terminated for convenience */
    size_t len;
    char *etag;          /* validators of the response that brought it, or NULL */
    char *last_modified; /* */
    char *version;       /* ETag or content hash shown in the status file */
    char *signature;     /* a signed feed's minisign signature, checked again at start */
    int64_t fetched;     /* unix seconds when the network last confirmed it */
    bool complete;       /* every asset deck.json lists is present and intact */
};

/* Opens (creating it, mode 0700, if needed) the cache directory dir for feed (the URL
 * or path, compared with the one stored so another feed's deck is never reused).
 * Leftover temp files are removed. NULL with a reason in err on failure. */
struct cache *cache_open(const char *dir, const char *feed, char *err, size_t errlen);
void cache_close(struct cache *c);

/* The committed deck of this feed into d (free with cache_deck_clear). False, with a
 * reason in err and its kind in *miss (may be NULL), when there is none usable. */
enum cache_miss {
    CACHE_MISS_NONE,       /* nothing committed yet: a first start */
    CACHE_MISS_OTHER_FEED, /* the deck there is another feed's */
    CACHE_MISS_UNUSABLE,   /* unreadable or corrupt (err says which file and how) */
};
bool cache_load(struct cache *c, struct cache_deck *d, enum cache_miss *miss, char *err,
                size_t errlen);
void cache_deck_clear(struct cache_deck *d);

/* The validators of url's cached copy (pointers valid until the next cache call), or
 * false when url has none. */
bool cache_asset_validators(const struct cache *c, const char *url, const char **etag,
                            const char **last_modified);
/* Reads url's cached bytes (at most max); the caller frees *data. */
bool cache_asset_read(const struct cache *c, const char *url, size_t max, unsigned char **data,
                      size_t *len, char *err, size_t errlen);
/* Writes url's new bytes to disk now (before the commit that will reference them).
 * *changed: the bytes differ from url's previous copy (or there was none). */
bool cache_asset_store(struct cache *c, const char *url, const unsigned char *data, size_t len,
                       const char *etag, const char *last_modified, bool *changed, char *err,
                       size_t errlen);
/* url is gone (404...): a later commit will not list it. */
void cache_asset_forget(struct cache *c, const char *url);

/* The commit point: writes d's body, then deck.json listing the assets of urls[0..n)
 * that are cached, then deletes every file no longer referenced. */
bool cache_commit(struct cache *c, const struct cache_deck *d, const char *const *urls, size_t n,
                  char *err, size_t errlen);
/* Records that the network confirmed the committed deck at unix seconds t (a 304). */
bool cache_touch(struct cache *c, int64_t t, char *err, size_t errlen);

#endif
