#include "configcard.h"

#include "bundle.h"
#include "feed.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESTART_COMMAND "sudo systemctl restart vitrine"

bool configcard_wanted(void)
{
    const char *s = getenv("NOTIFY_SOCKET");
    return s && *s;
}

static json_t *both(const char *en, const char *fr)
{
    return json_pack("{s:s, s:s}", "en", en, "fr", fr);
}

struct bundle *configcard_deck(const char *err)
{
    char en[1024], fr[1024];
    snprintf(en, sizeof en, "%s. Fix the file, then restart vitrine: " RESTART_COMMAND, err);
    snprintf(fr, sizeof fr, "%s. Corrigez le fichier, puis redémarrez vitrine : " RESTART_COMMAND,
             err);
    /* Urgent (the red band) and long: nothing else is on screen, and each language gets
     * a minute before the other. */
    json_t *doc =
        json_pack("{s:i, s:{s:o}, s:[s,s], s:{s:i, s:s}, s:[{s:s, s:s, s:b, s:o, s:o}]}", "vitrine",
                  1, "event", "name", both("vitrine", "vitrine"), "languages", "en", "fr",
                  "defaults", "duration", 60, "transition", "cut", "slides", "id",
                  "configuration-error", "type", "announcement", "urgent", 1, "title",
                  both("Configuration error", "Erreur de configuration"), "text", both(en, fr));
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (!text) return NULL;
    struct feed *feed = feed_parse(text, strlen(text), NULL, NULL, NULL);
    free(text);
    if (!feed) return NULL;
    size_t n = feed_slide_count(feed);
    /* No image: the announcement's own design. */
    struct SDL_Surface **images = calloc(n, sizeof(struct SDL_Surface *));
    if (!images) {
        feed_free(feed);
        return NULL;
    }
    return bundle_new(feed, BUNDLE_SOURCE_BUILTIN, "configuration-error", images, n, NULL);
}
