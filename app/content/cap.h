/* cap — emergency alerts in OASIS CAP 1.2 (the format of public alerting and building
 * systems), read with libxml2, and what a screen shows of them at a given time.
 *
 * A source is one <alert>, or an Atom <feed> whose entries carry alerts in <content>.
 * The parser is hardened for documents from the network: no DTD at all (a document
 * with one is refused before libxml2 sees it, so no entity is ever expanded: no
 * billion laughs, no external entities), no network access, a size cap and libxml2's
 * own depth limit; every text is cleaned to one line and cut to a limit.
 *
 * What shows is a pure function of the last good document and the wall clock: alerts
 * with status Actual (Test, Exercise... only when asked), minus those an Update or a
 * Cancel in the same document references, minus those expired or not yet effective;
 * of those the most severe, then the most recent. Pure; any thread. */
#ifndef VITRINE_CAP_H
#define VITRINE_CAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAP_MAX_BYTES    (512u * 1024u) /* one source document */
#define CAP_MAX_ALERTS   32             /* alerts kept from one document */
#define CAP_MAX_INFOS    8              /* <info> blocks kept per alert (one per language) */
#define CAP_MAX_REFS     16             /* <references> kept per alert */
#define CAP_ID_MAX       160            /* bytes of an identifier or sender */
#define CAP_LANG_MAX     16             /* bytes of a language tag */
#define CAP_HEADLINE_MAX 240            /* bytes of a headline or event */
#define CAP_TEXT_MAX     720            /* bytes of an instruction or description */
#define CAP_NO_TIME      INT64_MIN

enum cap_status { CAP_ACTUAL, CAP_EXERCISE, CAP_SYSTEM, CAP_TEST, CAP_DRAFT };
enum cap_msgtype { CAP_ALERT, CAP_UPDATE, CAP_CANCEL, CAP_ACK, CAP_ERROR };
enum cap_severity { CAP_UNKNOWN, CAP_MINOR, CAP_MODERATE, CAP_SEVERE, CAP_EXTREME };

struct cap_info {
    char lang[CAP_LANG_MAX]; /* "fr-CA"; CAP's default when absent: "en-US" */
    enum cap_severity severity;
    int64_t effective, expires; /* unix seconds, or CAP_NO_TIME */
    char event[CAP_HEADLINE_MAX + 1];
    char headline[CAP_HEADLINE_MAX + 1];
    char sender_name[CAP_HEADLINE_MAX + 1];
    char instruction[CAP_TEXT_MAX + 1];
    char description[CAP_TEXT_MAX + 1];
};

struct cap_alert {
    char identifier[CAP_ID_MAX + 1];
    char sender[CAP_ID_MAX + 1];
    int64_t sent;
    enum cap_status status;
    enum cap_msgtype msgtype;
    /* "sender,identifier,sent" triples of the alerts this one updates or cancels: the
     * sender and identifier are kept. */
    char ref_sender[CAP_MAX_REFS][CAP_ID_MAX + 1];
    char ref_id[CAP_MAX_REFS][CAP_ID_MAX + 1];
    size_t n_refs;
    struct cap_info info[CAP_MAX_INFOS];
    size_t n_info;
};

struct cap_doc {
    struct cap_alert alert[CAP_MAX_ALERTS];
    size_t n;
};

/* Parses one CAP alert or an Atom feed of them into *doc (a large struct: allocate it).
 * False with a technician's sentence in why ("not XML: ... at line 3", "a DTD is not
 * allowed in an alert", "neither a CAP 1.2 alert nor an Atom feed"). An alert missing a
 * required element is skipped, not fatal, when others are usable; a document with no
 * usable alert and no alert at all both parse (n == 0: nothing to show). */
bool cap_parse(const char *xml, size_t len, struct cap_doc *doc, char *why, size_t whylen);

/* One language of what the screen shows. */
struct cap_text {
    char lang[CAP_LANG_MAX];
    char event[CAP_HEADLINE_MAX + 1];    /* "Fire alarm" */
    char headline[CAP_HEADLINE_MAX + 1]; /* the headline, else the event */
    char instruction[CAP_TEXT_MAX + 1];  /* the instruction, else the description */
    char sender[CAP_HEADLINE_MAX + 1];   /* senderName, else the sender */
};

/* The alert on screen now. */
struct cap_view {
    char identifier[CAP_ID_MAX + 1];
    enum cap_severity severity;
    bool takeover;  /* Extreme or Severe: the whole screen; else a banner */
    bool test;      /* its status is not Actual (shown only when tests are) */
    int64_t until;  /* when it expires (unix seconds), or CAP_NO_TIME */
    int64_t sent;   /* */
    int active;     /* how many alerts are in effect (the one shown is the most severe) */
    size_t n_texts; /* 1 or 2: one per display language found, in their order */
    struct cap_text text[2];
};

/* What to show at unix time now, for the display languages langs (primary first; "fr",
 * "en"...): false when nothing is in effect. show_tests: alerts with status Test,
 * Exercise and System show too (marked by the caller). */
bool cap_view_at(const struct cap_doc *doc, int64_t now, bool show_tests, const char *const *langs,
                 size_t n_langs, struct cap_view *out);

/* libxml2's process-wide set-up and tear-down, on the main thread before any other
 * thread starts and after they all ended. */
void cap_global_init(void);
void cap_global_cleanup(void);

#endif
