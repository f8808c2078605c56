/* layoutjson — a slide layout as layout.json describes it (see layoutjson.h). */
#include "layoutjson.h"

#include "utf8.h"

#include <stdbool.h>

void layoutjson_file_part(char *dst, size_t cap, const char *id)
{
    size_t i = 0;
    for (; id[i] && i + 1 < cap && i < 40; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        dst[i] = ok ? c : '_';
    }
    dst[i] = '\0';
}

static json_t *rect_json(struct layout_rect r)
{
    return json_pack("{s:i,s:i,s:i,s:i}", "x", r.x, "y", r.y, "w", r.w, "h", r.h);
}

json_t *layoutjson_slide(const struct slide_layout *l, const char *file, const char *id,
                         const char *lang)
{
    json_t *texts = json_array(), *images = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const struct elem *e = &l->e[i];
        if (e->kind == LAYOUT_ELEM_IMAGE) json_array_append_new(images, rect_json(e->box));
        if (e->kind != LAYOUT_ELEM_TEXT) continue;
        json_t *t = rect_json(e->box);
        json_object_set_new(t, "size", json_integer(e->block.size));
        json_object_set_new(t, "lines", json_integer((json_int_t)e->block.n_lines));
        json_object_set_new(t, "truncated", json_boolean(e->block.truncated));
        /* Never cut a UTF-8 sequence: the sample must stay valid JSON. */
        size_t n = e->len > 80 ? utf8_floor(e->text, 80) : e->len;
        json_object_set_new(t, "text", json_stringn(e->text, n));
        json_array_append_new(texts, t);
    }
    return json_pack("{s:s,s:s,s:s,s:i,s:i,s:o,s:o,s:o}", "file", file, "slide", id, "lang", lang,
                     "width", l->w, "height", l->h, "safe", rect_json(l->safe), "texts", texts,
                     "images", images);
}
