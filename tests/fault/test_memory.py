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
SANITIZED_GROWTH_MB = 120
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


def read_png(path):
    """(w, h, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA, non-interlaced PNG, as
    IMG_SavePNG writes them; the test needs no imaging library."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, hh, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
    for y in range(hh):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, hh, rows


def luma(px):
    return (px[0] * 299 + px[1] * 587 + px[2] * 114) // 1000


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


class LogoLooksRight(unittest.TestCase):
    """A 4096x4096 logo (a blue disc in a white ring, on a transparent background)
    rendered with --render-slides, landscape and rotated to portrait: the shrunk logo
    fills its box, keeps its colours, its ring-to-card edge shows no dark fringe (alpha
    averaged, not blended with transparent black), and its blue-to-white edge is
    smoothed (area averaging, not nearest neighbour)."""

    BLUE = (30, 90, 200)

    def render(self, *args):
        work = h.workdir()
        with open(os.path.join(work, "logo.png"), "wb") as f:
            f.write(logo_png(SIDE, self.BLUE))
        doc = {"vitrine": 1, "event": {"name": "Logo test"}, "languages": ["en"],
               "slides": [{"id": "logo", "type": "partner", "name": "A big logo",
                           "tagline": "Drawn from a 4096 x 4096 PNG", "logo": "logo.png"}]}
        h.write_atomic(os.path.join(work, "feed.json"), json.dumps(doc))
        out = os.path.join(work, "slides")
        res = subprocess.run([os.environ["VITRINE_BIN"], "--headless", *args, "--render-slides",
                              out, os.path.join(work, "feed.json")],
                             capture_output=True, text=True, timeout=240)
        self.assertEqual(res.returncode, 0, res.stderr[-3000:])
        self.assertNotIn("fallback", res.stderr)
        with open(os.path.join(out, "layout.json")) as f:
            index = json.load(f)
        self.assertEqual(len(index), 1)
        self.assertEqual(len(index[0]["images"]), 1, "the logo is not drawn")
        print("%s: %s, logo drawn in %s" % (" ".join(args), index[0]["file"], index[0]["images"][0]))
        return os.path.join(out, index[0]["file"]), index[0]["images"][0]

    def check(self, png, box):
        w, hh, rows = read_png(png)
        side = min(box["w"], box["h"])
        cx, cy = box["x"] + box["w"] / 2.0, box["y"] + box["h"] / 2.0
        r_out, r_in = side * 0.45, side * 0.45 * 0.8
        centre = rows[int(cy)][int(cx)]
        for got, want in zip(centre, self.BLUE):
            self.assertLess(abs(got - want), 8, "logo centre %s, drawn as %s" % (self.BLUE, centre))
        ring, edge, inner = [], [], []
        for y in range(box["y"], box["y"] + box["h"]):
            for x in range(box["x"], box["x"] + box["w"]):
                d = ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2) ** 0.5
                px = rows[y][x]
                if r_in + 2 < d < r_out - 2:
                    ring.append(luma(px))
                elif abs(d - r_out) <= 2:
                    edge.append(luma(px))
                elif abs(d - r_in) <= 1:
                    inner.append(luma(px))
        print("ring luma %d..%d, outer edge luma %d..%d, inner edge %d distinct" %
              (min(ring), max(ring), min(edge), max(edge), len(set(inner))))
        self.assertGreater(min(ring), 240, "the white ring is not white")
        # Card 0xf7f7fb (luma ~247) meets a white ring: a dark fringe would dip far below.
        self.assertGreater(min(edge), 235, "a dark fringe at the logo's transparent edge")
        blue, white = luma(self.BLUE), 255
        between = [v for v in inner if blue + 25 < v < white - 25]
        self.assertGreater(len(between), side // 4, "the blue-to-white edge is not smoothed")

    def test_a_shrunk_logo_keeps_its_colours_and_clean_edges(self):
        self.check(*self.render("--size", "1920x1080"))

    def test_a_shrunk_logo_on_a_rotated_portrait_screen(self):
        self.check(*self.render("--size", "1920x1080", "--rotate", "90"))


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
