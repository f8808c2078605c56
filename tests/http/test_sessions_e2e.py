#!/usr/bin/env python3
"""End-to-end: a sessions slide whose schedule export comes from a real 127.0.0.1 HTTP
server (tests/http/server.py, with ETags), through the real vitrine binary.

The running binary fetches the feed and the export (relative to the feed's URL), then
polls: the export costs 304s after the first download. A second run, offline, renders
the board from the cache with --render-slides --at a moment of the sample programme, and
the board's texts are checked through layout.json in French and English. An export
that fails after a first success keeps the cached copy (with the board's stale mark); one
that is missing skips the slide with a warning, never an empty board.

Environment: VITRINE_BIN (the binary), VITRINE_SOURCE (the tree, for the sample export).
"""
import json
import os
import shutil
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

FIRST_DECK_S = 20
SAMPLE = os.path.join(os.environ["VITRINE_SOURCE"], "assets", "demo", "programme.json")
AT = "2026-12-08T10:40:00-05:00"  # the Mitacs workshop runs, the round table is 5 min off


def feed(source):
    return json.dumps({
        "vitrine": 1, "languages": ["fr", "en"],
        "event": {"name": "Test", "timezone": "America/Toronto"},
        "defaults": {"duration": 2, "transition": "cut"},
        "slides": [
            {"id": "welcome", "type": "announcement", "title": "Bienvenue"},
            {"id": "board", "type": "sessions", "source": source,
             "status": [{"room": "Atelier 2 / Workshop 2", "state": "full"}]},
            {"id": "workshop", "type": "sessions", "source": source,
             "rooms": ["atelier 2 / workshop 2"], "title": {"fr": "Ateliers", "en": "Workshops"}},
        ]})


def network_deck(st):
    return st.get("source") == "network" and st.get("slides") == 3


class SessionsE2E(h.NetCase):
    def setUp(self):
        super().setUp()
        shutil.copy(SAMPLE, os.path.join(self.www, "programme.json"))

    def run_vitrine(self, url, run_for):
        v = h.Vitrine(self.work, url, run_for, extra=["--at", AT])
        self.vitrines.append(v)
        v.wait(network_deck, FIRST_DECK_S)
        return v

    def render(self, url, name):
        out = os.path.join(self.work, name)
        res = subprocess.run([os.environ["VITRINE_BIN"], "--headless", "--size", "1920x1080",
                              "--cache-dir", os.path.join(self.work, "cache"), "--at", AT,
                              "--render-slides", out, url],
                             capture_output=True, text=True, timeout=120)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
            return json.load(f), res.stderr

    def test_the_export_is_fetched_once_then_costs_304s_and_the_board_shows_it(self):
        h.write_atomic(os.path.join(self.www, "feed.json"), feed("programme.json"))
        self.server = h.Server(self.www)
        v = self.run_vitrine(self.server.url("feed.json"), 8)
        time.sleep(4)  # a few polls at --interval 1
        s = self.server.stats("/programme.json")
        self.assertEqual(s["full"], 1, s)
        self.assertGreaterEqual(s["not_modified"], 2, s)
        rc, out = v.finish()
        self.assertEqual(rc, 0, out)
        self.assertNotIn("skipped", out)

        url = self.server.url("feed.json")
        self.server.stop()  # the board below comes from the cache alone
        self.server = None
        index, _ = self.render(url, "board")
        boards = {e["lang"]: e for e in index if e["slide"] == "board"}
        self.assertEqual(sorted(boards), ["en", "fr"])
        fr = [t["text"] for t in boards["fr"]["texts"]]
        en = [t["text"] for t in boards["en"]["texts"]]
        for words in ("PROGRAMME", "SALLE", "EN CE MOMENT", "ENSUITE", "dans 5 min",
                      "09:30\u201311:30", "COMPLET", "Pas de séance", "Agora"):
            self.assertIn(words, fr)
        for words in ("ROOM", "NOW", "NEXT", "in 5 min", "FULL", "No session"):
            self.assertIn(words, en)
        self.assertTrue(any(t.startswith("Atelier : de la recherche au stage") for t in fr), fr)
        # One room large: the title whole, the speakers, the day's next talks.
        one = {e["lang"]: [t["text"] for t in e["texts"]] for e in index
               if e["slide"] == "workshop"}
        self.assertIn("Ateliers", one["fr"])
        self.assertIn("Workshops", one["en"])
        self.assertIn("Sophie Arsenault, Kwame Mensah", one["fr"])
        self.assertIn("13:30", one["en"])
        self.assertTrue(any(t.startswith("Hands-on workshop") for t in one["en"]), one["en"])
        for e in [e for e in index if e["slide"] != "welcome"]:
            safe = e["safe"]
            for t in e["texts"]:
                self.assertGreaterEqual(t["x"], safe["x"], t)
                self.assertGreaterEqual(t["y"], safe["y"], t)
                self.assertLessEqual(t["x"] + t["w"], safe["x"] + safe["w"], t)
                self.assertLessEqual(t["y"] + t["h"], safe["y"] + safe["h"], t)
                self.assertGreaterEqual(t["size"], int(0.03 * 1080), t)

    def test_a_failing_export_keeps_the_cached_copy(self):
        h.write_atomic(os.path.join(self.www, "feed.json"), feed("programme.json"))
        self.server = h.Server(self.www)
        v = self.run_vitrine(self.server.url("feed.json"), 8)
        time.sleep(1.5)
        self.server.mode("500", "/programme.json")
        time.sleep(3)
        s = self.server.stats("/programme.json")
        self.assertGreaterEqual(s["errors"], 1, s)
        rc, out = v.finish()
        self.assertEqual(rc, 0, out)
        self.assertIn("showing the cached copy", out)
        self.assertNotIn("the slide is skipped", out)

    def test_a_missing_export_skips_the_slide_with_a_warning(self):
        h.write_atomic(os.path.join(self.www, "feed.json"), feed("missing.json"))
        self.server = h.Server(self.www)
        v = self.run_vitrine(self.server.url("feed.json"), 4)
        rc, out = v.finish()
        self.assertEqual(rc, 0, out)
        self.assertIn("schedule export", out)
        self.assertIn("the slide is skipped", out)
        index, err = self.render(self.server.url("feed.json"), "none")
        self.assertEqual(sorted({e["slide"] for e in index}), ["welcome"])
        self.assertIn("no usable schedule export", err)


if __name__ == "__main__":
    unittest.main()
