/* startup — the deck on screen before the first frame, chosen on the main thread before
 * the fetch thread exists, so that a screen is never black while the network thinks:
 *
 *   URL feed   the cached deck (with its cached images), else the built-in demo deck
 *   file feed  the file (remote images from the cache), else the built-in demo deck
 *   no feed    the built-in demo deck
 *
 * Problems are logged and recorded in the status. Nothing here touches the network. */
#ifndef VITRINE_STARTUP_H
#define VITRINE_STARTUP_H

struct bundle;
struct fetch_config;

/* NULL only when even the built-in deck cannot be loaded. */
struct bundle *startup_deck(const struct fetch_config *cfg);

#endif
