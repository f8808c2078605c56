/* labels — the words the screen adds to a feed's content (kickers, "When", "Scan for
 * details", the urgent banner, "+ 12 more", the stale mark) in every language vitrine
 * speaks, as one table: a label is a row, a language a column. A new board adds rows,
 * not code; a new language adds a column.
 *
 * A feed language vitrine does not speak gets the English text; a regional tag gets its
 * language's ("fr-CA" and "FR" are French). Constant data: any thread. */
#ifndef VITRINE_LABELS_H
#define VITRINE_LABELS_H

#include <stdbool.h>
#include <stddef.h>

enum label {
    LABEL_PARTNER,          /* kickers: the slide type, above the title */
    LABEL_DELEGATION,       /* */
    LABEL_ANNOUNCEMENT,     /* */
    LABEL_URGENT,           /* the banner across an urgent slide */
    LABEL_WHEN,             /* an announcement's rows */
    LABEL_WHERE,            /* */
    LABEL_SCAN,             /* under a QR code */
    LABEL_MORE,             /* the last cell of a member grid that does not fit: "+ {} more" */
    LABEL_STALE,            /* the chrome's mark when a polled feed has not been updated */
    LABEL_SESSIONS,         /* the sessions board: kicker */
    LABEL_NOW,              /* column headings */
    LABEL_NEXT,             /* */
    LABEL_ROOM,             /* */
    LABEL_IN_MIN,           /* "in {} min": a talk starting within 30 min */
    LABEL_NO_SESSION,       /* a room with nothing running */
    LABEL_FULL,             /* badges from the feed's room status */
    LABEL_CANCELLED,        /* */
    LABEL_MOVED,            /* "moved" without a destination */
    LABEL_MOVED_TO,         /* "moved to {}" */
    LABEL_RESUMES_TODAY,    /* "the programme resumes at {}" (a time) */
    LABEL_RESUMES_TOMORROW, /* "... tomorrow at {}" */
    LABEL_RESUMES_ON,       /* "... on {}" (a date and a time) */
    LABEL_FIRST_TALKS,      /* the heading over the resuming day's first talks */
    LABEL_PROGRAMME_STALE,  /* the board's mark when its export could not be refreshed */
    LABEL_MORE_ROOMS,       /* "+ {} more rooms": rooms a board could not hold */
    LABEL_ALERT,            /* the band of an emergency alert (CAP) */
    LABEL_ALERT_TEST,       /* the same, for an alert whose status is not Actual */
    LABEL_COUNT
};

/* Label which in language lang (a BCP 47 tag; NULL or unknown: English). Never NULL. A
 * "{}" in it stands for a value: see labels_format. */
const char *labels_get(enum label which, const char *lang);

/* Label which in lang with its "{}" replaced by value, into buf (cut when longer).
 * Returns buf. */
const char *labels_format(char *buf, size_t cap, enum label which, const char *lang,
                          const char *value);

/* "Dec 9 at 09:00" / "9 déc. à 09:00": a month (1–12), its day and a time, as lang
 * writes them, into buf. Returns buf. */
const char *labels_date_at(char *buf, size_t cap, const char *lang, int month, int day,
                           const char *hhmm);

/* True when the table has lang's own text for the label, not the English fallback. */
bool labels_has(enum label which, const char *lang);

#endif
