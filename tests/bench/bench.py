#!/usr/bin/env python3
"""vitrine's benchmark: runs the real binary and measures what a lobby screen cares about.

  python3 tests/bench/bench.py [--vitrine build/vitrine] [--seconds 30] [--xvfb]

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


def xvfb_env(display):
    env = dict(os.environ, DISPLAY=display)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vitrine", default=os.path.join(SOURCE, "build", "vitrine"))
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--xvfb", action="store_true", help="also measure windowed under Xvfb")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="vitrine-bench-")
    rotating, idle = os.path.join(work, "rotating.json"), os.path.join(work, "idle.json")
    write_feed(rotating, demo_with(2))
    write_feed(idle, demo_with(60))
    report = {"binary": a.vitrine, "seconds": a.seconds,
              "headless_rotating": steady(a.vitrine, rotating, a.seconds),
              "headless_idle": steady(a.vitrine, idle, a.seconds),
              # A portrait screen on a landscape output: composed upright, then rotated.
              "headless_rotating_rotate90": steady(a.vitrine, rotating, a.seconds,
                                                   extra=("--rotate", "90")),
              "headless_idle_rotate90": steady(a.vitrine, idle, a.seconds,
                                               extra=("--rotate", "90")),
              "startup": startup(a.vitrine),
              "update": update(a.vitrine, work)}
    if a.xvfb and shutil.which("Xvfb"):
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.5)
            env = xvfb_env(display)
            report["xvfb_idle"] = steady(a.vitrine, idle, a.seconds, env)
            env_gl = dict(env, SDL_RENDER_DRIVER="opengl")  # what SDL picks by itself
            report["xvfb_idle_opengl_forced"] = steady(a.vitrine, idle, a.seconds, env_gl)
            env_sw = dict(env, SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0")
            report["xvfb_idle_software"] = steady(a.vitrine, idle, a.seconds, env_sw)
            report["xvfb_rotating_software"] = steady(a.vitrine, rotating, a.seconds, env_sw)
        finally:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
