/* token — the bearer token a private feed asks for, read from a file (never from the
 * command line, where `ps` would show it). The file is read again only when it changes,
 * and a problem with it is logged once per version of the file, not at every poll.
 * The token is wiped from memory when replaced. Owned by one thread. */
#ifndef VITRINE_TOKEN_H
#define VITRINE_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#define TOKEN_MAX_BYTES 4096

/* The token in path: one line, surrounding whitespace dropped (control characters would
 * forge headers). A new string to free with token_free, or NULL with why in err. */
char *token_read(const char *path, char *err, size_t errlen);
void token_free(char *token);

/* A token file watched for changes. Zero-initialise; token_file_clear frees. */
struct token_file {
    char *token;    /* NULL: none (no file, unreadable, or not yet read) */
    struct stat st; /* the version last read, when st_valid */
    bool st_valid;
    bool missing; /* the file was missing at the last look (already warned) */
};

/* Reads path again if it changed since the last look. path NULL: no token. */
void token_file_refresh(struct token_file *t, const char *path);
void token_file_clear(struct token_file *t);

#endif
