#!/usr/bin/env python3
"""vitrine's benchmark: runs the real binary and measures what a lobby screen cares about.

  python3 tests/bench/bench.py [--vitrine build/vitrine] [--floor build/tests/vitrine-floor]
                               [--seconds 20] [--repeat 3] [--xvfb] [--only floor,demo]

The floor (tests/bench/floor.c, built by CMake as vitrine-floor): a bare SDL2 program
showing 6 slides pre-rendered into one texture each, a cross-fade of two textures, and
nothing drawn while a slide holds (3 s hold + 0.5 s fade). The benchmark writes the
equivalent vitrine feed (6 partner slides of 3.5 s, fade) and runs the two one after
the other, interleaved, --repeat times per scenario (so a load spike on this shared
machine hits both), and prints vitrine's CPU, PSS and transition frame times
(median, p99) as ratios to the floor's. Floor scenarios: 1920x1080 headless, upright
and --rotate 90/180/270 (the floor stays upright: rotation must cost vitrine nothing),
3840x2160 headless, and with --xvfb the same under Xvfb (software renderer, no
framebuffer acceleration). The floor's fade is run at vitrine's transition length too
(--fade-ms of vitrine's design), the like-for-like comparison.

Scenarios (headless = software renderer into an offscreen surface, 1920x1080):
  rotating  the demo deck with 2 s slides: transitions all the time
  idle      the demo deck with 60 s slides: what a screen costs between changes
  *_rotate90  the same with --rotate 90 (portrait screen: composed upright, then rotated)
  startup   time from exec to the first frame (5 runs, median)
  update    a file feed rewritten while running: time from the write to the new deck
            on screen (it waits for the next slide boundary by design), and the cost of
            preparing a slide (layout + rasterising) from vitrine's own exit report
With --xvfb, the idle and rotating scenarios also run windowed under Xvfb, and the
report names the renderer really used there (vitrine's own choice, forced software, and
forced OpenGL, which is what SDL picks by itself: llvmpipe on a machine without a GPU).
Figures: frame time (median, p99) from vitrine's exit report; CPU as % of one core
(user+system over wall time); peak RSS (ru_maxrss) and peak PSS (/proc/PID/smaps_rollup).
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
DEMO = os.path.join(SOURCE, "assets", "demo", "feed.json")


def demo_with(duration, version=None):
    with open(DEMO, encoding="utf-8") as f:
        feed = json.load(f)
    feed["defaults"] = dict(feed.get("defaults", {}), duration=duration)
    for s in feed["slides"]:
        s.pop("duration", None)
    if version:
        feed["slides"][0]["id"] = f"bench-{version}"
    return feed


def write_feed(path, feed):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(feed, f, ensure_ascii=False)
    os.replace(tmp, path)


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            m = re.search(r"^Pss:\s+(\d+) kB", f.read(), re.M)
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


class Run:
    """One vitrine process: stderr collected with arrival times, PSS sampled."""

    def __init__(self, cmd, env=None):
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, env=env)
        self.lines = []
        self.peak_pss = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append((time.monotonic() - self.t0, line.rstrip("\n")))

    def wait_for(self, pattern, timeout, after=0.0):
        """First stderr line matching pattern that arrived after `after` s."""
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            for t, line in self.lines[seen:]:
                if t >= after and re.search(pattern, line):
                    return t, line
            seen = len(self.lines)
            time.sleep(0.005)
        return None, None

    def finish(self, timeout):
        # wait4, never Popen.poll: poll would reap the child and lose its rusage.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                break
            self.peak_pss = max(self.peak_pss, pss_kb(self.proc.pid))
            time.sleep(0.25)
        else:
            self.proc.send_signal(signal.SIGTERM)
            _, status, usage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.wall = time.monotonic() - self.t0
        self._reader.join(timeout=5)
        self.cpu = usage.ru_utime + usage.ru_stime
        self.maxrss_kb = usage.ru_maxrss
        return self

    def stat(self, label):
        for _, line in self.lines:
            m = re.search(label + r": median ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms over (\d+)",
                          line)
            if m:
                return {"median_ms": float(m.group(1)), "p99_ms": float(m.group(2)),
                        "max_ms": float(m.group(3)), "count": int(m.group(4))}
        return None

    def renderer(self):
        for _, line in self.lines:
            m = re.search(r"video driver (.+?), renderer (\S+)", line)
            if m:
                return f"{m.group(1)}/{m.group(2)}"
        return "?"


def steady(vitrine, feed_path, seconds, windowed_env=None, extra=()):
    args = [vitrine, "--run-for", str(seconds), *extra, feed_path]
    if windowed_env is None:
        args[1:1] = ["--headless", "--size", "1920x1080"]
        env = None
    else:
        args[1:1] = ["--windowed", "--size", "1920x1080"]
        env = windowed_env
    r = Run(args, env).finish(seconds + 60)
    if r.proc.returncode != 0:
        sys.exit("vitrine failed:\n" + "\n".join(l for _, l in r.lines[-20:]))
    return {
        "renderer": r.renderer(),
        "cpu_percent": round(100 * r.cpu / r.wall, 2),
        "peak_rss_mb": round(r.maxrss_kb / 1024, 1),
        "peak_pss_mb": round(r.peak_pss / 1024, 1),
        "frames_in_transitions": r.stat("frame time in transitions"),
        "cpu_in_transitions": r.stat("frame CPU time in transitions"),
        "frames_otherwise": r.stat("frame time otherwise"),
        "slide_preparation": r.stat(r"slide preparation \(layout and rasterising\)"),
    }


def startup(vitrine, runs=5):
    external, internal = [], []
    for _ in range(runs):
        r = Run([vitrine, "--headless", "--size", "1920x1080", "--run-for", "0.5"])
        t, line = r.wait_for(r"first frame (\d+) ms after start", 30)
        r.finish(30)
        if t is None:
            sys.exit("no first frame reported")
        external.append(t * 1000)
        internal.append(int(re.search(r"first frame (\d+) ms", line).group(1)))
    return {"exec_to_first_frame_ms": round(statistics.median(external), 1),
            "main_to_first_frame_ms": statistics.median(internal)}


def update(vitrine, workdir):
    path = os.path.join(workdir, "update.json")
    write_feed(path, demo_with(2))
    r = Run([vitrine, "--headless", "--size", "1920x1080", "--run-for", "12", path])
    r.wait_for(r"first frame", 30)
    time.sleep(2)
    written = time.monotonic() - r.t0
    write_feed(path, demo_with(2, version="v2"))
    t, _ = r.wait_for(r"deck applied: .* from file", 15, after=written)
    r.finish(30)
    return {"write_to_screen_s": round(t - written, 2) if t else None,
            "note": "includes the wait for the next slide boundary (2 s slides) and the 1 s file watch"}


FLOOR_SLIDES, FLOOR_HOLD_MS, FLOOR_FADE_MS = 6, 3000, 500
VITRINE_FADE_MS = 800  # app/screen/show.c TRANSITION_MS: vitrine's designed fade


def regular_font():
    """The first existing file of fonts/fonts.list's "regular" role (what vitrine uses)."""
    with open(os.path.join(SOURCE, "fonts", "fonts.list"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] == "regular":
                for path in parts[1:]:
                    if os.path.exists(path):
                        return path
    sys.exit("no regular font from fonts/fonts.list is installed")


def floor_feed():
    """The deck the floor shows, as a vitrine feed: 6 slides, 3 s hold + 0.5 s fade."""
    slides = [{"id": f"p{i + 1}", "type": "partner", "name": f"Partner {i + 1}",
               "tagline": "Research talent for industry — la recherche au service des entreprises"}
              for i in range(FLOOR_SLIDES)]
    return {"vitrine": 1, "event": {"name": "Floor benchmark"}, "languages": ["en"],
            "defaults": {"duration": (FLOOR_HOLD_MS + FLOOR_FADE_MS) / 1000, "transition": "fade"},
            "slides": slides}


def measure(r, seconds):
    r.finish(seconds + 60)
    if r.proc.returncode != 0:
        sys.exit(f"{r.proc.args[0]} failed:\n" + "\n".join(l for _, l in r.lines[-20:]))
    return {"cpu_percent": round(100 * r.cpu / r.wall, 2),
            "peak_pss_mb": round(r.peak_pss / 1024, 1),
            "peak_rss_mb": round(r.maxrss_kb / 1024, 1),
            "transition": r.stat("frame time in transitions"),
            "transition_cpu": r.stat("frame CPU time in transitions"),
            "still": r.stat("frame time otherwise")}


def floor_run(floor, seconds, size, env, fade_ms):
    args = [floor, "--size", size, "--run-for", str(seconds), "--font", regular_font(),
            "--slides", str(FLOOR_SLIDES), "--hold-ms", str(FLOOR_HOLD_MS + FLOOR_FADE_MS - fade_ms),
            "--fade-ms", str(fade_ms)]
    if env is None:
        args.append("--headless")
    return measure(Run(args, env), seconds)


def vitrine_run(vitrine, feed, seconds, size, env, rotate):
    args = [vitrine, "--size", size, "--run-for", str(seconds), "--rotate", str(rotate)]
    args += ["--headless"] if env is None else ["--windowed"]
    r = Run(args + [feed], env)
    m = measure(r, seconds)
    m["renderer"] = r.renderer()
    m["slide_preparation"] = r.stat(r"slide preparation \(layout and rasterising\)")
    return m


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2),
            "max": round(max(values), 2)}


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


FIGURES = (("cpu", lambda m: m["cpu_percent"]), ("pss", lambda m: m["peak_pss_mb"]),
           ("transition_median", lambda m: (m["transition"] or {}).get("median_ms")),
           ("transition_p99", lambda m: (m["transition"] or {}).get("p99_ms")),
           ("still_median", lambda m: (m["still"] or {}).get("median_ms")),
           ("transition_cpu_median", lambda m: (m.get("transition_cpu") or {}).get("median_ms")),
           ("transition_cpu_p99", lambda m: (m.get("transition_cpu") or {}).get("p99_ms")),
           ("transition_frames", lambda m: (m["transition"] or {}).get("count")))


def summarise(runs):
    """Median (and min..max) over the repeats of each figure, and vitrine / floor."""
    out = {}
    for side in ("vitrine", "floor", "floor_same_fade"):
        out[side] = {k: spread([get(r[side]) for r in runs]) for k, get in FIGURES}
    out["vitrine"]["renderer"] = runs[0]["vitrine"]["renderer"]
    for floor in ("floor", "floor_same_fade"):
        out[f"ratio_to_{floor}"] = {k: ratio((out["vitrine"][k] or {}).get("median"),
                                             (out[floor][k] or {}).get("median"))
                                    for k, _ in FIGURES[:4]}
    return out


def floor_scenarios(a, work, display_env):
    feed = os.path.join(work, "floor.json")
    write_feed(feed, floor_feed())
    scen = [("headless_1080p", "1920x1080", None, 0), ("headless_1080p_rotate90", "1920x1080", None, 90),
            ("headless_1080p_rotate180", "1920x1080", None, 180),
            ("headless_1080p_rotate270", "1920x1080", None, 270),
            ("headless_4k", "3840x2160", None, 0)]
    if display_env:
        scen += [("xvfb_1080p", "1920x1080", display_env, 0), ("xvfb_1080p_rotate90", "1920x1080", display_env, 90),
                 ("xvfb_4k", "3840x2160", display_env, 0)]
    runs = {name: [] for name, *_ in scen}
    for rep in range(a.repeat):
        for name, size, env, rotate in scen:
            if a.scenario and name not in a.scenario.split(","):
                continue
            print(f"[{time.strftime('%H:%M:%S')}] {name} run {rep + 1}/{a.repeat} "
                  f"(load {os.getloadavg()[0]:.2f})", file=sys.stderr)
            one = {"floor": floor_run(a.floor, a.seconds, size, env, FLOOR_FADE_MS),
                   "vitrine": vitrine_run(a.vitrine, feed, a.seconds, size, env, rotate),
                   "floor_same_fade": floor_run(a.floor, a.seconds, size, env, VITRINE_FADE_MS)}
            runs[name].append(one)
    return {name: dict(summarise(r), runs=r) for name, r in runs.items() if r}


def floor_selftest(floor):
    """The suite's check: the floor builds, starts and draws a fade (4.5 s, headless: the first fade is at 3.5 s)."""
    m = floor_run(floor, 4.5, "640x360", None, FLOOR_FADE_MS)
    t = m["transition"]
    if not t or t["count"] < 5 or not m["still"]:
        sys.exit(f"the floor drew no fade: {m}")
    print(json.dumps(m, indent=2))


def xvfb_env(display):
    env = dict(os.environ, DISPLAY=display)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def fmt(x, unit=""):
    return "—" if x is None else f"{x:g}{unit}"


def frames(scenario, side):
    """Median over the repeats of the transition frames drawn (from the saved runs)."""
    n = [(r[side]["transition"] or {}).get("count") for r in scenario.get("runs", [])]
    n = [x for x in n if x is not None]
    return statistics.median(n) if n else None


def tables(report):
    """The README's tables from a saved report (--tables FILE): medians over the repeats."""
    med = lambda side, k: (side.get(k) or {}).get("median")
    rows = ["| scenario | CPU, vitrine / floor at 0.8 s fade | ratio (to the 0.5 s floor) "
            "| peak PSS MB, vitrine / floor | transition frames ms, median / p99 "
            "| their CPU time ms, median / p99 | floor's transition frames ms | still frames ms "
            "| fade frames drawn, vitrine / floor |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, sc in report.get("floor", {}).items():
        v, f = sc["vitrine"], sc["floor_same_fade"]
        r, r5 = sc["ratio_to_floor_same_fade"], sc["ratio_to_floor"]
        rows.append(f"| {name} ({v['renderer'].split('/')[-1]}) | {fmt(med(v, 'cpu'), ' %')} / "
                    f"{fmt(med(f, 'cpu'), ' %')} | **{fmt(r['cpu'], '×')}** ({fmt(r5['cpu'], '×')}) "
                    f"| {fmt(med(v, 'pss'))} / {fmt(med(f, 'pss'))} "
                    f"| {fmt(med(v, 'transition_median'))} / **{fmt(med(v, 'transition_p99'))}** "
                    f"| {fmt(med(v, 'transition_cpu_median'))} / {fmt(med(v, 'transition_cpu_p99'))} "
                    f"| {fmt(med(f, 'transition_median'))} / {fmt(med(f, 'transition_p99'))} "
                    f"| {fmt(med(v, 'still_median'))} "
                    f"| {fmt(frames(sc, 'vitrine'))} / {fmt(frames(sc, 'floor_same_fade'))} |")
    demo = report.get("demo", {})
    if demo:
        rows += ["", "| demo deck (11 slides, 2 languages) | renderer | CPU | peak PSS MB | peak RSS MB "
                 "| transition frames ms, median / p99 | their CPU time ms | still frames ms, median / p99 |",
                 "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for name, d in demo.items():
            if "cpu_percent" not in d:
                continue
            t, o = d["frames_in_transitions"] or {}, d["frames_otherwise"] or {}
            c = d.get("cpu_in_transitions") or {}
            rows.append(f"| {name} | {d['renderer'].split('/')[-1]} | {fmt(d['cpu_percent'], ' %')} "
                        f"| {fmt(d['peak_pss_mb'])} | {fmt(d['peak_rss_mb'])} "
                        f"| {fmt(t.get('median_ms'))} / {fmt(t.get('p99_ms'))} "
                        f"| {fmt(c.get('median_ms'))} / {fmt(c.get('p99_ms'))} "
                        f"| {fmt(o.get('median_ms'))} / {fmt(o.get('p99_ms'))} |")
        if "startup" in demo:
            st = demo["startup"]
            rows += ["", f"Exec to first frame (median of 5, headless 1080p): {st['exec_to_first_frame_ms']} ms "
                     f"({st['main_to_first_frame_ms']} ms from `main`)."]
        if "update" in demo:
            rows.append(f"A file feed rewritten to its new deck on screen: {demo['update']['write_to_screen_s']} s "
                        f"({demo['update']['note']}).")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vitrine", default=os.path.join(SOURCE, "build", "vitrine"))
    ap.add_argument("--floor", help="the floor program (default: tests/vitrine-floor beside vitrine)")
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--xvfb", action="store_true", help="also measure windowed under Xvfb")
    ap.add_argument("--only", default="floor,demo", help="floor, demo (comma-separated)")
    ap.add_argument("--scenario", help="floor scenarios to run (comma-separated names)")
    ap.add_argument("--floor-selftest", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tables", metavar="REPORT", help="print a saved report's figures as Markdown tables")
    a = ap.parse_args()
    if a.tables:
        with open(a.tables, encoding="utf-8") as f:
            print(tables(json.load(f)))
        return
    a.floor = a.floor or os.path.join(os.path.dirname(a.vitrine), "tests", "vitrine-floor")
    if a.floor_selftest:
        floor_selftest(a.floor)
        return
    only = a.only.split(",")
    work = tempfile.mkdtemp(prefix="vitrine-bench-")
    xvfb, env = None, None
    if a.xvfb and shutil.which("Xvfb"):
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "3840x2160x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        env = xvfb_env(display)
    report = {"binary": a.vitrine, "seconds": a.seconds, "repeat": a.repeat,
              "load_at_start": os.getloadavg()}
    try:
        if "floor" in only:
            report["floor"] = floor_scenarios(a, work, env)
        if "demo" in only:
            rotating, idle = os.path.join(work, "rotating.json"), os.path.join(work, "idle.json")
            write_feed(rotating, demo_with(2))
            write_feed(idle, demo_with(60))
            report["demo"] = {"headless_rotating": steady(a.vitrine, rotating, a.seconds),
                              "headless_idle": steady(a.vitrine, idle, a.seconds),
                              "headless_rotating_rotate90": steady(a.vitrine, rotating, a.seconds,
                                                                   extra=("--rotate", "90")),
                              "headless_rotating_4k": steady(a.vitrine, rotating, a.seconds,
                                                             extra=("--size", "3840x2160")),
                              "startup": startup(a.vitrine),
                              "update": update(a.vitrine, work)}
            if env:
                report["demo"]["xvfb_rotating"] = steady(a.vitrine, rotating, a.seconds, env)
    finally:
        if xvfb:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    report["load_at_end"] = os.getloadavg()
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
