/* file — whole files the way vitrine needs them: read with a cap (a feed, a token, a
 * cached logo must never fill the Pi's memory), replaced crash-safely (temp file in the
 * same directory, fsync, rename, fsync the directory: a power cut leaves the old
 * version or the new one, never half), and the one way a module writes the reason for
 * a failure into its caller's buffer. Any thread; no state. */
#ifndef VITRINE_FILE_H
#define VITRINE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define FILE_TEMP_INFIX ".tmp." /* path.tmp.XXXXXX: what a crash may leave behind */

/* Writes the reason into err (nothing when err is NULL or errlen 0) and returns false,
 * so a failing function ends with `return file_error(err, errlen, "...", ...);`. */
bool file_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reads the whole file at path, at most max bytes, into a new NUL-terminated buffer the
 * caller frees. False with a reason in err ("cannot open X: ...", "X is larger than the
 * limit"). */
bool file_read(const char *path, size_t max, unsigned char **data, size_t *len, char *err,
               size_t errlen);

/* Replaces path with data crash-safely, with permissions mode (see the top). */
bool file_replace(const char *path, const void *data, size_t len, unsigned mode, char *err,
                  size_t errlen);

/* Deletes what a crash in file_replace(path) left behind: path.tmp.XXXXXX files beside
 * it (a process killed between mkstemp and rename). Returns how many went. */
int file_remove_leftovers(const char *path);

struct stat;

/* True when two stat results describe the same version of a file (device, inode, size,
 * modification time to the nanosecond): what a watcher compares to notice a change. */
bool file_same_version(const struct stat *a, const struct stat *b);

/* Creates dir and its missing parents with mode (existing ones are left alone). */
bool file_mkdirs(const char *dir, mode_t mode, char *err, size_t errlen);

#endif
