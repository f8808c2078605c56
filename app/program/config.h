/* config — reads /etc/vitrine/vitrine.conf (or --config FILE) into struct options.
 * Called once from options_parse on the main thread, before any other thread starts. */
#ifndef VITRINE_CONFIG_H
#define VITRINE_CONFIG_H

#include "options.h"

#include <stdbool.h>
#include <stddef.h>

/* Reads a configuration file into o: one key of the settings table per line. Returns
 * false with "FILE:LINE: reason" in err on the first invalid line or an unreadable file. */
bool config_load(const char *path, struct options *o, char *err, size_t errlen);

#endif
