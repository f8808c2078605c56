#!/usr/bin/env python3
"""Text that breaks naive renderers, through the real binary: emoji (with ZWJ sequences
and flags), Arabic and Hebrew, stacks of combining marks, zero-width joiners and spaces,
one word as long as a text may be (65536 bytes) and one of 1 MB (cut to the limit),
delegations of 10 000 members (the limit) and 10 001. Each feed is rendered with
`--headless --render-slides DIR` in landscape (1920x1080) and portrait (1080x1920).

Each render must exit 0 within RUN_TIMEOUT_S, prepare every slide within
SLIDE_MAX_MS (read from the "slide preparation ... max X ms" line vitrine prints at
exit), write one PNG per slide and language at the right size, and none of them blank
(tests/e2e/pngstat: more than MIN_COLORS colours and MIN_INK of the pixels differ from
the background), and every text box the layout reports (layout.json) must hold drawn
glyphs (MIN_BOX_INK of its pixels), while a tagline made only of zero-width characters
must draw nothing: the control that shows the measure tells drawn text from none.
Glyphs missing from every font are skipped; the rest of the slide is drawn.

Environment: VITRINE (the binary), PNGSTAT (tests/e2e/pngstat). KEEP_PNGS=DIR keeps
the PNGs there for a person to look at.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

VITRINE = os.environ.get("VITRINE") or os.environ.get("VITRINE_BIN")
PNGSTAT = os.environ["PNGSTAT"]
RUN_TIMEOUT_S = 300  # one whole render of a feed under ASan
SLIDE_MAX_MS = 10000  # one slide's layout and rasterising, under ASan
MIN_COLORS = 2
MIN_INK = 0.002
MIN_BOX_INK = 0.03  # share of a text box's pixels that glyphs cover, at least (~0.15 seen)
BLANK_BOX_INK = 0.005  # ...and at most, in a box whose text has nothing to draw
TEXT_MAX = 65536  # feed.h: one text value, bytes
SIZES = [(1920, 1080), (1080, 1920)]

EMOJI = "🎉 Bienvenue 👩‍👩‍👧‍👦 🇨🇦🇫🇷 👍🏽 🧑🏿‍🚀 ❤️‍🔥"
ARABIC = "الشراكة الدولية للابتكار والبحث العلمي"
HEBREW = "שותפות בינלאומית למחקר וחדשנות"
ZALGO = "Z" + "\u0364\u0311\u0313\u0324\u0354" * 40 + "algo" + "\u0301\u0302\u0303" * 30
ZWJ = "zero\u200dwidth\u200bjoin\u200c\u2060ers\ufeff" * 20 + "\u200d" * 500
MIXED = "Délégation 日本 — الوفد — המשלחת — Делегация — 🎌"
INVISIBLE = "\u200b\u200d\u2060\ufeff\u200c"  # a text with nothing to draw: the control


def partner(i, name, **kw):
    s = {"id": "s%d" % i, "type": "partner", "name": name}
    s.update(kw)
    return s


def feed(slides, languages=("fr", "en")):
    return {"vitrine": 1, "event": {"name": {"fr": "Texte hostile", "en": "Hostile text"}},
            "languages": list(languages), "defaults": {"duration": 8}, "slides": slides}


def scripts_feed():
    return feed([
        partner(0, EMOJI, tagline={"fr": "Émoji ✨", "en": "Emoji 🎊"}, text=EMOJI * 5),
        partner(1, ARABIC, tagline=ARABIC, text=(ARABIC + " ") * 8),
        partner(2, HEBREW, tagline=HEBREW, text=(HEBREW + " 2026 ") * 8),
        partner(3, ZALGO, tagline=ZALGO, text=ZALGO * 3),
        partner(4, ZWJ, text=ZWJ, tagline=INVISIBLE),
        {"id": "d", "type": "delegation", "title": MIXED, "origin": ARABIC,
         "members": [{"name": n, "role": r} for n, r in
                     ((ARABIC, HEBREW), (HEBREW, ARABIC), (EMOJI, ZALGO), (ZWJ, MIXED))]},
        {"id": "a", "type": "announcement", "title": MIXED, "text": (MIXED + " ") * 20,
         "when": "\u202eevil override\u202c", "where": "\u2066isolate\u2069 ok",
         "link": "https://example.org/" + "é" * 100},
    ])


def long_words_feed():
    biggest = "W" * TEXT_MAX  # the largest text allowed, one word
    over = "M" * (1024 * 1024)  # 1 MB: cut to the limit with a warning
    multibyte = "é" * (TEXT_MAX // 2 + 7)  # cut must land on a character boundary
    return feed([
        partner(0, biggest),
        partner(1, "Long", text=over),
        {"id": "a", "type": "announcement", "title": multibyte, "text": biggest},
        {"id": "d", "type": "delegation", "title": "Word", "members": [{"name": biggest}]},
    ])


def members_feed():
    def members(n):
        return [{"name": "Member %05d" % k, "role": {"fr": "Rôle %d" % k, "en": "Role %d" % k}}
                for k in range(n)]
    return feed([
        {"id": "d10000", "type": "delegation", "title": "10 000", "members": members(10000)},
        {"id": "d10001", "type": "delegation", "title": "10 001", "members": members(10001)},
    ], languages=("en",))


def text_boxes(out):
    """layout.json from --render-slides: per PNG, (text, box) of every text drawn."""
    with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
        return {s["file"]: [(t["text"], (t["x"], t["y"], t["w"], t["h"])) for t in s["texts"]]
                for s in json.load(f)}


def pngstat(png, boxes):
    args = [str(v) for _, box in boxes for v in box]
    return json.loads(subprocess.run([PNGSTAT, png] + args, capture_output=True, text=True,
                                     check=True, timeout=60).stdout)


class HostileText(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="vitrine-text-")

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def write(self, name, doc):
        path = os.path.join(self.work, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        return path

    def check(self, path):
        return subprocess.run([VITRINE, "--check", path], capture_output=True, text=True,
                              timeout=RUN_TIMEOUT_S)

    def assert_text_drawn(self, where, boxes, inks, blank_texts):
        """Every text box holds drawn glyphs, except texts meant to draw nothing.
        Returns how many of those were checked."""
        blanks = 0
        for (text, _), ink in zip(boxes, inks):
            if text in blank_texts:
                self.assertLess(ink, BLANK_BOX_INK, "%s: %r should draw nothing" % (where, text))
                blanks += 1
            else:
                self.assertGreater(ink, MIN_BOX_INK, "%s: %r is not drawn (%.4f of its box)"
                                   % (where, text[:60], ink))
        return blanks

    def render(self, name, path, n_pngs, blank_texts=()):
        for w, h in SIZES:
            out = os.path.join(self.work, "%s-%dx%d" % (name, w, h))
            env = dict(os.environ)
            env.pop("DISPLAY", None)
            env.pop("WAYLAND_DISPLAY", None)
            res = subprocess.run([VITRINE, "--headless", "--size", "%dx%d" % (w, h),
                                  "--render-slides", out, path], capture_output=True,
                                 text=True, timeout=RUN_TIMEOUT_S, env=env)
            where = "%s at %dx%d" % (name, w, h)
            self.assertEqual(res.returncode, 0, where + ":\n" + res.stderr[-3000:])
            m = re.search(r"slide preparation \(layout and rasterising\): .*max ([0-9.]+) ms",
                          res.stderr)
            self.assertIsNotNone(m, where + ": no preparation timing:\n" + res.stderr[-2000:])
            print("%s: slide preparation max %s ms" % (where, m.group(1)))
            self.assertLess(float(m.group(1)), SLIDE_MAX_MS, where)
            pngs = sorted(p for p in os.listdir(out) if p.endswith(".png"))
            self.assertEqual(len(pngs), n_pngs, where + ": %s" % pngs)
            boxes = text_boxes(out)
            blanks = 0
            for p in pngs:
                facts = pngstat(os.path.join(out, p), boxes[p])
                self.assertEqual((facts["w"], facts["h"]), (w, h), where + " " + p)
                self.assertGreater(facts["colors"], MIN_COLORS, "%s %s: blank? %s"
                                   % (where, p, facts))
                self.assertGreater(facts["ink"], MIN_INK, "%s %s: blank? %s" % (where, p, facts))
                blanks += self.assert_text_drawn(where + " " + p, boxes[p], facts["boxes"],
                                                 blank_texts)
            if blank_texts:  # the control ran: the measure can tell "nothing drawn"
                self.assertGreater(blanks, 0, where + ": no box held the blank control text")
            keep = os.environ.get("KEEP_PNGS")
            if keep:
                shutil.copytree(out, os.path.join(keep, os.path.basename(out)),
                                dirs_exist_ok=True)

    def test_emoji_rtl_combining_marks_and_zero_width_render(self):
        path = self.write("scripts", scripts_feed())
        res = self.check(path)
        self.assertEqual(res.returncode, 0, res.stdout)  # all of it is valid text
        self.render("scripts", path, 7 * 2, blank_texts=(INVISIBLE,))

    def test_words_of_64_kib_and_1_mb_are_cut_and_render(self):
        path = self.write("words", long_words_feed())
        res = self.check(path)
        self.assertIn("slides[1].text: longer than 65536 bytes; cut", res.stdout)
        self.assertNotIn("slides[0].name: longer", res.stdout)  # exactly the limit is kept
        self.render("words", path, 4 * 2)

    def test_delegations_of_10000_members_render(self):
        path = self.write("members", members_feed())
        res = self.check(path)
        self.assertIn("slides[1].members: more than 10000 members; the rest ignored",
                      res.stdout)
        self.assertNotIn("slides[0].members: more", res.stdout)
        self.render("members", path, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
