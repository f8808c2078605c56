/* file — capped reads, crash-safe replacement, error reasons (see file.h). */
#include "file.h"

#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK 16384 /* bytes per read() */

bool file_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

bool file_read(const char *path, size_t max, unsigned char **data, size_t *len, char *err,
               size_t errlen)
{
    *data = NULL;
    *len = 0;
    if (!path) return file_error(err, errlen, "no file name given");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return file_error(err, errlen, "cannot read %s: %s", path, strerror(errno));
    struct buf b = buf_make(max);
    char chunk[READ_CHUNK];
    ssize_t n;
    int saved = 0;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 || !buf_append(&b, chunk, (size_t)n)) {
            saved = n < 0 ? errno : ENOMEM;
            break;
        }
    }
    close(fd);
    if (b.too_big) {
        buf_free(&b);
        return file_error(err, errlen, "%s is larger than the limit", path);
    }
    if (saved) {
        buf_free(&b);
        return file_error(err, errlen, "cannot read %s: %s", path, strerror(saved));
    }
    *data = buf_steal(&b, len);
    return *data ? true : file_error(err, errlen, "cannot read %s: %s", path, strerror(ENOMEM));
}

/* A rename is only on disk once the directory holding it is flushed too. */
static bool fsync_parent(const char *path, char *err, size_t errlen)
{
    /* A bare name lives in "."; copying "." over it would overflow an empty path. */
    char *dir = strdup(strchr(path, '/') ? path : ".");
    if (!dir) return file_error(err, errlen, "out of memory");
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool ok = fd >= 0 && fsync(fd) == 0;
    if (!ok) file_error(err, errlen, "cannot flush directory %s: %s", dir, strerror(errno));
    if (fd >= 0) close(fd);
    free(dir);
    return ok;
}

static bool write_all(int fd, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

bool file_replace(const char *path, const void *data, size_t len, unsigned mode, char *err,
                  size_t errlen)
{
    size_t n = strlen(path) + sizeof FILE_TEMP_INFIX + 6;
    char *tmp = malloc(n);
    if (!tmp) return file_error(err, errlen, "out of memory");
    snprintf(tmp, n, "%s%sXXXXXX", path, FILE_TEMP_INFIX);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        file_error(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        free(tmp);
        return false;
    }
    bool ok = write_all(fd, data, len) && fchmod(fd, (mode_t)mode) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        file_error(err, errlen, "cannot write %s: %s", path, strerror(saved));
        unlink(tmp);
        free(tmp);
        return false;
    }
    free(tmp);
    return fsync_parent(path, err, errlen);
}

bool file_same_version(const struct stat *a, const struct stat *b)
{
    return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

bool file_mkdirs(const char *dir, mode_t mode, char *err, size_t errlen)
{
    char *p = strdup(dir);
    if (!p) return file_error(err, errlen, "out of memory");
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0') continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, mode) != 0 && errno != EEXIST) {
            file_error(err, errlen, "cannot create %s: %s", p, strerror(errno));
            free(p);
            return false;
        }
        *s = c;
        if (c == '\0') break;
    }
    free(p);
    return true;
}

int file_remove_leftovers(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[4096], prefix[512], victim[4096 + 512];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path) snprintf(dir, sizeof dir, "/");
    snprintf(prefix, sizeof prefix, "%s%s", base, FILE_TEMP_INFIX);
    DIR *d = opendir(dir);
    if (!d) return 0;
    int removed = 0;
    const size_t n = strlen(prefix);
    for (const struct dirent *e; (e = readdir(d));) {
        if (strncmp(e->d_name, prefix, n) != 0 || strlen(e->d_name) != n + 6) continue;
        snprintf(victim, sizeof victim, "%s/%s", dir, e->d_name);
        removed += unlink(victim) == 0;
    }
    closedir(d);
    return removed;
}
