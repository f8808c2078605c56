/* placement — the fields any slide may carry that say when and where it shows, beyond
 * its start/end window: "hours" (weekday and time-of-day windows, hours.h), "weight"
 * (how many times per loop, weights.h) and "screens" (the screen names it is meant for).
 * Internal to the feed parser (feed.c calls it after the common fields); the rotation
 * (schedule.c) reads the results from struct slide. Pure; any thread. */
#ifndef VITRINE_PLACEMENT_H
#define VITRINE_PLACEMENT_H

#include "feed.h"

#include <jansson.h>
#include <stdbool.h>

struct feedparse;

/* Fills s->hours, s->weight (1 when absent or unusable, warned) and s->screens from the
 * slide object js at JSON path at. False, reported with FEEDPARSE_SKIPPED, when "hours"
 * or "screens" is unusable: a slide shown at the wrong hours or on the wrong screen is
 * worse than one not shown. */
bool placement_parse(struct feedparse *p, const json_t *js, const char *at, struct slide *s);

/* Whether s shows on the screen called screen (NULL or "": a screen without a name).
 * A slide without "screens" shows everywhere; one with it only on the screens it names
 * (compared without regard to ASCII case), so an unnamed screen shows only untargeted
 * slides. */
bool placement_for_screen(const struct slide *s, const char *screen);

#endif
