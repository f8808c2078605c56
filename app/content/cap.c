/* cap — CAP 1.2 alerts read with libxml2, and the alert shown at a time (see cap.h). */
#include "cap.h"

#include "file.h"
#include "rfc3339.h"
#include "utf8.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_CAP12 "urn:oasis:names:tc:emergency:cap:1.2"
#define NS_CAP11 "urn:oasis:names:tc:emergency:cap:1.1"
#define NS_ATOM  "http://www.w3.org/2005/Atom"

/* ---- reading the tree ----------------------------------------------------------------- */

static bool in_ns(const xmlNode *n, const char *ns)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static bool is_cap(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
           (in_ns(n, NS_CAP12) || in_ns(n, NS_CAP11));
}

static bool is_atom(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
           in_ns(n, NS_ATOM);
}

static const xmlNode *child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (is_cap(c, name)) return c;
    return NULL;
}

/* The text of parent's first <name>, cleaned to one line and cut to cap bytes ("" when
 * absent). dst holds cap + 1 bytes. */
static void text(const xmlNode *parent, const char *name, char *dst, size_t cap)
{
    const xmlNode *c = child(parent, name);
    xmlChar *s = c ? xmlNodeGetContent(c) : NULL;
    dst[0] = '\0';
    if (s) utf8_clean(dst, cap, (const char *)s, strlen((const char *)s));
    xmlFree(s);
}

static int64_t when(const xmlNode *parent, const char *name)
{
    char s[64];
    int64_t t;
    text(parent, name, s, sizeof s - 1);
    return s[0] && rfc3339_parse(s, &t) ? t : CAP_NO_TIME;
}

/* The index of word in names (case-sensitive, as CAP's code values are), or fallback. */
static int code(const xmlNode *parent, const char *name, const char *const *names, int n,
                int fallback)
{
    char s[32];
    text(parent, name, s, sizeof s - 1);
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return fallback;
}

static void read_info(const xmlNode *n, struct cap_info *info)
{
    static const char *const sev[] = {"Unknown", "Minor", "Moderate", "Severe", "Extreme"};
    text(n, "language", info->lang, sizeof info->lang - 1);
    if (!info->lang[0]) strcpy(info->lang, "en-US"); /* CAP's default */
    info->severity = (enum cap_severity)code(n, "severity", sev, 5, CAP_UNKNOWN);
    info->effective = when(n, "effective");
    if (info->effective == CAP_NO_TIME) info->effective = when(n, "onset");
    info->expires = when(n, "expires");
    text(n, "event", info->event, CAP_HEADLINE_MAX);
    text(n, "headline", info->headline, CAP_HEADLINE_MAX);
    text(n, "senderName", info->sender_name, CAP_HEADLINE_MAX);
    text(n, "instruction", info->instruction, CAP_TEXT_MAX);
    text(n, "description", info->description, CAP_TEXT_MAX);
}

/* "sender,identifier,sent sender,identifier,sent ..." */
static void read_refs(const xmlNode *n, struct cap_alert *a)
{
    char refs[CAP_MAX_REFS * (2 * CAP_ID_MAX + 40)], *save = NULL;
    text(n, "references", refs, sizeof refs - 1);
    for (char *t = strtok_r(refs, " ", &save); t && a->n_refs < CAP_MAX_REFS;
         t = strtok_r(NULL, " ", &save)) {
        char *c1 = strchr(t, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        if (!c2) continue;
        *c1 = *c2 = '\0';
        snprintf(a->ref_sender[a->n_refs], CAP_ID_MAX + 1, "%s", t);
        snprintf(a->ref_id[a->n_refs], CAP_ID_MAX + 1, "%s", c1 + 1);
        a->n_refs++;
    }
}

/* False when a required element is missing: the alert is skipped. */
static bool read_alert(const xmlNode *n, struct cap_alert *a)
{
    static const char *const status[] = {"Actual", "Exercise", "System", "Test", "Draft"};
    static const char *const type[] = {"Alert", "Update", "Cancel", "Ack", "Error"};
    memset(a, 0, sizeof *a);
    text(n, "identifier", a->identifier, CAP_ID_MAX);
    text(n, "sender", a->sender, CAP_ID_MAX);
    a->sent = when(n, "sent");
    a->status = (enum cap_status)code(n, "status", status, 5, -1);
    a->msgtype = (enum cap_msgtype)code(n, "msgType", type, 5, -1);
    if (!a->identifier[0] || !a->sender[0] || a->sent == CAP_NO_TIME || (int)a->status < 0 ||
        (int)a->msgtype < 0)
        return false;
    read_refs(n, a);
    for (const xmlNode *c = n->children; c && a->n_info < CAP_MAX_INFOS; c = c->next)
        if (is_cap(c, "info")) read_info(c, &a->info[a->n_info++]);
    return true;
}

static void add_alert(struct cap_doc *doc, const xmlNode *n)
{
    if (doc->n < CAP_MAX_ALERTS && read_alert(n, &doc->alert[doc->n])) doc->n++;
}

/* Atom: every entry's <content> holding an alert. */
static void read_atom(struct cap_doc *doc, const xmlNode *feed)
{
    for (const xmlNode *e = feed->children; e; e = e->next) {
        if (!is_atom(e, "entry")) continue;
        for (const xmlNode *c = e->children; c; c = c->next)
            if (is_atom(c, "content"))
                for (const xmlNode *a = c->children; a; a = a->next)
                    if (is_cap(a, "alert")) add_alert(doc, a);
    }
}

/* CAP has no DTD; a document with one is refused before parsing, so that no entity
 * (internal or external) is ever declared, let alone expanded. */
static bool has_dtd(const char *xml, size_t len)
{
    static const char needle[] = "<!DOCTYPE";
    const size_t n = sizeof needle - 1;
    for (size_t i = 0; i + n <= len; i++)
        if (xml[i] == '<' && memcmp(xml + i, needle, n) == 0) return true;
    return false;
}

bool cap_parse(const char *xml, size_t len, struct cap_doc *doc, char *why, size_t whylen)
{
    memset(doc, 0, sizeof *doc);
    if (len > CAP_MAX_BYTES)
        return file_error(why, whylen, "larger than the %u-byte limit", CAP_MAX_BYTES);
    if (has_dtd(xml, len)) return file_error(why, whylen, "a DTD is not allowed in an alert");
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx) return file_error(why, whylen, "out of memory");
    /* No network, no entity substitution, no DTD loading; errors come back here. */
    xmlDocPtr d = xmlCtxtReadMemory(ctx, xml, (int)len, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NOCDATA);
    bool ok = d != NULL;
    if (!ok) {
        const xmlError *e = xmlCtxtGetLastError(ctx);
        char msg[256] = "unreadable";
        if (e && e->message) utf8_clean(msg, sizeof msg - 1, e->message, strlen(e->message));
        file_error(why, whylen, "not XML: %s at line %d", msg, e ? e->line : 0);
    } else {
        const xmlNode *root = xmlDocGetRootElement(d);
        if (d->intSubset || d->extSubset)
            ok = file_error(why, whylen, "a DTD is not allowed in an alert");
        else if (is_cap(root, "alert"))
            add_alert(doc, root);
        else if (is_atom(root, "feed"))
            read_atom(doc, root);
        else
            ok = file_error(why, whylen, "neither a CAP 1.2 alert nor an Atom feed of alerts");
    }
    xmlFreeDoc(d);
    xmlFreeParserCtxt(ctx);
    return ok;
}

/* ---- what shows ------------------------------------------------------------------------ */

static bool in_effect(const struct cap_info *i, int64_t sent, int64_t now)
{
    const int64_t from = i->effective != CAP_NO_TIME ? i->effective : sent;
    return from <= now && (i->expires == CAP_NO_TIME || now < i->expires);
}

/* Another alert of the document updates or cancels a. */
static bool superseded(const struct cap_doc *doc, const struct cap_alert *a)
{
    for (size_t k = 0; k < doc->n; k++) {
        const struct cap_alert *b = &doc->alert[k];
        if (b == a || (b->msgtype != CAP_UPDATE && b->msgtype != CAP_CANCEL)) continue;
        for (size_t r = 0; r < b->n_refs; r++)
            if (strcmp(b->ref_id[r], a->identifier) == 0 &&
                strcmp(b->ref_sender[r], a->sender) == 0)
                return true;
    }
    return false;
}

/* The in-effect info that is most severe, or NULL. */
static const struct cap_info *top_info(const struct cap_alert *a, int64_t now)
{
    const struct cap_info *best = NULL;
    for (size_t i = 0; i < a->n_info; i++)
        if (in_effect(&a->info[i], a->sent, now) && (!best || a->info[i].severity > best->severity))
            best = &a->info[i];
    return best;
}

static bool shown(const struct cap_doc *doc, const struct cap_alert *a, bool show_tests)
{
    if (a->msgtype != CAP_ALERT && a->msgtype != CAP_UPDATE) return false;
    if (a->status == CAP_DRAFT || (a->status != CAP_ACTUAL && !show_tests)) return false;
    return !superseded(doc, a);
}

/* "fr" matches "fr", "fr-CA", "FR-ca"; exact tags first. */
static const struct cap_info *info_for(const struct cap_alert *a, const char *lang, int64_t now)
{
    const size_t n = strlen(lang);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < a->n_info; i++) {
            const struct cap_info *in = &a->info[i];
            if (!in_effect(in, a->sent, now)) continue;
            if (pass == 0 && strcasecmp(in->lang, lang) == 0) return in;
            if (pass == 1 && strncasecmp(in->lang, lang, n) == 0 && in->lang[n] == '-') return in;
        }
    return NULL;
}

static void fill_text(struct cap_text *t, const struct cap_alert *a, const struct cap_info *in)
{
    snprintf(t->lang, sizeof t->lang, "%s", in->lang);
    snprintf(t->event, sizeof t->event, "%s", in->event);
    snprintf(t->headline, sizeof t->headline, "%s", in->headline[0] ? in->headline : in->event);
    snprintf(t->instruction, sizeof t->instruction, "%s",
             in->instruction[0] ? in->instruction : in->description);
    snprintf(t->sender, sizeof t->sender, "%s", in->sender_name[0] ? in->sender_name : a->sender);
}

/* Texts in the display languages found; with none of them, the alert's own first. */
static void fill_texts(struct cap_view *v, const struct cap_alert *a, const struct cap_info *top,
                       const char *const *langs, size_t n_langs, int64_t now)
{
    v->n_texts = 0;
    for (size_t l = 0; l < n_langs && v->n_texts < 2; l++) {
        const struct cap_info *in = info_for(a, langs[l], now);
        if (in) fill_text(&v->text[v->n_texts++], a, in);
    }
    if (v->n_texts == 0) fill_text(&v->text[v->n_texts++], a, top);
}

bool cap_view_at(const struct cap_doc *doc, int64_t now, bool show_tests, const char *const *langs,
                 size_t n_langs, struct cap_view *out)
{
    const struct cap_alert *best = NULL;
    const struct cap_info *best_info = NULL;
    int active = 0;
    for (size_t k = 0; k < doc->n; k++) {
        const struct cap_alert *a = &doc->alert[k];
        const struct cap_info *in = shown(doc, a, show_tests) ? top_info(a, now) : NULL;
        if (!in) continue;
        active++;
        if (!best || in->severity > best_info->severity ||
            (in->severity == best_info->severity && a->sent > best->sent))
            best = a, best_info = in;
    }
    if (!best) return false;
    memset(out, 0, sizeof *out);
    snprintf(out->identifier, sizeof out->identifier, "%s", best->identifier);
    out->severity = best_info->severity;
    out->takeover = best_info->severity >= CAP_SEVERE;
    out->test = best->status != CAP_ACTUAL;
    out->until = best_info->expires;
    out->sent = best->sent;
    out->active = active;
    fill_texts(out, best, best_info, langs, n_langs, now);
    return true;
}

void cap_global_init(void)
{
    xmlInitParser();
}

void cap_global_cleanup(void)
{
    xmlCleanupParser();
}
