#!/usr/bin/env python3
"""End-to-end: the slide fields "screens", "hours" and "weight" through the real binary.

--render-slides writes one PNG per active slide and language plus layout.json, so the
slide ids it lists are what this screen would rotate now. Checks that --screen (and the
config key `screen`) selects the targeted slides and that a screen without a name shows
only the untargeted ones; that --at moves the wall clock --render-slides judges hours by;
and that --plan prints the showings of a span as contiguous JSON lines.

Environment: VITRINE (the binary).
"""
import datetime
import json
import os
import subprocess
import tempfile
import unittest

VITRINE = os.environ["VITRINE"]
SAMPLE = os.path.join(os.environ["VITRINE_SOURCE"], "assets", "demo", "programme.json")
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
        {"id": "breakfast", "type": "announcement", "title": "Petit-déjeuner",
         "hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "07:30", "to": "10:00"}]},
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


    def test_at_rehearses_the_hours(self):
        slides, _ = self.rendered("at8", "--at", "2027-01-15T08:00:00-05:00")
        self.assertEqual(slides, ["all", "breakfast"])
        slides, _ = self.rendered("at11", "--at", "2027-01-15T11:00:00-05:00")
        self.assertEqual(slides, ["all"])
        slides, _ = self.rendered("sat", "--at", "2027-01-16T08:00:00-05:00")
        self.assertEqual(slides, ["all"])

    def test_a_bad_at_is_a_usage_error(self):
        res = run("--plan", "--at", "tomorrow", self.feed)
        self.assertEqual(res.returncode, 2)
        self.assertIn("--at", res.stderr)
        self.assertIn("RFC 3339", res.stderr)
        res = run("--plan", "--for", "2w", self.feed)
        self.assertEqual(res.returncode, 2)

    def test_plan_prints_the_day_as_json_lines(self):
        res = run("--plan", "--at", "2027-01-15T07:00:00-05:00", "--for", "4h",
                  "--screen", "lobby", self.feed)
        self.assertEqual(res.returncode, 0, res.stderr)
        lines = [json.loads(l) for l in res.stdout.splitlines()]
        parse = datetime.datetime.fromisoformat
        self.assertEqual(lines[0]["at"], "2027-01-15T07:00:00-05:00")
        self.assertEqual(lines[-1]["until"], "2027-01-15T11:00:00-05:00")
        for a, b in zip(lines, lines[1:]):
            self.assertEqual(a["until"], b["at"], "showings tile the span")
        for l in lines:
            self.assertEqual(set(l), {"at", "slide", "lang", "until"})
            self.assertIn(l["lang"], ("fr", "en"))
            self.assertLess(parse(l["at"]), parse(l["until"]))
        breakfast = [l for l in lines if l["slide"] == "breakfast"]
        self.assertTrue(breakfast)
        # The loop changes at 07:30 and 10:00 sharp: a showing is cut there.
        self.assertIn("2027-01-15T07:30:00-05:00", [l["at"] for l in lines])
        self.assertIn("2027-01-15T10:00:00-05:00", [l["at"] for l in lines])
        for l in breakfast:
            self.assertGreaterEqual(parse(l["at"]), parse("2027-01-15T07:30:00-05:00"))
            self.assertLessEqual(parse(l["until"]), parse("2027-01-15T10:00:00-05:00"))
        self.assertLess(parse(breakfast[0]["at"]), parse("2027-01-15T07:32:00-05:00"))
        shown = {l["slide"] for l in lines}
        self.assertEqual(shown, {"all", "lobby", "hall", "breakfast"})
        # weight 3: the partner shows three times as often as a weight-1 slide
        count = {s: sum(1 for l in lines if l["slide"] == s) for s in shown}
        self.assertAlmostEqual(count["hall"] / count["all"], 3, delta=0.2)

    def test_plan_without_a_feed_plans_the_demo_deck(self):
        # A new user's first try: no FEED, as vitrine without one shows the demo deck.
        res = run("--plan", "--at", "2026-12-08T10:40:00-05:00", "--for", "10m")
        self.assertEqual(res.returncode, 0, res.stderr)
        lines = [json.loads(l) for l in res.stdout.splitlines()]
        self.assertEqual(lines[0]["at"], "2026-12-08T10:40:00-05:00")
        self.assertEqual(lines[-1]["until"], "2026-12-08T10:50:00-05:00")
        self.assertIn("sessions-programme", {l["slide"] for l in lines})

    def test_plan_reads_the_exports_a_board_ends_after_its_last_talk(self):
        feed = {"vitrine": 1, "languages": ["fr"],
                "event": {"name": "Test", "timezone": "America/Toronto"},
                "slides": [{"id": "all", "type": "announcement", "title": "Bienvenue"},
                           {"id": "board", "type": "sessions", "source": SAMPLE},
                           {"id": "broken", "type": "sessions", "source": "missing.json"}]}
        path = os.path.join(self.dir, "sessions.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(feed, f)
        res = run("--plan", "--at", "2026-12-10T12:00:00-05:00", "--for", "2h", path)
        self.assertEqual(res.returncode, 0, res.stderr)
        lines = [json.loads(l) for l in res.stdout.splitlines()]
        parse = datetime.datetime.fromisoformat
        board = [l for l in lines if l["slide"] == "board"]
        self.assertTrue(board)
        # The sample's last talk (the farewell lunch in the Agora) ends at 13:00.
        self.assertEqual(max(l["until"] for l in board), "2026-12-10T13:00:00-05:00")
        self.assertIn("2026-12-10T13:00:00-05:00", [l["at"] for l in lines])
        self.assertTrue(all(l["slide"] == "all" for l in lines
                            if parse(l["at"]) >= parse("2026-12-10T13:00:00-05:00")))
        self.assertNotIn("broken", {l["slide"] for l in lines})
        self.assertIn("missing.json", res.stderr)


if __name__ == "__main__":
    unittest.main()
