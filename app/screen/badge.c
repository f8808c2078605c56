/* badge — pills and status badges (see badge.h). */
#include "badge.h"

#include "labels.h"

#include <stdio.h>
#include <string.h>

struct badge_style {
    unsigned bg, fg;
};
static const struct badge_style badge_styles[] = {
    [ROOMSTATUS_FULL] = {0xffb020ff, 0x1b1300ff},
    [ROOMSTATUS_CANCELLED] = {0xe5383bff, 0xffffffff},
    [ROOMSTATUS_MOVED] = {0x74c0fcff, 0x04182bff},
};

static int px(const struct badge_at *at, int hundredths)
{
    return draft_px(&at->c->sc, hundredths);
}

int badge_pill_width(const struct badge_at *at, const char *text)
{
    const struct text_metrics *m = at->c->m;
    /* fallback glyphs (the arrow) measure a little short: 40 more */
    return m->width(m->ctx, FONT_BOLD, at->size, text, strlen(text)) + 2 * px(at, 70) + px(at, 40);
}

int badge_pill(const struct badge_at *at, const char *text, int x, int y, int right, unsigned bg,
               unsigned fg)
{
    const int pad = px(at, 70);
    const int line = at->c->m->line_height(at->c->m->ctx, FONT_BOLD, at->size);
    int w = badge_pill_width(at, text);
    if (x + w > right) w = right - x;
    if (w < 4 * pad) return 0;
    draft_push(at->c, LAYOUT_ELEM_RECT, (struct layout_rect){x, y, w, line}, bg);
    draft_text(at->c, text, (struct layout_rect){x + pad, y, w - 2 * pad, line}, FONT_BOLD,
               at->size, at->size, 1, fg, TEXT_ALIGN_LEFT);
    return w;
}

/* A badge's texts, roomiest first (see badge_draw). */
static void badge_texts(const struct badge_at *at, const struct roomstatus *st, char full[256],
                        char word[160], const char *variants[3])
{
    const char *lang = at->c->lang;
    const enum label plain = st->state == ROOMSTATUS_FULL        ? LABEL_FULL
                             : st->state == ROOMSTATUS_CANCELLED ? LABEL_CANCELLED
                                                                 : LABEL_MOVED;
    if (st->state == ROOMSTATUS_MOVED && st->moved_to)
        labels_format(word, 160, LABEL_MOVED_TO, lang, st->moved_to);
    else
        snprintf(word, 160, "%s", labels_get(plain, lang));
    const char *note = st->note ? st->note->v[at->lang] : NULL;
    snprintf(full, 256, note ? "%s \xc2\xb7 %s" : "%s", word, note ? note : "");
    variants[0] = full;
    variants[1] = word;
    variants[2] = labels_get(plain, lang);
}

int badge_draw(const struct badge_at *at, const struct roomstatus *st, int first, int x, int y,
               int right)
{
    char full[256], word[160];
    const char *variants[3];
    badge_texts(at, st, full, word, variants);
    for (int i = first; i < 3; i++)
        if (x + badge_pill_width(at, variants[i]) <= right || i == 2)
            return badge_pill(at, draft_keep(at->c, variants[i]), x, y, right,
                              badge_styles[st->state].bg, badge_styles[st->state].fg);
    return 0;
}

bool badge_needs_tag_room(const struct badge_at *at, const struct roomstatus *st, int x, int tag_w,
                          int right)
{
    if (!st) return false;
    char full[256], word[160];
    const char *variants[3];
    badge_texts(at, st, full, word, variants);
    const int w =
        badge_pill_width(at, variants[st->state == ROOMSTATUS_MOVED && st->moved_to ? 1 : 2]);
    return x + tag_w + w > right && x + w <= right;
}
