/* fuzz_cap — libFuzzer target for the CAP alert reader (cap.c, libxml2 underneath) and
 * what the screen would show of what it returns.
 *
 * Input: the document. Every string kept is read to its end and checked as one clean
 * UTF-8 line within its limit; then the view is asked for at instants around every
 * time the document names, in fr/en and in a language it may not have, with and
 * without tests shown, and its answers checked (a takeover is Severe or Extreme, texts
 * present, the identifier one of the document's). libFuzzer's thread. */
#include "cap.h"
#include "utf8_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_text(const char *s, size_t cap)
{
    const size_t n = strnlen(s, cap + 1);
    FUZZ_ASSERT(n <= cap);
    FUZZ_ASSERT(utf8_check_valid(s, n));
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
}

static void check_alert(const struct cap_alert *a)
{
    check_text(a->identifier, CAP_ID_MAX);
    check_text(a->sender, CAP_ID_MAX);
    FUZZ_ASSERT(a->identifier[0] && a->sender[0] && a->sent != CAP_NO_TIME);
    FUZZ_ASSERT(a->n_refs <= CAP_MAX_REFS && a->n_info <= CAP_MAX_INFOS);
    for (size_t r = 0; r < a->n_refs; r++) {
        check_text(a->ref_sender[r], CAP_ID_MAX);
        check_text(a->ref_id[r], CAP_ID_MAX);
    }
    for (size_t i = 0; i < a->n_info; i++) {
        const struct cap_info *in = &a->info[i];
        check_text(in->lang, CAP_LANG_MAX - 1);
        FUZZ_ASSERT(in->lang[0]);
        FUZZ_ASSERT(in->severity >= CAP_UNKNOWN && in->severity <= CAP_EXTREME);
        check_text(in->event, CAP_HEADLINE_MAX);
        check_text(in->headline, CAP_HEADLINE_MAX);
        check_text(in->sender_name, CAP_HEADLINE_MAX);
        check_text(in->instruction, CAP_TEXT_MAX);
        check_text(in->description, CAP_TEXT_MAX);
    }
}

static bool is_identifier(const struct cap_doc *d, const char *id)
{
    for (size_t k = 0; k < d->n; k++)
        if (strcmp(d->alert[k].identifier, id) == 0) return true;
    return false;
}

static void probe(const struct cap_doc *d, int64_t t)
{
    static const char *const fr_en[] = {"fr", "en"}, *const de[] = {"de"};
    for (int tests = 0; tests < 2; tests++)
        for (int l = 0; l < 2; l++) {
            struct cap_view v;
            if (!cap_view_at(d, t, tests, l ? de : fr_en, l ? 1 : 2, &v)) continue;
            FUZZ_ASSERT(is_identifier(d, v.identifier));
            FUZZ_ASSERT(v.takeover == (v.severity >= CAP_SEVERE));
            FUZZ_ASSERT(v.active >= 1 && (size_t)v.active <= d->n);
            FUZZ_ASSERT(v.n_texts >= 1 && v.n_texts <= 2);
            FUZZ_ASSERT(v.until == CAP_NO_TIME || t < v.until);
            for (size_t k = 0; k < v.n_texts; k++) {
                check_text(v.text[k].headline, CAP_HEADLINE_MAX);
                check_text(v.text[k].instruction, CAP_TEXT_MAX);
                check_text(v.text[k].sender, CAP_HEADLINE_MAX);
            }
        }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    cap_global_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cap_doc doc; /* large: not on the stack */
    char why[256];
    if (!cap_parse((const char *)data, size, &doc, why, sizeof why)) {
        FUZZ_ASSERT(why[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(doc.n <= CAP_MAX_ALERTS);
    for (size_t k = 0; k < doc.n; k++) {
        const struct cap_alert *a = &doc.alert[k];
        check_alert(a);
        probe(&doc, a->sent);
        for (size_t i = 0; i < a->n_info; i++) {
            const struct cap_info *in = &a->info[i];
            if (in->effective != CAP_NO_TIME) probe(&doc, in->effective);
            if (in->expires != CAP_NO_TIME && in->expires > INT64_MIN + 1) {
                probe(&doc, in->expires - 1);
                probe(&doc, in->expires);
            }
        }
    }
    return 0;
}
