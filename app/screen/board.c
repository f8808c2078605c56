/* board — the sessions board (see board.h). Sizes are draft.h's hundredths of u; no
 * text goes below DRAFT_BODY_MIN (3% of the height), so the board reads from 5 m. */
#include "board.h"

#include "badge.h"
#include "draft.h"
#include "feed.h"
#include "labels.h"
#include "programme.h"
#include "roomstatus.h"
#include "sessions.h"
#include "zone.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODY        DRAFT_BODY_MIN
#define GAP_SMALL   60
#define ROW_MAX     2600 /* a table row at most this tall: a few rooms do not balloon */
#define ELEMS_ROW   13   /* elements one room takes at most */
#define ELEMS_FIXED 10   /* heading, column headings, rules, stale mark */
#define CARD_GAP    200  /* between portrait cards */
/* Titles in a table keep one size (up to this, in hundredths of u), so rows match; a
 * larger title (one room large) may shrink to fit. */
#define ROW_TITLE 400

static const struct draft_palette board_palette = {0x0e2233ff, 0x081521ff, 0x63e6beff,
                                                   0xffffffff, 0xe3edf5ff, 0x98adc2ff};

/* One board call: the draft, and what every room needs. */
struct board {
    struct draft c;
    const struct slide *s;
    size_t lang;
    const struct programme *p;
    const struct zone *z;
    int64_t t;
    int px_body;
    int line; /* a body line's height, bold */
    struct badge_at pills;
    /* Portrait density, the most the cards can afford: title lines, speakers, the next
     * talk on two lines (label and time, then its title) or one. */
    int title_lines;
    bool speakers, next_two;
    unsigned next_two_cards; /* cards (bit i: room i) given two lines for their next talk */
    size_t card;             /* the card being laid out */
};

static int px(const struct board *b, int hundredths)
{
    return draft_px(&b->c.sc, hundredths);
}

/* "09:30" in the conference's zone. */
static void hhmm(const struct board *b, int64_t t, char *buf, size_t cap)
{
    struct zone_time lt;
    zone_local(b->z, t, &lt);
    snprintf(buf, cap, "%02d:%02d", lt.hour, lt.minute);
}

/* When a talk runs, or how soon it starts: "09:30–10:30", "in 12 min", "14:30". */
static const char *talk_time(struct board *b, const struct programme_talk *talk, bool range)
{
    char from[8], to[8], n[16], range_buf[32];
    const int soon = sessions_starts_in(talk, b->t);
    if (soon > 0) {
        char buf[64];
        snprintf(n, sizeof n, "%d", soon);
        return draft_keep(&b->c, labels_format(buf, sizeof buf, LABEL_IN_MIN, b->c.lang, n));
    }
    hhmm(b, talk->start, from, sizeof from);
    if (!range) return draft_keep(&b->c, from);
    hhmm(b, talk->end, to, sizeof to);
    snprintf(range_buf, sizeof range_buf, "%s\xe2\x80\x93%s", from, to); /* en dash */
    return draft_keep(&b->c, range_buf);
}

/* The organiser's word on this talk (or the room, when talk is NULL), as a badge text. */
static const struct roomstatus *status_of(const struct board *b, const struct programme_talk *talk,
                                          size_t room)
{
    const char *name = programme_room(b->p, room)->name;
    return talk ? roomstatus_find(b->s->status, b->s->n_status, talk, name)
                : roomstatus_find_room(b->s->status, b->s->n_status, name);
}

/* The line above a talk's title: its time, its language, the organiser's badge.
 * Returns the height used. */
enum { LINE_TAG = 1, LINE_BADGE = 2, LINE_ALL = 3 }; /* what a time line carries after the time */

static int time_line(struct board *b, const struct programme_talk *talk, size_t room,
                     struct layout_rect r, bool range, unsigned pieces, int *x_end)
{
    const int gap = px(b, 110);
    const int used = draft_text(&b->c, talk_time(b, talk, range), r, FONT_BOLD, b->px_body,
                                b->px_body, 1, b->c.pal.accent, TEXT_ALIGN_LEFT);
    if (!used) return 0;
    int x = b->c.out->e[b->c.out->n - 1].box.x + b->c.out->e[b->c.out->n - 1].box.w + gap;
    const struct roomstatus *st = pieces & LINE_BADGE ? status_of(b, talk, room) : NULL;
    if (talk->language && pieces & LINE_TAG) {
        char tag[16];
        size_t i = 0;
        for (; talk->language[i] && i + 1 < sizeof tag && i < 5; i++)
            tag[i] = (char)toupper((unsigned char)talk->language[i]);
        tag[i] = '\0';
        if (!badge_needs_tag_room(&b->pills, st, x, badge_pill_width(&b->pills, tag) + gap,
                                  r.x + r.w)) {
            const int w = badge_pill(&b->pills, draft_keep(&b->c, tag), x, r.y, r.x + r.w,
                                     0xffffff2eu, 0xffffffffu);
            if (w) x += w + gap;
        }
    }
    if (st) {
        const int w = badge_draw(&b->pills, st, 0, x, r.y, r.x + r.w);
        if (w) x += w + gap;
    }
    if (x_end) *x_end = x;
    return used;
}

/* A talk in a cell: time line, title, speakers (when room allows). Returns the height. */
static int talk_cell(struct board *b, const struct programme_talk *talk, size_t room,
                     struct layout_rect r, int title_size, int title_lines, bool speakers,
                     bool range)
{
    const int gap = px(b, GAP_SMALL);
    int y = r.y;
    y += time_line(b, talk, room, (struct layout_rect){r.x, y, r.w, r.h}, range, LINE_ALL, NULL) +
         gap;
    const int title_h = r.y + r.h - y;
    y += draft_text(&b->c, talk->title, (struct layout_rect){r.x, y, r.w, title_h}, FONT_BOLD,
                    px(b, title_size), title_size <= ROW_TITLE ? px(b, title_size) : b->px_body,
                    title_lines, b->c.pal.title, TEXT_ALIGN_LEFT);
    if (speakers && talk->speakers && r.y + r.h - y > b->px_body) {
        y += gap;
        y += draft_text(&b->c, talk->speakers, (struct layout_rect){r.x, y, r.w, r.y + r.h - y},
                        FONT_REGULAR, b->px_body, b->px_body, 1, b->c.pal.muted, TEXT_ALIGN_LEFT);
    }
    return y - r.y;
}

/* The track colour of what a room shows, as a bar colour. */
static unsigned bar_colour(const struct board *b, const struct programme_talk *talk)
{
    if (talk && talk->has_colour) return (unsigned)(talk->colour << 8) | 0xffu;
    return (b->c.pal.accent & 0xffffff00u) | 0x60u;
}

/* The cells of one room of a landscape table, side by side (portrait_card stacks its own). */
struct cells {
    struct layout_rect bar, room, now, next;
};

static struct cells cells_of(const struct board *b, struct layout_rect row)
{
    struct cells k;
    const int bar_w = px(b, 55), gap = px(b, 160);
    k.bar = (struct layout_rect){row.x, row.y, bar_w, row.h};
    const int x = row.x + bar_w + gap, w = row.w - bar_w - gap;
    const int room_w = w * 22 / 100, now_w = w * 45 / 100;
    k.room = (struct layout_rect){x, row.y, room_w - gap, row.h};
    k.now = (struct layout_rect){x + room_w, row.y, now_w - gap, row.h};
    k.next = (struct layout_rect){x + room_w + now_w, row.y, w - room_w - now_w, row.h};
    return k;
}

/* One room as a row of the landscape table. */
static void room_row(struct board *b, const struct sessions_view *v, const struct sessions_room *sr,
                     struct layout_rect row)
{
    const struct cells k = cells_of(b, row);
    const bool resumes = v->state == SESSIONS_RESUMES;
    /* Resuming: the first talk of the day takes the "now" place, the second "next". */
    const struct programme_talk *now = resumes ? (sr->n_next ? sr->next[0] : NULL) : sr->now;
    const size_t first_next = resumes ? 1 : 0;
    const struct programme_talk *next = sr->n_next > first_next ? sr->next[first_next] : NULL;
    draft_push(&b->c, LAYOUT_ELEM_RECT, k.bar, bar_colour(b, now ? now : next));
    draft_text(&b->c, programme_room(b->p, sr->room)->name, k.room, FONT_BOLD, px(b, 340),
               px(b, 340), 2, b->c.pal.body, TEXT_ALIGN_LEFT);
    if (now) {
        talk_cell(b, now, sr->room, k.now, BODY, 2, true, true);
    } else {
        const struct roomstatus *st = status_of(b, NULL, sr->room);
        if (st)
            badge_draw(&b->pills, st, 0, k.now.x, k.now.y, k.now.x + k.now.w);
        else
            draft_text(&b->c, labels_get(LABEL_NO_SESSION, b->c.lang), k.now, FONT_REGULAR,
                       b->px_body, b->px_body, 1, b->c.pal.muted, TEXT_ALIGN_LEFT);
    }
    if (!next) return;
    const int t_used = time_line(b, next, sr->room, k.next, false, LINE_ALL, NULL);
    struct layout_rect title = {k.next.x, k.next.y + t_used + px(b, GAP_SMALL), k.next.w,
                                k.next.h - t_used - px(b, GAP_SMALL)};
    draft_text(&b->c, next->title, title, FONT_REGULAR, b->px_body, b->px_body, 2, b->c.pal.body,
               TEXT_ALIGN_LEFT);
}

/* "Le programme reprend demain à 09:00". */
static const char *resumes_text(struct board *b, const struct programme_talk *first)
{
    struct zone_time now, then;
    char time[8], value[64], buf[256];
    zone_local(b->z, b->t, &now);
    zone_local(b->z, first->start, &then);
    hhmm(b, first->start, time, sizeof time);
    const int64_t days = then.days - now.days;
    if (days <= 0) {
        labels_format(buf, sizeof buf, LABEL_RESUMES_TODAY, b->c.lang, time);
    } else if (days == 1) {
        labels_format(buf, sizeof buf, LABEL_RESUMES_TOMORROW, b->c.lang, time);
    } else {
        labels_date_at(value, sizeof value, b->c.lang, then.month, then.day, time);
        labels_format(buf, sizeof buf, LABEL_RESUMES_ON, b->c.lang, value);
    }
    return draft_keep(&b->c, buf);
}

/* Kicker, title and (resuming) the message; returns the y below them. */
static int heading(struct board *b, const struct feed *feed, const struct sessions_view *v,
                   struct layout_rect area)
{
    const int gap = px(b, GAP_SMALL);
    int y = area.y;
    const char *title = b->s->title.v[b->lang];
    if (!title) title = programme_title(b->p);
    if (!title) title = feed_event_name(feed)->v[b->lang];
    y += draft_text(&b->c, labels_get(LABEL_SESSIONS, b->c.lang),
                    (struct layout_rect){area.x, y, area.w, area.h}, FONT_BOLD, b->px_body,
                    b->px_body, 1, b->c.pal.accent, TEXT_ALIGN_LEFT) +
         gap;
    y += draft_text(&b->c, title, (struct layout_rect){area.x, y, area.w, area.h / 5}, FONT_BOLD,
                    px(b, b->c.sc.portrait ? 460 : 560), px(b, 340), 1, b->c.pal.title,
                    TEXT_ALIGN_LEFT);
    if (v->state == SESSIONS_RESUMES && v->resumes) {
        y += gap;
        y += draft_text(&b->c, resumes_text(b, v->resumes),
                        (struct layout_rect){area.x, y, area.w, area.h / 5}, FONT_BOLD, px(b, 420),
                        b->px_body, 2, b->c.pal.accent, TEXT_ALIGN_LEFT);
    }
    return y + px(b, 200);
}

/* Column headings over a landscape table, with a rule under them. */
static int column_heads(struct board *b, const struct sessions_view *v, struct layout_rect area,
                        int y)
{
    const struct cells k = cells_of(b, (struct layout_rect){area.x, y, area.w, 1});
    const enum label now = v->state == SESSIONS_RESUMES ? LABEL_FIRST_TALKS : LABEL_NOW;
    const int line = b->c.m->line_height(b->c.m->ctx, FONT_BOLD, b->px_body);
    const enum label labels[3] = {LABEL_ROOM, now, LABEL_NEXT};
    const struct layout_rect at[3] = {k.room, k.now, k.next};
    for (int i = 0; i < 3; i++)
        draft_text(&b->c, labels_get(labels[i], b->c.lang),
                   (struct layout_rect){at[i].x, y, at[i].w, line}, FONT_BOLD, b->px_body,
                   b->px_body, 1, b->c.pal.muted, TEXT_ALIGN_LEFT);
    y += line + px(b, 80);
    draft_push(&b->c, LAYOUT_ELEM_RECT, (struct layout_rect){area.x, y, area.w, px(b, 18)},
               0xffffff30u);
    return y + px(b, 140);
}

/* The time column of one room's list: as wide as its widest time ("dans 30 min" must
 * not lose its number), from 16% to 45% of the width. */
static int list_time_width(struct board *b, const struct sessions_room *sr, size_t first, int w)
{
    const size_t n0 = b->c.out->strings_used;
    int widest = 0;
    for (size_t i = first; i < sr->n_next; i++) {
        const char *text = talk_time(b, sr->next[i], false);
        const int tw = b->c.m->width(b->c.m->ctx, FONT_BOLD, px(b, 340), text, strlen(text));
        if (tw > widest) widest = tw;
    }
    b->c.out->strings_used = n0; /* measured, not kept */
    widest += px(b, 200);
    if (widest < w * 16 / 100) widest = w * 16 / 100;
    return widest > w * 45 / 100 ? w * 45 / 100 : widest;
}

/* One room large: the talk now big, then the day's next talks as a list. */
static void one_room(struct board *b, const struct sessions_view *v, struct layout_rect area, int y)
{
    const struct sessions_room *sr = &v->rooms[0];
    const bool resumes = v->state == SESSIONS_RESUMES;
    const struct programme_talk *now = resumes ? (sr->n_next ? sr->next[0] : NULL) : sr->now;
    const int gap = px(b, 160), bottom = area.y + area.h;
    y += draft_text(&b->c, programme_room(b->p, sr->room)->name,
                    (struct layout_rect){area.x, y, area.w, bottom - y}, FONT_BOLD, px(b, 420),
                    b->px_body, 1, b->c.pal.body, TEXT_ALIGN_LEFT) +
         gap;
    if (now) {
        const size_t bar = b->c.out->n;
        draft_push(&b->c, LAYOUT_ELEM_RECT,
                   (struct layout_rect){area.x, y, px(b, 55), (bottom - y) * 11 / 20},
                   bar_colour(b, now));
        struct layout_rect r = {area.x + px(b, 215), y, area.w - px(b, 215),
                                (bottom - y) * 11 / 20};
        const int used = talk_cell(b, now, sr->room, r, 680, 3, true, true);
        if (bar < b->c.out->n) b->c.out->e[bar].box.h = used; /* the bar spans the talk */
        y += used + gap;
    } else {
        y += draft_text(&b->c, labels_get(LABEL_NO_SESSION, b->c.lang),
                        (struct layout_rect){area.x, y, area.w, bottom - y}, FONT_REGULAR,
                        px(b, 420), b->px_body, 1, b->c.pal.muted, TEXT_ALIGN_LEFT) +
             gap;
    }
    draft_push(&b->c, LAYOUT_ELEM_RECT, (struct layout_rect){area.x, y, area.w, px(b, 18)},
               0xffffff30u);
    y += gap;
    y += draft_text(&b->c, labels_get(LABEL_NEXT, b->c.lang),
                    (struct layout_rect){area.x, y, area.w, bottom - y}, FONT_BOLD, b->px_body,
                    b->px_body, 1, b->c.pal.muted, TEXT_ALIGN_LEFT) +
         px(b, GAP_SMALL);
    /* Landscape: times in a column beside the titles. Portrait: a time above its title,
     * which then has the whole width ("dans 30 min" would take a third of it). */
    const bool stack = b->c.sc.portrait;
    const int time_w = stack ? area.w : list_time_width(b, sr, resumes ? 1 : 0, area.w);
    for (size_t i = resumes ? 1 : 0; i < sr->n_next && y < bottom; i++) {
        const struct programme_talk *t = sr->next[i];
        const int used = draft_text(&b->c, talk_time(b, t, false),
                                    (struct layout_rect){area.x, y, time_w, bottom - y}, FONT_BOLD,
                                    px(b, 340), px(b, 340), 1, b->c.pal.accent, TEXT_ALIGN_LEFT);
        if (!used) break;
        const struct layout_rect title =
            stack ? (struct layout_rect){area.x, y + used, area.w, bottom - y - used}
                  : (struct layout_rect){area.x + time_w, y, area.w - time_w, bottom - y};
        const int t_used = draft_text(&b->c, t->title, title, FONT_REGULAR, px(b, 340), px(b, 340),
                                      2, b->c.pal.body, TEXT_ALIGN_LEFT);
        y += (stack ? used + t_used : t_used > used ? t_used : used) + px(b, 120);
    }
}

/* One room as a portrait card from y down, laid out as it goes (the texts' real
 * heights decide): the room, the talk now, the next talk. Returns the height used, or
 * -1 when it does not fit above bottom. */
static int portrait_card(struct board *b, const struct sessions_view *v,
                         const struct sessions_room *sr, int y, int bottom)
{
    const bool resumes = v->state == SESSIONS_RESUMES;
    const struct programme_talk *now = resumes ? (sr->n_next ? sr->next[0] : NULL) : sr->now;
    const struct programme_talk *next =
        sr->n_next > (resumes ? 1u : 0u) ? sr->next[resumes ? 1 : 0] : NULL;
    const int g = px(b, GAP_SMALL), bar_w = px(b, 55), indent = bar_w + px(b, 160);
    const struct layout_rect safe = b->c.sc.safe;
    const int x = safe.x + indent, w = safe.w - indent, top = y;
    const size_t bar = b->c.out->n;
    if (!draft_push(&b->c, LAYOUT_ELEM_RECT, (struct layout_rect){safe.x, y, bar_w, 1},
                    bar_colour(b, now ? now : next)))
        return -1;
    if (y + b->line > bottom) return -1;
    y += draft_text(&b->c, programme_room(b->p, sr->room)->name,
                    (struct layout_rect){x, y, w, b->line}, FONT_BOLD, b->px_body, b->px_body, 1,
                    b->c.pal.body, TEXT_ALIGN_LEFT) +
         g;
    /* With nothing on now, the card says what is next, its title on a line of its own:
     * "No session" above it would only repeat what "NEXT in 5 min" says. */
    const struct roomstatus *room_st = now ? NULL : status_of(b, NULL, sr->room);
    const bool idle_line = now || room_st || !next;
    const bool next_two = b->next_two || !idle_line || (b->next_two_cards >> b->card & 1u);
    const int need_now = now ? (1 + b->title_lines) * (b->line + g) : idle_line ? b->line : 0;
    const int need_next = next ? (next_two ? 2 : 1) * (b->line + g) : 0;
    if (y + need_now + need_next > bottom) return -1;
    if (now) {
        y += talk_cell(b, now, sr->room, (struct layout_rect){x, y, w, bottom - y - need_next}, 340,
                       b->title_lines, b->speakers, true) +
             g;
    } else if (idle_line) {
        if (room_st)
            badge_draw(&b->pills, room_st, 0, x, y, x + w);
        else
            draft_text(&b->c, labels_get(LABEL_NO_SESSION, b->c.lang),
                       (struct layout_rect){x, y, w, b->line}, FONT_REGULAR, b->px_body, b->px_body,
                       1, b->c.pal.muted, TEXT_ALIGN_LEFT);
        y += b->line + g;
    }
    if (next) { /* "NEXT  10:45  FR", then its title (or all on one line) */
        const int used = draft_text(&b->c, labels_get(LABEL_NEXT, b->c.lang),
                                    (struct layout_rect){x, y, w, b->line}, FONT_BOLD, b->px_body,
                                    b->px_body, 1, b->c.pal.muted, TEXT_ALIGN_LEFT);
        const struct elem *e = &b->c.out->e[b->c.out->n - 1];
        int tx = used ? e->box.x + e->box.w + px(b, 110) : x;
        /* Where a moved talk went leads its own title line: the time line is too
         * short for "DÉPLACÉ → Salle Desjardins" after "ENSUITE dans 5 min". */
        const struct roomstatus *st = status_of(b, next, sr->room);
        const bool moved_below = next_two && st && st->state == ROOMSTATUS_MOVED && st->moved_to;
        const struct layout_rect line = {tx, y, x + w - tx, b->line};
        const size_t n0 = b->c.out->n, s0 = b->c.out->strings_used;
        time_line(b, next, sr->room, line, false, moved_below ? LINE_TAG : LINE_ALL, &tx);
        if (!next_two && x + w - tx < w * 45 / 100) { /* the title matters more than "FR" */
            b->c.out->n = n0;
            b->c.out->strings_used = s0;
            tx = line.x;
            time_line(b, next, sr->room, line, false, LINE_BADGE, &tx);
        }
        struct layout_rect title = {tx, y, x + w - tx, b->line};
        if (next_two) {
            y += b->line + g;
            title = (struct layout_rect){x, y, w, b->line};
        }
        if (moved_below) {
            const int bw = badge_draw(&b->pills, st, 1, x, y, x + w);
            if (bw)
                title = (struct layout_rect){x + bw + px(b, 110), y, w - bw - px(b, 110), b->line};
        }
        /* A title squeezed behind its badges to a few letters says nothing: left out. */
        if (title.w >= 4 * b->px_body)
            draft_text(&b->c, next->title, title, FONT_REGULAR, b->px_body, b->px_body, 1,
                       b->c.pal.body, TEXT_ALIGN_LEFT);
        y += b->line + g;
    }
    b->c.out->e[bar].box.h = y - g - top;
    return y - top;
}

/* Lays out every card from y at the current density; a card that does not fit leaves
 * nothing behind. Returns how many fitted. */
static size_t lay_cards(struct board *b, const struct sessions_view *v, int y, int bottom,
                        size_t n0, size_t s0)
{
    const int gap = px(b, CARD_GAP);
    size_t rows = 0, kept_n = n0, kept_s = s0;
    b->c.out->n = n0;
    b->c.out->strings_used = s0;
    for (; rows < v->n_rooms; rows++) {
        b->card = rows;
        const int h = portrait_card(b, v, &v->rooms[rows], y, bottom);
        if (h < 0) break;
        y += h + gap;
        kept_n = b->c.out->n;
        kept_s = b->c.out->strings_used;
    }
    b->c.out->n = kept_n;
    b->c.out->strings_used = kept_s;
    return rows;
}

/* Room cards stacked on a portrait screen: the roomiest density that shows every room
 * (two title lines and speakers, down to one title line and the next talk on one
 * line), else as many rooms as fit at the densest. At the densest, the space left
 * gives cards, one by one, their next talk's title on a line of its own: a title
 * squeezed behind its time and badges says little. Returns how many were drawn. */
static size_t portrait_cards(struct board *b, const struct sessions_view *v, int y, int bottom)
{
    static const struct {
        int title_lines;
        bool speakers, next_two;
    } levels[] = {{2, true, true}, {2, false, true}, {1, false, true}, {1, false, false}};
    const size_t n_levels = sizeof levels / sizeof levels[0];
    const size_t n0 = b->c.out->n, s0 = b->c.out->strings_used;
    size_t rows = 0;
    for (size_t l = 0; l < n_levels; l++) {
        b->title_lines = levels[l].title_lines;
        b->speakers = levels[l].speakers;
        b->next_two = levels[l].next_two;
        rows = lay_cards(b, v, y, bottom, n0, s0);
        if (rows == v->n_rooms) break;
    }
    if (b->next_two || rows < v->n_rooms) return rows;
    for (size_t i = 0; i < v->n_rooms && i < 32; i++) {
        b->next_two_cards |= 1u << i;
        if (lay_cards(b, v, y, bottom, n0, s0) < v->n_rooms) b->next_two_cards &= ~(1u << i);
    }
    return lay_cards(b, v, y, bottom, n0, s0);
}

/* Rooms with nothing now and nothing more today say nothing a visitor can use: the
 * board keeps the rooms where something is on or to come (all of them if none is). */
static void drop_idle_rooms(struct sessions_view *v)
{
    size_t kept = 0;
    for (size_t i = 0; i < v->n_rooms; i++)
        kept += v->rooms[i].now || v->rooms[i].n_next;
    if (kept == 0 || kept == v->n_rooms) return;
    kept = 0;
    for (size_t i = 0; i < v->n_rooms; i++)
        if (v->rooms[i].now || v->rooms[i].n_next) v->rooms[kept++] = v->rooms[i];
    v->n_rooms = kept;
}

/* The rooms from y down to bottom: rows of a landscape table, or portrait cards.
 * Returns how many rooms were drawn. */
static size_t room_rows(struct board *b, const struct sessions_view *v, struct layout_rect area,
                        int y, int bottom)
{
    if (b->c.sc.portrait) return portrait_cards(b, v, y, bottom);
    const size_t fit_elems = (LAYOUT_MAX_ELEMS - ELEMS_FIXED - b->c.out->n) / ELEMS_ROW;
    const int min_row = 2 * b->line + px(b, 300); /* a time line and a title line */
    size_t rows = v->n_rooms;
    if (rows > fit_elems) rows = fit_elems;
    if (rows > (size_t)((bottom - y) / min_row)) rows = (size_t)((bottom - y) / min_row);
    int row_h = rows ? (bottom - y) / (int)rows : 0;
    if (row_h > px(b, ROW_MAX)) row_h = px(b, ROW_MAX);
    for (size_t i = 0; i < rows; i++)
        room_row(b, v, &v->rooms[i],
                 (struct layout_rect){area.x, y + (int)i * row_h, area.w, row_h - px(b, 140)});
    return rows;
}

/* The next local midnight after t: "tomorrow" becomes "today" then. */
static int64_t next_midnight(const struct zone *z, int64_t t)
{
    struct zone_time lt;
    zone_local(z, t, &lt);
    return t + (ZONE_S_PER_DAY - (lt.hour * 3600 + lt.minute * 60 + lt.sec));
}

void layout_board(struct slide_layout *out, const struct feed *feed, const struct slide *s,
                  size_t lang, const struct programme *p, bool stale, int64_t t, int w, int h,
                  int overscan, const struct text_metrics *m, int64_t *next_change)
{
    struct board b = {.s = s, .lang = lang, .p = p, .z = programme_zone(p), .t = t};
    draft_begin(&b.c, out, &board_palette, w, h, overscan, m, feed_lang(feed, lang));
    b.px_body = px(&b, BODY);
    b.pills = (struct badge_at){&b.c, b.px_body, lang};
    b.line = m->line_height(m->ctx, FONT_BOLD, b.px_body);
    struct sessions_view *v = malloc(sizeof *v);
    if (!v) {
        *next_change = t + 60;
        return;
    }
    sessions_at(p, t, s->rooms, s->n_rooms, SESSIONS_MAX_NEXT, v);
    drop_idle_rooms(v);
    *next_change = v->next_change;
    const int64_t midnight = next_midnight(b.z, t);
    if (v->state == SESSIONS_RESUMES && midnight < *next_change) *next_change = midnight;

    struct layout_rect area = b.c.sc.safe;
    const int band = px(&b, DRAFT_CHROME_SIZE) * 2;
    area.y += band;
    area.h -= 2 * band;
    int y = heading(&b, feed, v, area);
    const int foot = px(&b, 420); /* the line under the board: stale mark, "+ N more" */
    int bottom = area.y + area.h - (stale ? foot : 0);
    size_t rows = v->n_rooms;
    if (v->n_rooms == 1) {
        one_room(&b, v, (struct layout_rect){area.x, area.y, area.w, bottom - area.y}, y);
    } else if (v->n_rooms > 1) {
        if (!b.c.sc.portrait) y = column_heads(&b, v, area, y);
        const size_t n_heads = b.c.out->n, s_heads = b.c.out->strings_used;
        rows = room_rows(&b, v, area, y, bottom);
        if (rows < v->n_rooms && !stale) { /* make room for saying so, and lay out again */
            b.c.out->n = n_heads;
            b.c.out->strings_used = s_heads;
            bottom -= foot;
            rows = room_rows(&b, v, area, y, bottom);
        }
    }
    if (stale)
        draft_text(&b.c, labels_get(LABEL_PROGRAMME_STALE, b.c.lang),
                   (struct layout_rect){area.x, bottom + px(&b, 100), area.w, foot}, FONT_REGULAR,
                   b.px_body, b.px_body, 1, 0xffb020ffu, TEXT_ALIGN_LEFT);
    if (rows < v->n_rooms) { /* rooms that did not fit are counted, never silently gone */
        char n[24], buf[96];
        snprintf(n, sizeof n, "%zu", v->n_rooms - rows);
        draft_text(&b.c,
                   draft_keep(&b.c, labels_format(buf, sizeof buf, LABEL_MORE_ROOMS, b.c.lang, n)),
                   (struct layout_rect){area.x, bottom + px(&b, 100), area.w, foot}, FONT_BOLD,
                   b.px_body, b.px_body, 1, b.c.pal.muted, TEXT_ALIGN_RIGHT);
        b.c.hidden += v->n_rooms - rows;
    }
    free(v);
}
