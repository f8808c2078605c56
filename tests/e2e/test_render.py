"""End-to-end: the real vitrine binary, headless, renders real PNGs.

Checks --render-slides at the four screen sizes the product promises (one PNG per active
slide per language, at the requested size, not blank, every text box inside the safe
area with body text at least 3% of the height), rotation, --screenshot, the CLI's exit
codes and clean exits on SIGINT/SIGTERM.

Environment: VITRINE (the binary), PNGSTAT (tests/e2e/pngstat), VITRINE_SOURCE (the tree).
"""
import json
import os
import signal
import subprocess
import tempfile
import time
import unittest

VITRINE = os.environ["VITRINE"]
PNGSTAT = os.environ["PNGSTAT"]
SOURCE = os.environ["VITRINE_SOURCE"]
DEMO = os.path.join(SOURCE, "assets", "demo", "feed.json")
SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]
# The demo deck's sessions board shows the sample programme (8-10 December 2026) and its
# breakfast example shows on weekday mornings: the renders are made at one instant of
# the sample conference, so what is active does not depend on the day the tests run.
DEMO_AT = "2026-12-08T10:40:00-05:00"
RUN_TIMEOUT = 240  # seconds: 4K under ASan is slow, but must end


def run(*args, timeout=RUN_TIMEOUT):
    return subprocess.run([VITRINE, *args], capture_output=True, text=True, timeout=timeout)


def png_facts(path):
    out = subprocess.run([PNGSTAT, path], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def demo_counts():
    with open(DEMO, encoding="utf-8") as f:
        feed = json.load(f)
    # At DEMO_AT, on a screen without a name: no start/end window, no hours (the
    # breakfast example ends at 10:00), no "screens" (the targeting example).
    slides = [s for s in feed["slides"]
              if not {"start", "end", "hours", "screens"} & set(s)]
    return len(slides), len(feed.get("languages", ["fr", "en"]))


def inside(box, safe):
    return (box["x"] >= safe["x"] and box["y"] >= safe["y"]
            and box["x"] + box["w"] <= safe["x"] + safe["w"]
            and box["y"] + box["h"] <= safe["y"] + safe["h"])


class RenderSlides(unittest.TestCase):
    def render(self, w, h, *extra):
        out = tempfile.mkdtemp(prefix="vitrine-render-")
        res = run("--headless", "--size", f"{w}x{h}", "--at", DEMO_AT, "--render-slides", out,
                  *extra)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
            return out, json.load(f)

    def check_deck(self, w, h, lw, lh, *extra):
        out, index = self.render(w, h, *extra)
        n_slides, n_langs = demo_counts()
        pngs = sorted(p for p in os.listdir(out) if p.endswith(".png"))
        self.assertEqual(len(pngs), n_slides * n_langs, "one PNG per slide per language")
        self.assertEqual(len(index), len(pngs))
        for entry in index:
            facts = png_facts(os.path.join(out, entry["file"]))
            where = f'{entry["file"]} at {w}x{h}'
            self.assertEqual((facts["w"], facts["h"]), (lw, lh), where)
            self.assertGreater(facts["colors"], 20, f"{where}: too few colours, blank?")
            self.assertGreater(facts["ink"], 0.02, f"{where}: nothing drawn")
            self.assertGreaterEqual(len(entry["texts"]), 2, f"{where}: texts missing")
            for t in entry["texts"]:
                self.assertTrue(inside(t, entry["safe"]), f"{where}: {t} outside {entry['safe']}")
                self.assertGreaterEqual(t["size"], int(0.03 * lh), f"{where}: {t} too small")
        return out

    def test_every_slide_in_every_language_at_1280x720(self):
        self.check_deck(1280, 720, 1280, 720)

    def test_every_slide_in_every_language_at_1920x1080(self):
        self.check_deck(1920, 1080, 1920, 1080)

    def test_every_slide_in_every_language_at_3840x2160(self):
        self.check_deck(3840, 2160, 3840, 2160)

    def test_every_slide_in_every_language_in_portrait_1080x1920(self):
        self.check_deck(1080, 1920, 1080, 1920)

    def test_portrait_board_gives_every_next_talk_its_title_and_a_move_its_destination(self):
        # At DEMO_AT three rooms are between talks and the workshop room is full: a
        # portrait card must still name each room's next talk legibly (not squeezed to
        # "Hands-…" behind its badges) and say where the moved talk went.
        _, index = self.render(1080, 1920)
        nexts = ["Table ronde", "Fairness audits", "Hands-on workshop", "Démonstrations"]
        for lang in ("fr", "en"):
            board = next(e for e in index if "sessions" in e["file"] and e["lang"] == lang)
            texts = board["texts"]
            for start in nexts:
                shown = [t for t in texts if t["text"].startswith(start)]
                self.assertEqual(len(shown), 1, f"{lang}: next talk {start!r} not on the board")
                self.assertGreaterEqual(shown[0]["w"], board["safe"]["w"] // 4,
                                        f"{lang}: {start!r} squeezed to {shown[0]['w']} px")
            moved = [t["text"] for t in texts if "\u2192 Agora" in t["text"]]
            self.assertEqual(len(moved), 1, f"{lang}: the move's destination is missing")
            self.assertFalse([t for t in texts if t["text"] in ("MOVED", "DÉPLACÉ")], lang)

    def test_rotate_90_on_a_landscape_screen_lays_out_portrait(self):
        self.check_deck(1920, 1080, 1080, 1920, "--rotate", "90")


class Screenshot(unittest.TestCase):
    def test_render_slides_creates_missing_parent_folders(self):
        out = os.path.join(tempfile.mkdtemp(prefix="vitrine-render-"), "tomorrow", "lobby")
        res = run("--headless", "--size", "640x360", "--render-slides", out)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertTrue(os.path.exists(os.path.join(out, "layout.json")), res.stderr)

    def test_run_for_exits_zero_and_screenshot_is_the_screen(self):
        with tempfile.TemporaryDirectory() as d:
            shot = os.path.join(d, "shot.png")
            res = run("--headless", "--size", "1280x720", "--run-for", "1.5", "--screenshot", shot)
            self.assertEqual(res.returncode, 0, res.stderr)
            facts = png_facts(shot)
            self.assertEqual((facts["w"], facts["h"]), (1280, 720))
            self.assertGreater(facts["ink"], 0.02)

    def test_rotated_screenshot_keeps_the_screen_orientation(self):
        with tempfile.TemporaryDirectory() as d:
            shot = os.path.join(d, "shot.png")
            res = run("--headless", "--size", "1280x720", "--rotate", "90", "--run-for", "1",
                      "--screenshot", shot)
            self.assertEqual(res.returncode, 0, res.stderr)
            facts = png_facts(shot)
            self.assertEqual((facts["w"], facts["h"]), (1280, 720))


class Install(unittest.TestCase):
    def test_installed_binary_finds_its_assets_and_fonts(self):
        build = os.environ.get("VITRINE_BUILD")
        cmake = os.environ.get("CMAKE", "cmake")
        if not build:
            self.skipTest("VITRINE_BUILD not set")
        with tempfile.TemporaryDirectory() as prefix:
            res = subprocess.run([cmake, "--install", build, "--prefix", prefix],
                                 capture_output=True, text=True, timeout=120)
            self.assertEqual(res.returncode, 0, res.stderr)
            binary = os.path.join(prefix, "bin", "vitrine")
            out = os.path.join(prefix, "slides")
            env = {k: v for k, v in os.environ.items() if k != "VITRINE_DATA"}
            res = subprocess.run([binary, "--headless", "--size", "640x360", "--at", DEMO_AT,
                                  "--render-slides", out], capture_output=True, text=True,
                                 timeout=RUN_TIMEOUT,
                                 env=env, cwd=prefix)
            self.assertEqual(res.returncode, 0, res.stderr)
            self.assertIn("from builtin", res.stderr)
            n_slides, n_langs = demo_counts()
            pngs = [p for p in os.listdir(out) if p.endswith(".png")]
            self.assertEqual(len(pngs), n_slides * n_langs)


class ScreenHours(unittest.TestCase):
    @staticmethod
    def hhmm(offset_min):
        """Now plus offset_min in the demo deck's zone (America/Toronto), as HH:MM."""
        from datetime import datetime, timedelta
        from zoneinfo import ZoneInfo
        now = datetime.now(ZoneInfo("America/Toronto"))
        return (now + timedelta(minutes=offset_min)).strftime("%H:%M")

    def run_with_hours(self, on_offset_min, off_offset_min, *flags):
        """Screen hours relative to now in the config file; flags may override them."""
        fmt = self.hhmm
        with tempfile.TemporaryDirectory() as d:
            conf, shot = os.path.join(d, "vitrine.conf"), os.path.join(d, "shot.png")
            with open(conf, "w", encoding="utf-8") as f:
                f.write(f"screen_on = {fmt(on_offset_min)}\nscreen_off = {fmt(off_offset_min)}\n")
            res = run("--config", conf, "--headless", "--size", "640x360", "--run-for", "2",
                      "--screenshot", shot, *flags)
            self.assertEqual(res.returncode, 0, res.stderr)
            return res.stderr, png_facts(shot)

    def test_outside_screen_hours_the_screen_is_black(self):
        log, facts = self.run_with_hours(60, 120)  # on in an hour, so off now
        self.assertIn("screen off", log)
        self.assertEqual(facts["ink"], 0.0)
        self.assertEqual(facts["colors"], 1)

    def test_inside_screen_hours_the_deck_shows(self):
        log, facts = self.run_with_hours(-60, 60)
        self.assertNotIn("screen off", log)
        self.assertGreater(facts["ink"], 0.02)

    def test_flags_override_the_configured_hours(self):
        # The file says on now; the flags say off now: the flags win.
        log, facts = self.run_with_hours(-60, 60, "--screen-on", self.hhmm(60),
                                         "--screen-off", self.hhmm(120))
        self.assertIn("screen off", log)
        self.assertEqual(facts["ink"], 0.0)

    def test_half_set_screen_hours_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as d:
            conf = os.path.join(d, "vitrine.conf")
            with open(conf, "w", encoding="utf-8") as f:
                f.write("screen_on = 07:30\n")
            res = run("--config", conf, "--headless", "--run-for", "1")
            self.assertEqual(res.returncode, 2)
            self.assertIn("screen_on and screen_off", res.stderr)


class CommandLine(unittest.TestCase):
    def test_help_and_version_exit_zero(self):
        self.assertEqual(run("--help").returncode, 0)
        res = run("--version")
        self.assertEqual(res.returncode, 0)
        self.assertTrue(res.stdout.startswith("vitrine "))

    def test_usage_errors_exit_two_with_one_line(self):
        cases = [["--rotate", "45"], ["--size", "huge"], ["--frobnicate"], ["a.json", "b.json"],
                 ["--interval", "0"], ["--run-for", "-3"], ["--check"], ["--size"],
                 ["--screen-on", "25:00", "--screen-off", "08:00"], ["--screen-on", "07:30"],
                 ["ftp://127.0.0.1/feed.json"], ["--check", "file:///srv/feed.json"]]
        for args in cases:
            res = run(*args)
            self.assertEqual(res.returncode, 2, f"{args}: {res.stderr}")
            lines = res.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, f"{args}: {res.stderr}")
            self.assertTrue(lines[0].startswith("vitrine: "), lines[0])

    def test_signals_exit_cleanly_with_zero(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            p = subprocess.Popen([VITRINE, "--headless", "--size", "640x360"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            try:
                time.sleep(1.5)
                p.send_signal(sig)
                self.assertEqual(p.wait(timeout=30), 0, f"signal {sig}")
            finally:
                if p.poll() is None:
                    p.kill()
                    p.wait()


if __name__ == "__main__":
    unittest.main(verbosity=2)
