#!/usr/bin/env python3
"""Designer-sized logos against vitrine's memory: the real binary, headless at 1920x1080,
polling a real HTTP server on 127.0.0.1 (tests/http/server.py) that serves a deck of 50
partner slides, each with its own 4096x4096 RGBA PNG logo generated here at test time
(what a designer exports; nothing is committed).

Decoded images are kept at the size the layout draws them on this screen, so the peak
RSS (VmHWM, from /proc) must stay under PEAK_MB = 150 on a plain build, and the RSS
once the deck is on screen close to the demo deck's. Under ASan the shadow memory,
redzones and quarantine inflate RSS, so a sanitized build is judged by the growth of
its peak over the demo deck's peak in the same build: SANITIZED_GROWTH_MB. The plain
build runs this test in tests/stages/60-valgrind.sh (absolute bound).

A second test checks the downscaled logo still looks right: a logo with a transparent
background and a thin ring is drawn, the screenshot is decoded, and the card must show
the logo's colour in the middle and no dark fringe at its transparent edges.

Figures for docs/robustness.md: VITRINE_BIN=build-rel/vitrine python3
tests/fault/test_memory.py --measure
"""
import json
import os
import struct
import subprocess
import sys
import time
import unittest
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "http"))
import harness as h  # noqa: E402
import watch  # noqa: E402

SLIDES = 50
SIDE = 4096
PEAK_MB = 150
SANITIZED_GROWTH_MB = 150
SIZE = "1920x1080"
DECK_S = 240  # 50 big decodes under ASan on a shared 2-core machine
SETTLE_S = 6  # on screen this long before the steady RSS is read


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def logo_png(side, rgb, ring=(255, 255, 255)):
    """A side x side RGBA PNG: a disc of rgb with a ring of the ring colour, on a
    fully transparent background, the way a logo is exported."""
    c, r_out = side / 2.0, side * 0.45
    r_in = r_out * 0.8
    solid, ring_px, clear = bytes(rgb) + b"\xff", bytes(ring) + b"\xff", b"\0\0\0\0"
    comp = zlib.compressobj(1)
    parts = []

    def span(r, dy):
        return int((r * r - dy * dy) ** 0.5) if abs(dy) < r else 0

    for y in range(side):
        dy = y + 0.5 - c
        ho, hi = span(r_out, dy), span(r_in, dy)
        a = int(c) - ho
        row = (clear * a + ring_px * (ho - hi) + solid * (2 * hi) + ring_px * (ho - hi) +
               clear * (side - a - 2 * ho))
        parts.append(comp.compress(b"\0" + row))
    parts.append(comp.flush())
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))


def colour(i):
    return ((37 * i + 60) % 200 + 30, (91 * i + 20) % 200 + 30, (53 * i + 140) % 200 + 30)


def big_deck(root, n=SLIDES, side=SIDE):
    """n partner slides, logo-<i>.png each, in root; returns the feed's file name."""
    slides = []
    for i in range(n):
        with open(os.path.join(root, "logo-%d.png" % i), "wb") as f:
            f.write(logo_png(side, colour(i)))
        slides.append({"id": "p%d" % i, "type": "partner", "name": "Partner %d" % i,
                       "tagline": "A designer-sized logo", "logo": "logo-%d.png" % i})
    doc = {"vitrine": 1, "event": {"name": "Memory test"}, "languages": ["en"],
           "defaults": {"duration": 2, "transition": "cut"}, "slides": slides}
    h.write_atomic(os.path.join(root, "feed.json"), json.dumps(doc))
    return "feed.json"


def run_and_watch(work, feed, ready):
    """Runs vitrine until ready(status) has held for SETTLE_S, then SIGTERM; returns
    (peak kB, steady kB, status, exit code, log, seconds to ready). steady: the median
    RSS over the last half of the settling time."""
    env = watch.asan_env() if watch.sanitized() else {}
    v = h.Vitrine(work, feed, DECK_S + 60, interval=60, env=env, extra=["--size", SIZE])
    w = watch.ProcWatch(v.proc.pid)
    try:
        st, took = v.wait(ready, DECK_S)
        time.sleep(SETTLE_S)
        steady = watch.median_of(w.since(time.monotonic() - SETTLE_S / 2), "rss")
        peak = watch.proc_sample(v.proc.pid)["hwm"]
        v.proc.terminate()
        rc, out = v.finish()
    finally:
        w.stop()
        v.stop()
    return peak, steady, st, rc, out, took


class Memory(unittest.TestCase):
    def demo_figures(self):
        work = h.workdir()
        demo = os.path.join(os.environ.get("VITRINE_SOURCE", os.path.join(HERE, "..", "..")),
                            "assets", "demo", "feed.json")
        return run_and_watch(work, demo, lambda s: s.get("source") == "file")

    def big_figures(self):
        work = h.workdir()
        www = os.path.join(work, "www")
        os.makedirs(www)
        big_deck(www)
        srv = h.Server(www)
        try:
            return run_and_watch(
                work, srv.url("feed.json"),
                lambda s: s.get("source") == "network" and s.get("slides") == SLIDES)
        finally:
            srv.stop()

    def test_fifty_4096px_logos_stay_under_the_peak(self):
        peak, steady, st, rc, out, took = self.big_figures()
        print("50 x %dpx logos: peak %.1f MB, steady %.1f MB, on screen after %.1f s" %
              (SIDE, peak / 1024, steady / 1024, took))
        self.assertEqual(rc, 0, out[-3000:])
        self.assertEqual(st["slides"], SLIDES)
        self.assertNotIn("showing the fallback", out, "a logo fell back:\n" + out[-3000:])
        if watch.sanitized():
            dpeak, dsteady = self.demo_figures()[:2]
            print("demo deck, same build: peak %.1f MB, steady %.1f MB" %
                  (dpeak / 1024, dsteady / 1024))
            self.assertLess((peak - dpeak) / 1024, SANITIZED_GROWTH_MB)
        else:
            self.assertLess(peak / 1024, PEAK_MB)


def measure():
    m = Memory()
    for name, fn in (("demo deck", m.demo_figures), ("50 x 4096px logos", m.big_figures)):
        peak, steady, st, rc, out, took = fn()
        print("%-20s peak (VmHWM) %6.1f MB  steady (VmRSS) %6.1f MB  exit %s  on screen "
              "after %.1f s" % (name, peak / 1024, steady / 1024, rc, took), flush=True)


if __name__ == "__main__":
    if "--measure" in sys.argv:
        measure()
    else:
        unittest.main()
