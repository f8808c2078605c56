/* configcard — the deck vitrine shows instead of exiting when its configuration does not
 * parse while it runs as a systemd service: one full-screen card, in English and French,
 * naming the file, the line and what is wrong, and how to restart once it is fixed.
 * Under systemd nobody reads stderr: exiting would leave the screen on the text console
 * (or black), and a technician in front of the screen would not know why. Pure: it
 * builds the feed document and parses it like any other. */
#ifndef VITRINE_CONFIGCARD_H
#define VITRINE_CONFIGCARD_H

#include <stdbool.h>

struct bundle;

/* The card's deck for the one-line reason err (e.g. "/etc/vitrine/vitrine.conf:4:
 * unknown key 'fed'"); NULL only when out of memory. */
struct bundle *configcard_deck(const char *err);

/* Whether a configuration error should become the card rather than exit status 2:
 * running as a systemd service (NOTIFY_SOCKET is set: Type=notify). */
bool configcard_wanted(void);

#endif
