/* alarm — the emergency alert on screen. Holds the alert source's last good document
 * (cap.h, handed over by the alerts thread), decides at every tick which alert shows on
 * the wall clock (so one expires or becomes effective by itself, without a new
 * document), builds its pictures once per alert and language, alternates the
 * languages, and tells the journal and the status file when an alert starts and ends.
 * Render thread only. */
#ifndef VITRINE_ALARM_H
#define VITRINE_ALARM_H

#include <stdbool.h>
#include <stdint.h>

struct cap_doc;
struct feed;
struct render;
struct status;
struct view;

#define ALARM_LANG_MS  8000 /* each language of a bilingual alert stays this long */
#define ALARM_CHECK_MS 1000 /* how often the wall clock is asked while alerts are known */

struct alarm_config {
    struct render *render;
    struct status *status; /* may be NULL */
    bool show_tests;       /* alerts_show_tests: Test, Exercise and System alerts show */
};

struct alarm *alarm_new(const struct alarm_config *cfg);
void alarm_free(struct alarm *a);

/* Takes ownership of doc (the source's newest good document; it replaces the last). */
void alarm_offer(struct alarm *a, struct cap_doc *doc);

/* The alert to draw at wall_ms (NULL: none), in the languages of feed; *takeover says
 * whether it hides the slideshow. *wait_ms is lowered to when the answer may change. */
const struct view *alarm_now(struct alarm *a, const struct feed *feed, int64_t wall_ms,
                             int64_t mono_ms, bool *takeover, int64_t *wait_ms);

#endif
