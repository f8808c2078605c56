#!/usr/bin/env python3
"""Emergency alerts (CAP 1.2) end to end: the real binary, headless, showing the
built-in demo deck, with --alerts pointing at tests/http/server.py on 127.0.0.1, which
serves the CAP documents of tests/cap/ with their times moved to now.

What a venue needs, checked for real: an evacuation published on the alert server is
on screen within alerts_interval + 1 s (the status file names it; the screenshot is the
red takeover), leaves within the interval of its Cancel; a Moderate alert is a banner
over the running slides, in French and English; tests stay hidden unless asked for; a
broken or hostile source (HTTP 500, not XML, billion laughs) never disturbs the
slideshow and is named in alerts_error.

Run one case: VITRINE_BIN=build/vitrine python3 tests/http/test_alerts.py \
    Alerts.test_an_evacuation_takes_over_within_the_interval_and_leaves_on_cancel
"""
import datetime
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "fault"))
import harness as h  # noqa: E402
from test_memory import read_png  # noqa: E402  (the suite's one PNG reader)

CAP_DIR = os.path.join(HERE, "..", "cap")
INTERVAL = 2  # --alerts-interval for the tests, seconds
START_S = 20  # start-up under sanitizers
EMPTY_ATOM = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
              '<title>Venue alerts</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>'
              '</feed>\n')


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def cap(name, sent=None, expires=None):
    """A fixture with its sent/effective times set to sent (default now) and its
    expiries to expires (default an hour later), as the alert system would publish it."""
    now = sent or datetime.datetime.now(datetime.timezone.utc)
    later = expires or now + datetime.timedelta(hours=1)
    with open(os.path.join(CAP_DIR, name), encoding="utf-8") as f:
        text = f.read()
    out = []
    for line in text.splitlines(True):
        for tag in ("sent", "expires"):
            if "<%s>" % tag in line:
                start, end = line.index("<%s>" % tag) + len(tag) + 2, line.index("</%s>" % tag)
                line = line[:start] + stamp(now if tag == "sent" else later) + line[end:]
        if "<references>" in line:  # the referenced alert's sent time moves too
            line = line.replace("2026-12-08T10:15:00-05:00", stamp(now)).replace(
                "2026-12-08T10:00:00-05:00", stamp(now))
        out.append(line)
    return "".join(out)


def alert_is(ident):
    return lambda st: st.get("alert") == ident


class Alerts(h.NetCase):
    def setUp(self):
        super().setUp()
        self.publish(EMPTY_ATOM)
        self.server = h.Server(self.www)

    def publish(self, text):
        h.write_atomic(os.path.join(self.www, "alerts.xml"), text)

    def start(self, run_for, extra=(), size="640x360"):
        v = h.Vitrine(self.work, "", run_for, extra=["--alerts", self.server.url("alerts.xml"),
                                                      "--alerts-interval", str(INTERVAL), *extra])
        # The harness puts the feed last: no feed at all means the built-in demo deck.
        self.vitrines.append(v)
        return v

    def screenshot_run(self, seconds, size, extra=()):
        """A separate run that saves its last frame: what the screen shows then."""
        png = os.path.join(self.work, "shot-%d.png" % time.monotonic_ns())
        v = h.Vitrine(self.work, "", seconds, extra=[
            "--alerts", self.server.url("alerts.xml"), "--alerts-interval", str(INTERVAL),
            "--size", size, "--screenshot", png, *extra])
        self.vitrines.append(v)
        rc, out = v.finish()
        self.assertEqual(rc, 0, out[-2000:])
        return read_png(png), out

    def test_an_evacuation_takes_over_within_the_interval_and_leaves_on_cancel(self):
        v = self.start(60)
        v.wait(lambda s: s.get("source") == "builtin" and "alert" in s, START_S)
        time.sleep(INTERVAL)  # a poll or two of the empty feed
        self.publish(cap("fire-fr-en.xml"))
        published = time.monotonic()
        st, waited = v.wait(alert_is("palais-2026-12-08-001"), INTERVAL + 5)
        print("evacuation on screen %.2f s after publication (interval %d s)" % (waited, INTERVAL))
        self.assertLessEqual(time.monotonic() - published, INTERVAL + 1.0)
        self.assertEqual(st["source"], "builtin", "the deck itself is untouched")
        self.publish(cap("cancel.xml"))
        _, gone = v.wait(alert_is(None), INTERVAL + 5)
        print("off screen %.2f s after the Cancel" % gone)
        self.assertLessEqual(gone, INTERVAL + 1.0)
        # An unchanged source costs 304s: the Cancel, polled again, is not downloaded.
        deadline = time.monotonic() + 3 * INTERVAL + 5
        while (self.server.stats("/alerts.xml").get("not_modified", 0) == 0 and
               time.monotonic() < deadline and v.proc.poll() is None):
            time.sleep(0.1)
        st = self.server.stats("/alerts.xml")
        self.assertGreater(st.get("not_modified", 0), 0, st)
        v.stop()
        with open(v.log_path) as f:
            log = f.read()
        self.assertIn("alert on screen: palais-2026-12-08-001 (Extreme, whole screen): "
                      "Évacuez le bâtiment", log)
        self.assertIn("alert off screen: palais-2026-12-08-001", log)

    def test_the_takeover_and_the_banner_look_right(self):
        self.publish(cap("fire-fr-en.xml"))
        (w, hh, rows), _ = self.screenshot_run(3, "1280x720")
        red = sum(1 for y in range(0, hh, 8) for x in range(0, w, 8)
                  if rows[y][x][0] > 90 and rows[y][x][1] < 40 and rows[y][x][2] < 50)
        total = len(range(0, hh, 8)) * len(range(0, w, 8))
        print("takeover: %.0f %% of the screen red" % (100.0 * red / total))
        self.assertGreater(red / total, 0.6)
        self.publish(cap("atom-update-cancel.xml"))
        (w, hh, rows), out = self.screenshot_run(3, "1280x720")
        self.assertIn("alert on screen: snow-2 (Moderate, banner)", out)
        amber = lambda px: px[0] > 230 and 150 < px[1] < 200 and px[2] < 40  # noqa: E731
        band = [y for y in range(hh) if amber(rows[y][w // 2 + 200])]
        print("banner: amber rows %d..%d of %d" % (min(band), max(band), hh))
        self.assertGreater(len(band), hh // 8)
        self.assertGreater(min(band), hh // 2, "the banner sits in the lower half")
        # The clock (top right) and the progress row stay clear of it.
        self.assertLess(max(band), hh - hh // 20)

    def test_tests_show_only_when_asked(self):
        doc = cap("atom-update-cancel.xml")
        self.publish(doc)
        v = self.start(30)
        v.wait(alert_is("snow-2"), START_S)  # the Exercise (Severe) stays hidden
        v.stop()
        v2 = self.start(30, extra=["--alerts-show-tests"])
        v2.wait(alert_is("drill-1"), START_S)

    def test_a_broken_source_never_disturbs_the_slideshow(self):
        v = self.start(60)
        v.wait(lambda s: s.get("source") == "builtin" and "alert" in s, START_S)
        for mode, path, want in (("500", None, "HTTP 500"),
                                 ("invalid", None, "not a usable alert: not XML"),
                                 ("ok", "billion-laughs.xml", "a DTD is not allowed")):
            if path:
                with open(os.path.join(CAP_DIR, path)) as f:
                    self.publish(f.read())
            self.server.mode(mode, "/alerts.xml")
            st, _ = v.wait(lambda s: want in (s.get("alerts_error") or ""), INTERVAL + 8)
            print("%s: %s" % (mode, st["alerts_error"]))
            self.assertIsNone(st["last_error"], "the feed's health is not the alerts'")
            self.assertEqual(st["source"], "builtin")
            self.assertIsNone(st["alert"])
        self.publish(cap("fire-fr-en.xml"))
        v.wait(lambda s: s.get("alert") and s.get("alerts_error") is None, INTERVAL + 8)
        self.assertIsNone(v.proc.poll(), "vitrine must still run")


if __name__ == "__main__":
    unittest.main()
