/* http — one capped, conditional GET (or one POST), the only place vitrine talks
 * libcurl's easy API. Every network source (the feed, its images, and any source added
 * later) goes through http_get, and what vitrine sends (the heartbeat) through
 * http_post, so each gets the same transfer limits, redirect and protocol rules,
 * TLS verification (never off), bearer-token rule and prompt stop.
 *
 * A struct http is one easy handle (connections are reused between requests) owned by
 * one thread. curl_global_init must have run before any thread starts
 * (http_global_init, called by main first). */
#ifndef VITRINE_HTTP_H
#define VITRINE_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* Transfer limits: a dead or hostile server must not hold a thread, or the Pi's RAM. */
#define HTTP_CONNECT_TIMEOUT_S  10
#define HTTP_LOW_SPEED_BYTES    1024 /* bytes per second ... */
#define HTTP_LOW_SPEED_TIME_S   15   /* ... sustained this long aborts the transfer */
#define HTTP_TRANSFER_TIMEOUT_S 60
#define HTTP_MAX_REDIRECTS      5
#define HTTP_WHY_MAX            512 /* bytes of a failure's reason */

struct http;

/* stop (may be NULL) aborts a transfer under way as soon as it reads true. */
struct http *http_new(const atomic_bool *stop);
void http_free(struct http *h);

struct http_request {
    const char *url;
    const char *etag, *last_modified; /* validators to send, or NULL */
    const char *token;                /* bearer token to send, or NULL */
    size_t max;                       /* body cap, bytes (after decompression) */
    long timeout_ms;                  /* whole transfer; 0: HTTP_TRANSFER_TIMEOUT_S */
};

/* What http_post sends: len bytes of data, of this type ("application/json"). */
struct http_body {
    const void *data;
    size_t len;
    const char *type;
};

enum http_result {
    HTTP_OK,           /* 200: body holds it */
    HTTP_NOT_MODIFIED, /* 304: the validators still hold */
    HTTP_FAILED,       /* why says; code is the last HTTP status seen (0: none) */
    HTTP_STOPPED,      /* the stop flag cut it short */
};

struct http_response {
    long code;                  /* of the last status line seen (after redirects) */
    unsigned char *body;        /* HTTP_OK: NUL-terminated, never NULL */
    size_t len;                 /* */
    char *etag, *last_modified; /* HTTP_OK / HTTP_NOT_MODIFIED: the server's, or NULL */
    char why[HTTP_WHY_MAX];     /* HTTP_FAILED: "HTTP 404 Not Found", "Couldn't connect..." */
};

/* One GET. r is filled whatever the result; free it with http_response_clear. */
enum http_result http_get(struct http *h, const struct http_request *q, struct http_response *r);
void http_response_clear(struct http_response *r);

/* One POST of b to q's URL, with q's token, cap (of the answer) and time limit. Any 2xx is HTTP_OK
 * (body: what the server answered, perhaps
 * ""); a redirect is not followed (HTTP_FAILED "HTTP 301 ..."): the document is not
 * sent again somewhere else, and a receiver that moved is a configuration to fix.
 * Validators are not sent. */
enum http_result http_post(struct http *h, const struct http_request *q, const struct http_body *b,
                           struct http_response *r);

/* Same scheme, host and port: only there does a feed's bearer token go. */
bool http_same_origin(const char *a, const char *b);

/* libcurl's process-wide set-up and tear-down, before any thread starts and after
 * they all ended (curl_global_init is not thread-safe). ca_file (may be NULL: the system
 * store): the CA certificates (PEM) every TLS peer is verified against instead, for a
 * venue with a private CA; it must outlive every struct http. */
void http_global_init(const char *ca_file);
void http_global_cleanup(void);

#endif
