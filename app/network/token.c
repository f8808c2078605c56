/* token — the bearer token file (see token.h). */
#include "token.h"

#include "file.h"
#include "log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *token_read(const char *path, char *err, size_t errlen)
{
    unsigned char *data = NULL;
    size_t size = 0;
    if (!file_read(path, TOKEN_MAX_BYTES, &data, &size, err, errlen)) return NULL;
    size_t start = 0, len = size;
    while (start < len && is_blank(data[start]))
        start++;
    while (len > start && is_blank(data[len - 1]))
        len--;
    bool bad = len == start;
    for (size_t i = start; i < len; i++)
        bad |= data[i] < 0x21 || data[i] == 0x7f;
    char *token = NULL;
    if (bad)
        file_error(err, errlen, "%s does not hold a single-line token", path);
    else if (!(token = malloc(len - start + 1)))
        file_error(err, errlen, "out of memory");
    else
        memcpy(token, data + start, len - start), token[len - start] = '\0';
    explicit_bzero(data, size);
    free(data);
    return token;
}

void token_free(char *token)
{
    if (!token) return;
    explicit_bzero(token, strlen(token));
    free(token);
}

void token_file_refresh(struct token_file *t, const char *path)
{
    if (!path) return;
    struct stat st;
    if (stat(path, &st) != 0) {
        if (t->st_valid || !t->missing)
            log_warn("token file %s: %s; sending no token", path, strerror(errno));
        token_free(t->token);
        t->token = NULL;
        t->st_valid = false;
        t->missing = true;
        return;
    }
    t->missing = false;
    if (t->st_valid && file_same_version(&st, &t->st)) return;
    t->st = st;
    t->st_valid = true;
    token_free(t->token);
    char err[512];
    t->token = token_read(path, err, sizeof err);
    if (!t->token) log_warn("token file: %s; sending no token", err);
}

void token_file_clear(struct token_file *t)
{
    token_free(t->token);
    memset(t, 0, sizeof *t);
}
