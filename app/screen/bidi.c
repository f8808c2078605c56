/* bidi — splits a line into runs of one direction, script and face, in display order.
 * Embedding levels come from FriBidi (rules up to I2, with bracket pairs); this file
 * only cuts runs where the level, the script or the key changes and applies rule L2
 * (reverse every sequence at or above each odd level) to the runs. */
#include "bidi.h"

#include "utf8.h"

#include <fribidi.h>
#include <hb.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Per-character scratch for one line, in one allocation. */
struct chars {
    size_t n;
    FriBidiChar *cp;
    size_t *off; /* byte offset of each character */
    FriBidiCharType *types;
    FriBidiBracketType *brackets;
    FriBidiLevel *levels;
    hb_script_t *scripts;
    void *block;
};

static bool chars_new(struct chars *c, size_t n)
{
    const size_t each = sizeof *c->cp + sizeof *c->off + sizeof *c->types + sizeof *c->brackets +
                        sizeof *c->levels + sizeof *c->scripts;
    c->block = malloc(n * each);
    if (!c->block) return false;
    /* Widest members first, so each array stays aligned. */
    char *p = c->block;
    c->off = (size_t *)(void *)p, p += n * sizeof *c->off;
    c->cp = (FriBidiChar *)(void *)p, p += n * sizeof *c->cp;
    c->types = (FriBidiCharType *)(void *)p, p += n * sizeof *c->types;
    c->brackets = (FriBidiBracketType *)(void *)p, p += n * sizeof *c->brackets;
    c->scripts = (hb_script_t *)(void *)p, p += n * sizeof *c->scripts;
    c->levels = (FriBidiLevel *)(void *)p;
    return true;
}

/* Decodes s into c; false on an empty line or no memory. */
static bool decode_line(struct chars *c, const char *s, size_t len)
{
    c->n = 0;
    if (len == 0 || len > INT_MAX || !chars_new(c, len)) return false;
    for (size_t i = 0, k; i < len; i += k) {
        c->off[c->n] = i;
        c->cp[c->n++] = utf8_decode(s + i, len - i, &k);
    }
    return true;
}

bool bidi_is_rtl(const char *s, size_t len)
{
    for (size_t i = 0, k; i < len && s[i] != '\n'; i += k) {
        FriBidiCharType t = fribidi_get_bidi_type(utf8_decode(s + i, len - i, &k));
        if (t == FRIBIDI_TYPE_LTR) return false;
        if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL) return true;
    }
    return false;
}

/* Levels by the bidi algorithm; a left-to-right line with no byte above ASCII is all
 * level 0 without asking. */
static bool resolve_levels(struct chars *c, const char *s, size_t len, bool rtl)
{
    bool ascii = !rtl;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (ascii) {
        memset(c->levels, 0, c->n * sizeof *c->levels);
        return true;
    }
    const FriBidiStrIndex n = (FriBidiStrIndex)c->n;
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    fribidi_get_bidi_types(c->cp, n, c->types);
    fribidi_get_bracket_types(c->cp, n, c->types, c->brackets);
    return fribidi_get_par_embedding_levels_ex(c->types, c->brackets, n, &base, c->levels) != 0;
}

static bool is_real_script(hb_script_t sc)
{
    return sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED && sc != HB_SCRIPT_UNKNOWN &&
           sc != HB_SCRIPT_INVALID;
}

/* Spaces, digits, punctuation and combining marks take the script around them, so
 * "Mila, Montréal" stays one Latin run and a mark stays with its letter. */
static void resolve_scripts(struct chars *c)
{
    hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
    hb_script_t last = HB_SCRIPT_INVALID, first = HB_SCRIPT_COMMON;
    for (size_t i = 0; i < c->n; i++) {
        hb_script_t sc = hb_unicode_script(u, c->cp[i]);
        if (is_real_script(sc)) {
            if (!is_real_script(last)) first = sc; /* the line's first real script */
            last = sc;
        }
        c->scripts[i] = is_real_script(sc) ? sc : last;
    }
    for (size_t i = 0; i < c->n && !is_real_script(c->scripts[i]); i++)
        c->scripts[i] = first; /* leading neutrals: the first real script, or Common */
}

static void script_name(hb_script_t sc, char out[5])
{
    hb_tag_to_string(hb_script_to_iso15924_tag(sc), out);
    out[4] = '\0';
}

/* Rule L2 on runs: from the highest level down to the lowest odd one, reverse every
 * maximal sequence of runs at that level or higher. */
static void reorder(struct bidi_run *runs, FriBidiLevel *lv, size_t n)
{
    int hi = 0, lo_odd = INT_MAX;
    for (size_t i = 0; i < n; i++) {
        const int l = (unsigned char)lv[i]; /* FriBidiLevel is signed; levels are 0..125 */
        if (l > hi) hi = l;
        if ((l & 1) && l < lo_odd) lo_odd = l;
    }
    for (int level = hi; level >= lo_odd; level--) {
        for (size_t i = 0; i < n;) {
            if (lv[i] < level) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n && lv[j] >= level)
                j++;
            for (size_t a = i, b = j - 1; a < b; a++, b--) {
                struct bidi_run t = runs[a];
                runs[a] = runs[b], runs[b] = t;
                FriBidiLevel tl = lv[a];
                lv[a] = lv[b], lv[b] = tl;
            }
            i = j;
        }
    }
}

/* Cuts the runs in logical order, their levels in lv; returns how many. Past cap runs,
 * the rest of the line is left out. */
static size_t cut(const struct chars *c, size_t len, bidi_key_fn key, void *ctx,
                  struct bidi_run *out, FriBidiLevel *lv, size_t cap)
{
    size_t n = 0, end = len;
    int prev_key = 0;
    for (size_t i = 0; i < c->n; i++) {
        int k = key ? key(ctx, c->cp[i]) : 0;
        bool same = i > 0 && k == prev_key && c->levels[i] == c->levels[i - 1] &&
                    c->scripts[i] == c->scripts[i - 1];
        prev_key = k;
        if (same) continue;
        if (n == cap) {
            end = c->off[i];
            break;
        }
        if (n > 0) out[n - 1].len = c->off[i] - out[n - 1].off;
        out[n] = (struct bidi_run){.off = c->off[i], .key = k, .rtl = c->levels[i] & 1};
        script_name(c->scripts[i], out[n].script);
        lv[n++] = c->levels[i];
    }
    if (n > 0) out[n - 1].len = end - out[n - 1].off;
    return n;
}

size_t bidi_runs(const char *s, size_t len, bool rtl, bidi_key_fn key, void *ctx,
                 struct bidi_run *out, size_t cap)
{
    struct chars c = {0};
    if (cap == 0 || !decode_line(&c, s, len)) return 0;
    size_t n = 0;
    FriBidiLevel *lv = malloc(cap * sizeof *lv);
    if (lv && resolve_levels(&c, s, len, rtl)) {
        resolve_scripts(&c);
        n = cut(&c, len, key, ctx, out, lv, cap);
        reorder(out, lv, n);
    }
    free(lv);
    free(c.block);
    return n;
}
