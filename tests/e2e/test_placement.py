#!/usr/bin/env python3
"""End-to-end: the slide fields "screens", "hours" and "weight" through the real binary.

--render-slides writes one PNG per active slide and language plus layout.json, so the
slide ids it lists are what this screen would rotate now. Checks that --screen (and the
config key `screen`) selects the targeted slides and that a screen without a name shows
only the untargeted ones.

Environment: VITRINE (the binary).
"""
import json
import os
import subprocess
import tempfile
import unittest

VITRINE = os.environ["VITRINE"]
RUN_TIMEOUT = 120

FEED = {
    "vitrine": 1,
    "languages": ["fr", "en"],
    "event": {"name": "Test", "timezone": "America/Toronto"},
    "slides": [
        {"id": "all", "type": "announcement", "title": "Bienvenue"},
        {"id": "lobby", "type": "announcement", "title": "Vestiaire", "screens": ["lobby"]},
        {"id": "hall", "type": "partner", "name": "Acme", "weight": 3,
         "screens": ["hall-b", "lobby"]},
        {"id": "never", "type": "announcement", "title": "Jamais",
         "hours": [{"days": ["sun"], "from": "00:00", "to": "00:01"}],
         "start": "2020-01-01T00:00:00Z", "end": "2020-01-02T00:00:00Z"},
    ],
}


def run(*args):
    return subprocess.run([VITRINE, *args], capture_output=True, text=True, timeout=RUN_TIMEOUT)


class Targeting(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="vitrine-placement-")
        self.feed = os.path.join(self.dir, "feed.json")
        with open(self.feed, "w", encoding="utf-8") as f:
            json.dump(FEED, f)

    def rendered(self, name, *extra):
        out = os.path.join(self.dir, name)
        res = run("--headless", "--size", "640x360", "--render-slides", out, *extra, self.feed)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
            index = json.load(f)
        return sorted({e["slide"] for e in index}), len(index)

    def test_a_named_screen_shows_its_slides(self):
        self.assertEqual(self.rendered("lobby", "--screen", "lobby"), (["all", "hall", "lobby"], 6))
        self.assertEqual(self.rendered("hall", "--screen", "hall-b"), (["all", "hall"], 4))

    def test_the_config_key_names_the_screen(self):
        conf = os.path.join(self.dir, "vitrine.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write("screen = hall-b\n")
        self.assertEqual(self.rendered("conf", "--config", conf), (["all", "hall"], 4))

    def test_an_unnamed_screen_shows_only_untargeted_slides(self):
        self.assertEqual(self.rendered("none"), (["all"], 2))


if __name__ == "__main__":
    unittest.main()
