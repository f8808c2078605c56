/* plan — `vitrine --plan`: what this screen shows when, over a span of wall time, as
 * JSON lines {"at", "slide", "lang", "until"} with times in RFC 3339 at the event's own
 * offset, so an organiser checks a whole day against the programme before the event.
 * Built from the very schedule the render loop follows (schedule.h), so the plan cannot
 * disagree with the screens. Pure apart from writing to out; any thread. */
#ifndef VITRINE_PLAN_H
#define VITRINE_PLAN_H

#include <stdint.h>
#include <stdio.h>

struct feed;

/* Writes one line per showing that overlaps [from_s, from_s + for_s): "at" is when it
 * starts (from_s for the one under way), "until" when it ends -- its slide boundary,
 * or the instant the set of active slides changes, or the end of the span. While
 * nothing is active the line has "slide": null and "lang": null. screen, min_valid_s
 * and until (what the slides' content allows, may be NULL) are as for
 * schedule_new_limited. Returns the number of lines, or -1 when memory runs out or out
 * cannot be written. */
long plan_write(FILE *out, const struct feed *feed, const char *screen, int64_t min_valid_s,
                const int64_t *until, int64_t from_s, int64_t for_s);

#endif
