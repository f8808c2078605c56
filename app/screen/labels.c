/* labels — the table (see labels.h). English is the first column and the fallback. */
#include "labels.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define PLACEHOLDER "{}"

enum { LANG_EN, LANG_FR, LANGS };

static const char *const codes[LANGS] = {[LANG_EN] = "en", [LANG_FR] = "fr"};

static const char *const table[LABEL_COUNT][LANGS] = {
    [LABEL_PARTNER] = {"PARTNER", "PARTENAIRE"},
    [LABEL_DELEGATION] = {"DELEGATION", "DÉLÉGATION"},
    [LABEL_ANNOUNCEMENT] = {"ANNOUNCEMENT", "ANNONCE"},
    [LABEL_URGENT] = {"\xe2\x9a\xa0  URGENT NOTICE", "\xe2\x9a\xa0  AVIS URGENT"}, /* ⚠ */
    [LABEL_WHEN] = {"When", "Quand"},
    [LABEL_WHERE] = {"Where", "Où"},
    [LABEL_SCAN] = {"Scan for details", "Scannez pour en savoir plus"},
    [LABEL_MORE] = {"+ " PLACEHOLDER " more", "+ " PLACEHOLDER " autres"},
    [LABEL_STALE] = {"Content not updated", "Contenu non actualisé"},
    [LABEL_ALERT] = {"\xe2\x9a\xa0  ALERT", "\xe2\x9a\xa0  ALERTE"},
    [LABEL_ALERT_TEST] = {"TEST \xe2\x80\x94 NOT A REAL ALERT",
                          "TEST \xe2\x80\x94 CECI N'EST PAS UNE VRAIE ALERTE"},
    [LABEL_SESSIONS] = {"PROGRAMME", "PROGRAMME"},
    [LABEL_NOW] = {"NOW", "EN CE MOMENT"},
    [LABEL_NEXT] = {"NEXT", "ENSUITE"},
    [LABEL_ROOM] = {"ROOM", "SALLE"},
    [LABEL_IN_MIN] = {"in " PLACEHOLDER " min", "dans " PLACEHOLDER " min"},
    [LABEL_NO_SESSION] = {"No session", "Pas de séance"},
    [LABEL_FULL] = {"FULL", "COMPLET"},
    [LABEL_CANCELLED] = {"CANCELLED", "ANNULÉ"},
    [LABEL_MOVED] = {"MOVED", "DÉPLACÉ"},
    [LABEL_MOVED_TO] = {"MOVED \xe2\x86\x92 " PLACEHOLDER,
                        "DÉPLACÉ \xe2\x86\x92 " PLACEHOLDER}, /* → */
    [LABEL_RESUMES_TODAY] = {"The programme resumes at " PLACEHOLDER,
                             "Le programme reprend à " PLACEHOLDER},
    [LABEL_RESUMES_TOMORROW] = {"The programme resumes tomorrow at " PLACEHOLDER,
                                "Le programme reprend demain à " PLACEHOLDER},
    [LABEL_RESUMES_ON] = {"The programme resumes on " PLACEHOLDER,
                          "Le programme reprend le " PLACEHOLDER},
    [LABEL_FIRST_TALKS] = {"FIRST SESSIONS", "PREMIÈRES SÉANCES"},
    [LABEL_PROGRAMME_STALE] = {"Programme not updated", "Programme non actualisé"},
    [LABEL_MORE_ROOMS] = {"+ " PLACEHOLDER " more rooms", "+ " PLACEHOLDER " autres salles"},
};

/* The column of lang: its primary subtag ("fr" of "fr-CA"), compared without case as
 * BCP 47 tags are. False when vitrine does not speak it. */
static bool find_column(const char *lang, size_t *col)
{
    if (!lang) return false;
    const size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < LANGS; i++)
        if (strlen(codes[i]) == n && strncasecmp(lang, codes[i], n) == 0) {
            *col = i;
            return true;
        }
    return false;
}

bool labels_has(enum label which, const char *lang)
{
    size_t col;
    return (unsigned)which < LABEL_COUNT && find_column(lang, &col) && table[which][col] &&
           *table[which][col];
}

const char *labels_get(enum label which, const char *lang)
{
    if ((unsigned)which >= LABEL_COUNT) return "";
    size_t col = LANG_EN;
    find_column(lang, &col);
    const char *s = table[which][col];
    return s ? s : table[which][LANG_EN];
}

const char *labels_format(char *buf, size_t cap, enum label which, const char *lang,
                          const char *value)
{
    const char *pattern = labels_get(which, lang), *at = strstr(pattern, PLACEHOLDER);
    if (cap == 0) return buf;
    if (!at)
        snprintf(buf, cap, "%s", pattern);
    else
        snprintf(buf, cap, "%.*s%s%s", (int)(at - pattern), pattern, value ? value : "",
                 at + strlen(PLACEHOLDER));
    return buf;
}

const char *labels_date_at(char *buf, size_t cap, const char *lang, int month, int day,
                           const char *hhmm)
{
    static const char *const months[LANGS][12] = {
        [LANG_EN] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                     "Dec"},
        [LANG_FR] = {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                     "oct.", "nov.", "déc."}};
    size_t col = LANG_EN;
    find_column(lang, &col);
    if (cap == 0) return buf;
    const char *name = month >= 1 && month <= 12 ? months[col][month - 1] : "?";
    if (col == LANG_FR)
        snprintf(buf, cap, "%d %s \xc3\xa0 %s", day, name, hhmm);
    else
        snprintf(buf, cap, "%s %d at %s", name, day, hhmm);
    return buf;
}
