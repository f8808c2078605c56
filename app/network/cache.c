/* cache — the offline-first copy of the last good deck (see cache.h for the layout and
 * the crash-safety argument). Called by main before the fetch thread starts, then only
 * by the fetch thread; a struct cache is never shared between threads. */
#include "cache.h"

#include "file.h"
#include "hash.h"

#include <jansson.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define META_NAME    "deck.json"
#define META_FORMAT  1
#define TMP_INFIX    FILE_TEMP_INFIX
#define NAME_MAX_LEN 64 /* "a-" + 16 + "-" + 16, "f-" + 16 + ".json": plenty */

struct asset {
    char *url;
    char name[NAME_MAX_LEN]; /* file in the cache directory */
    char *etag, *last_modified;
};

struct cache {
    char *dir;
    char *feed;
    struct asset *assets; /* every asset known: committed or stored since */
    size_t n_assets, cap_assets;
    json_t *meta; /* deck.json as last committed (or loaded), or NULL */
};

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static struct asset *find_asset(const struct cache *c, const char *url)
{
    for (size_t i = 0; i < c->n_assets; i++)
        if (strcmp(c->assets[i].url, url) == 0) return &c->assets[i];
    return NULL;
}

/* NOLINTBEGIN(clang-analyzer-unix.Malloc): in forget_unlisted the analyzer cannot tell
 * the slot moved into place from the one just cleared and reports a double free; each
 * slot owns distinct allocations (the fault and soak tests run this under ASan). */
static void asset_clear(struct asset *a)
{
    free(a->url);
    free(a->etag);
    free(a->last_modified);
}
/* NOLINTEND(clang-analyzer-unix.Malloc) */

static char *strdup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Records (or replaces) url's entry; the strings are copied. */
static bool set_asset(struct cache *c, const char *url, const char *name, const char *etag,
                      const char *last_modified)
{
    struct asset *a = find_asset(c, url);
    if (!a) {
        if (c->n_assets == c->cap_assets) {
            size_t cap = c->cap_assets ? 2 * c->cap_assets : 16;
            struct asset *more = realloc(c->assets, cap * sizeof *more);
            if (!more) return false;
            c->assets = more;
            c->cap_assets = cap;
        }
        a = &c->assets[c->n_assets];
        memset(a, 0, sizeof *a);
        if (!(a->url = strdup(url))) return false;
        c->n_assets++;
    }
    char *e = strdup_or_null(etag), *lm = strdup_or_null(last_modified);
    if ((etag && !e) || (last_modified && !lm)) {
        free(e);
        free(lm);
        return false;
    }
    free(a->etag);
    free(a->last_modified);
    a->etag = e;
    a->last_modified = lm;
    snprintf(a->name, sizeof a->name, "%s", name);
    return true;
}

/* Our own files only: a cache dir pointed at $HOME must never lose anything else. */
static bool is_ours(const char *name)
{
    return strncmp(name, "a-", 2) == 0 || strncmp(name, "f-", 2) == 0 ||
           strncmp(name, META_NAME TMP_INFIX, sizeof META_NAME TMP_INFIX - 1) == 0;
}

static bool is_temp(const char *name)
{
    return strstr(name, TMP_INFIX) != NULL;
}

static bool name_in(const char *name, const char *const *keep, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (keep[i] && strcmp(keep[i], name) == 0) return true;
    return false;
}

/* Deletes our files except those named in keep (temp files always go). */
static void collect_garbage(const struct cache *c, const char *const *keep, size_t n)
{
    DIR *d = opendir(c->dir);
    if (!d) return;
    const struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_ours(e->d_name) || (!is_temp(e->d_name) && name_in(e->d_name, keep, n))) continue;
        char *p = path_join(c->dir, e->d_name);
        if (p) unlink(p);
        free(p);
    }
    closedir(d);
}

static const char *meta_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* True when name is a plain file name this cache could have written. */
static bool safe_name(const char *name)
{
    return name && is_ours(name) && !strchr(name, '/') && strlen(name) < NAME_MAX_LEN;
}

/* Fills the asset table from deck.json's "assets". */
static bool load_assets(struct cache *c, const json_t *assets)
{
    size_t i;
    const json_t *a;
    json_array_foreach(assets, i, a) {
        const char *url = meta_str(a, "url"), *name = meta_str(a, "file");
        if (!url || !safe_name(name)) continue;
        if (!set_asset(c, url, name, meta_str(a, "etag"), meta_str(a, "last_modified")))
            return false;
    }
    return true;
}

struct cache *cache_open(const char *dir, const char *feed, char *err, size_t errlen)
{
    if (!file_mkdirs(dir, 0700, err, errlen)) return NULL;
    struct cache *c = calloc(1, sizeof *c);
    if (!c || !(c->dir = strdup(dir)) || !(c->feed = strdup(feed))) {
        file_error(err, errlen, "out of memory");
        cache_close(c);
        return NULL;
    }
    /* Nobody else writes here, so any temp file is a write a crash interrupted. */
    DIR *d = opendir(dir);
    if (d) {
        const struct dirent *e;
        while ((e = readdir(d))) {
            if (!is_ours(e->d_name) || !is_temp(e->d_name)) continue;
            char *p = path_join(dir, e->d_name);
            if (p) unlink(p);
            free(p);
        }
        closedir(d);
    }
    return c;
}

void cache_close(struct cache *c)
{
    if (!c) return;
    json_decref(c->meta);
    for (size_t i = 0; i < c->n_assets; i++)
        asset_clear(&c->assets[i]);
    free(c->assets);
    free(c->feed);
    free(c->dir);
    free(c);
}

void cache_deck_clear(struct cache_deck *d)
{
    free(d->body);
    free(d->etag);
    free(d->last_modified);
    free(d->signature);
    free(d->version);
    memset(d, 0, sizeof *d);
}

/* Reads a file named by its content hash (after prefix) and checks the hash, so a
 * file the disk mangled is never mistaken for good data. */
static bool read_checked(const struct cache *c, const char *name, size_t hash_at, size_t max,
                         unsigned char **data, size_t *len, char *err, size_t errlen)
{
    char *p = path_join(c->dir, name);
    if (!p) {
        file_error(err, errlen, "out of memory");
        return false;
    }
    bool ok = file_read(p, max, data, len, err, errlen);
    free(p);
    if (!ok) return false;
    char hex[HASH_HEX_LEN + 1];
    hash_hex(*data, *len, hex);
    if (strlen(name) < hash_at + HASH_HEX_LEN || strncmp(name + hash_at, hex, HASH_HEX_LEN) != 0) {
        file_error(err, errlen, "cached file %s is corrupt", name);
        free(*data);
        *data = NULL;
        return false;
    }
    return true;
}

static bool file_exists(const struct cache *c, const char *name)
{
    char *p = path_join(c->dir, name);
    struct stat st;
    bool ok = p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

static json_t *load_meta(const struct cache *c, enum cache_miss *miss, char *err, size_t errlen)
{
    *miss = CACHE_MISS_NONE;
    if (!file_exists(c, META_NAME)) {
        file_error(err, errlen, "no cached deck yet");
        return NULL;
    }
    *miss = CACHE_MISS_UNUSABLE;
    char *p = path_join(c->dir, META_NAME);
    unsigned char *buf = NULL;
    size_t len = 0;
    bool ok = p && file_read(p, CACHE_META_MAX, &buf, &len, err, errlen);
    free(p);
    if (!ok) return NULL;
    json_error_t jerr;
    json_t *meta = json_loadb((const char *)buf, len, 0, &jerr);
    free(buf);
    if (!json_is_object(meta) ||
        json_integer_value(json_object_get(meta, "format")) != META_FORMAT) {
        file_error(err, errlen, "the cached deck's index is unreadable");
        json_decref(meta);
        return NULL;
    }
    const char *feed = meta_str(meta, "feed");
    if (!feed || strcmp(feed, c->feed) != 0) {
        *miss = CACHE_MISS_OTHER_FEED;
        file_error(err, errlen, "the cached deck belongs to another feed (%s)", feed ? feed : "?");
        json_decref(meta);
        return NULL;
    }
    return meta;
}

static bool fill_deck(struct cache *c, const json_t *meta, struct cache_deck *d, char *err,
                      size_t errlen)
{
    const char *body = meta_str(meta, "body");
    if (!safe_name(body))
        return file_error(err, errlen, "the cached deck's index is unreadable"), false;
    unsigned char *data;
    if (!read_checked(c, body, 2, SIZE_MAX / 2, &data, &d->len, err, errlen)) return false;
    d->body = (char *)data;
    d->etag = strdup_or_null(meta_str(meta, "etag"));
    d->last_modified = strdup_or_null(meta_str(meta, "last_modified"));
    d->version = strdup_or_null(meta_str(meta, "version"));
    d->signature = strdup_or_null(meta_str(meta, "signature"));
    d->fetched = json_integer_value(json_object_get(meta, "fetched"));
    if (!load_assets(c, json_object_get(meta, "assets")))
        return file_error(err, errlen, "out of memory"), false;
    d->complete = true;
    for (size_t i = 0; i < c->n_assets; i++)
        if (!file_exists(c, c->assets[i].name)) d->complete = false;
    return true;
}

bool cache_load(struct cache *c, struct cache_deck *d, enum cache_miss *miss, char *err,
                size_t errlen)
{
    enum cache_miss ignored;
    if (!miss) miss = &ignored;
    memset(d, 0, sizeof *d);
    json_t *meta = load_meta(c, miss, err, errlen);
    if (!meta) return false;
    *miss = CACHE_MISS_UNUSABLE;
    if (!fill_deck(c, meta, d, err, errlen)) {
        cache_deck_clear(d);
        json_decref(meta);
        return false;
    }
    json_decref(c->meta);
    c->meta = meta;
    return true;
}

bool cache_asset_validators(const struct cache *c, const char *url, const char **etag,
                            const char **last_modified)
{
    const struct asset *a = find_asset(c, url);
    if (!a) return false;
    *etag = a->etag;
    *last_modified = a->last_modified;
    return true;
}

/* Asset names: "a-" URL hash "-" content hash. */
#define ASSET_CONTENT_HASH_AT (2 + HASH_HEX_LEN + 1)

bool cache_asset_read(const struct cache *c, const char *url, size_t max, unsigned char **data,
                      size_t *len, char *err, size_t errlen)
{
    const struct asset *a = find_asset(c, url);
    if (!a) {
        file_error(err, errlen, "not cached");
        return false;
    }
    return read_checked(c, a->name, ASSET_CONTENT_HASH_AT, max, data, len, err, errlen);
}

bool cache_asset_store(struct cache *c, const char *url, const unsigned char *data, size_t len,
                       const char *etag, const char *last_modified, bool *changed, char *err,
                       size_t errlen)
{
    char uh[HASH_HEX_LEN + 1], ch[HASH_HEX_LEN + 1], name[NAME_MAX_LEN];
    hash_hex(url, strlen(url), uh);
    hash_hex(data, len, ch);
    snprintf(name, sizeof name, "a-%s-%s", uh, ch);
    const struct asset *old = find_asset(c, url);
    *changed = !old || strcmp(old->name, name) != 0;
    if (!file_exists(c, name)) {
        char *p = path_join(c->dir, name);
        bool ok = p && file_replace(p, data, len, CACHE_FILE_MODE, err, errlen);
        free(p);
        if (!ok) return false;
    }
    if (!set_asset(c, url, name, etag, last_modified)) {
        file_error(err, errlen, "out of memory");
        return false;
    }
    return true;
}

void cache_asset_forget(struct cache *c, const char *url)
{
    struct asset *a = find_asset(c, url);
    if (!a) return;
    asset_clear(a);
    *a = c->assets[--c->n_assets];
}

static void set_opt_str(json_t *o, const char *key, const char *value)
{
    json_object_set_new(o, key, value ? json_string(value) : json_null());
}

static bool write_meta(struct cache *c, const json_t *meta, char *err, size_t errlen)
{
    char *text = json_dumps(meta, JSON_INDENT(1) | JSON_SORT_KEYS);
    char *p = path_join(c->dir, META_NAME);
    bool ok = text && p && file_replace(p, text, strlen(text), CACHE_FILE_MODE, err, errlen);
    if (!text || !p) file_error(err, errlen, "out of memory");
    free(p);
    free(text);
    return ok;
}

/* deck.json for d with the cached assets among urls; names receives every file kept. */
static json_t *build_meta(const struct cache *c, const struct cache_deck *d, const char *body,
                          const char *const *urls, size_t n, const char **names)
{
    json_t *meta = json_object(), *assets = json_array();
    if (!meta || !assets) {
        json_decref(meta);
        json_decref(assets);
        return NULL;
    }
    json_object_set_new(meta, "format", json_integer(META_FORMAT));
    json_object_set_new(meta, "feed", json_string(c->feed));
    json_object_set_new(meta, "body", json_string(body));
    set_opt_str(meta, "etag", d->etag);
    set_opt_str(meta, "last_modified", d->last_modified);
    set_opt_str(meta, "version", d->version);
    set_opt_str(meta, "signature", d->signature);
    json_object_set_new(meta, "fetched", json_integer(d->fetched));
    json_object_set_new(meta, "assets", assets);
    for (size_t i = 0; i < n; i++) {
        const struct asset *a = urls[i] ? find_asset(c, urls[i]) : NULL;
        if (!a || name_in(a->name, names, i + 1)) continue;
        names[i + 1] = a->name;
        json_t *o = json_object();
        json_object_set_new(o, "url", json_string(a->url));
        json_object_set_new(o, "file", json_string(a->name));
        set_opt_str(o, "etag", a->etag);
        set_opt_str(o, "last_modified", a->last_modified);
        json_array_append_new(assets, o);
    }
    return meta;
}

/* After a commit, the table holds only what deck.json lists (the rest is deleted).
 * names may point into the table: a kept slot is never overwritten here, and a moved
 * slot's old bytes stay in place until the next set_asset, so comparisons stay valid. */
static void forget_unlisted(struct cache *c, const char *const *names, size_t n)
{
    for (size_t i = 0; i < c->n_assets;) {
        if (name_in(c->assets[i].name, names, n)) {
            i++;
            continue;
        }
        asset_clear(&c->assets[i]);
        c->n_assets--;
        if (i < c->n_assets) c->assets[i] = c->assets[c->n_assets];
    }
}

bool cache_commit(struct cache *c, const struct cache_deck *d, const char *const *urls, size_t n,
                  char *err, size_t errlen)
{
    char hex[HASH_HEX_LEN + 1], body[NAME_MAX_LEN];
    hash_hex(d->body, d->len, hex);
    snprintf(body, sizeof body, "f-%s.json", hex);
    if (!file_exists(c, body)) {
        char *p = path_join(c->dir, body);
        bool ok = p && file_replace(p, d->body, d->len, CACHE_FILE_MODE, err, errlen);
        free(p);
        if (!ok) return false;
    }
    const char **names = calloc(n + 1, sizeof *names); /* [0]: the body, then assets */
    if (!names) {
        file_error(err, errlen, "out of memory");
        return false;
    }
    names[0] = body;
    json_t *meta = build_meta(c, d, body, urls, n, names);
    bool ok = meta && write_meta(c, meta, err, errlen);
    if (ok) {
        collect_garbage(c, names, n + 1);
        forget_unlisted(c, names, n + 1);
        json_decref(c->meta);
        c->meta = meta;
    } else {
        json_decref(meta);
    }
    free(names);
    return ok;
}

bool cache_touch(struct cache *c, int64_t t, char *err, size_t errlen)
{
    if (!c->meta) {
        file_error(err, errlen, "no committed deck");
        return false;
    }
    json_object_set_new(c->meta, "fetched", json_integer(t));
    return write_meta(c, c->meta, err, errlen);
}
