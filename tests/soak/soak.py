#!/usr/bin/env python3
"""Soak: vitrine for a long time under constant change, watched for growth.

A local server (tests/fault/fault_server.py, no faults) publishes a new feed every
--change-every seconds: six slides of 1 s with fade and slide transitions (so the
screen is always in a transition or about to be), a partner logo that is new in every
version, another rewritten in place, a 300-member delegation and an announcement with a
QR code. vitrine polls it every second (--interval 1), headless. Every --sample-every
seconds the script reads the process's RSS and peak RSS (/proc/PID/status VmRSS/VmHWM),
its thread count (Threads) and its open file descriptors (/proc/PID/fd), and prints a
table. At the end vitrine must have exited 0 at --run-for, shown many versions, and not
grown:

    median of the last fifth  <=  median of the second fifth  + tolerance

The first fifth is left out as warm-up (font glyph caches, heap arenas and the texture
cache reach their steady size there); medians ignore the short peaks of decoding a
deck. Tolerances: RSS +10 % + 4 MB (malloc fragmentation moves RSS by a few MB without
any leak; a leak of one decoded 64x64 logo per version is 16 kB x 600 versions in 30
min = 10 MB and a leaked slide texture far more); file descriptors +2 (a socket may be
open or not at the moment of a sample); threads +0 (vitrine has a fixed set). Under a
sanitized build (VITRINE_SANITIZE set) RSS gets +25 % + 16 MB: ASan's allocator and
quarantine settle more slowly; LeakSanitizer judges leaks there at exit anyway.

Usage:
    python3 tests/soak/soak.py --minutes 30 --binary build-release/vitrine
    (ctest: "endurance" runs --minutes 2 by default; "soak" runs 30 minutes, -L soak)
"""
import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fault"))
sys.path.insert(0, os.path.join(HERE, "..", "http"))
import fault_server as fs  # noqa: E402
import harness as h  # noqa: E402
import watch  # noqa: E402

START_S = 60
TABLE_ROWS = 16


def soak_feed(n, rng):
    """Version n: every kind of slide, 1 s each, transitions alternating."""
    slides = []
    for i in range(3):
        slides.append({"id": "p%d" % i, "type": "partner", "name": "Partner %d · v%d" % (i, n),
                       "tagline": {"fr": "Partenaire n°%d" % n, "en": "Partner no. %d" % n},
                       "logo": "/logo-%d.png" % n if i == 0 else "/logo-same.png",
                       "transition": "fade" if i % 2 else "slide"})
    members = [{"name": "Member %d-%d" % (n, k), "role": {"fr": "Rôle %d" % k, "en": "Role %d" % k}}
               for k in range(300)]
    slides.append({"id": "d", "type": "delegation", "title": "Delegation v%d" % n,
                   "members": members, "transition": "slide"})
    slides.append({"id": "a", "type": "announcement", "title": {"fr": "Annonce %d" % n,
                                                                "en": "Notice %d" % n},
                   "text": "Lorem ipsum " * rng.randrange(5, 40),
                   "link": "https://example.org/v%d" % n, "transition": "fade"})
    slides.append({"id": "q", "type": "partner", "name": "Cut %d" % n, "transition": "cut"})
    doc = {"vitrine": 1, "event": {"name": {"fr": "Endurance", "en": "Soak"}},
           "languages": ["fr", "en"], "defaults": {"duration": 1, "transition": "fade"},
           "slides": slides}
    return json.dumps(doc)


def soak_version(srv, rng, n):
    """One published version: a new logo, one rewritten in place, and the feed."""
    srv.put("/logo-%d.png" % n, fs.png(64, 64, (n % 256, 80, 200)))
    srv.put("/logo-same.png", fs.png(48, 48, (200, n % 256, 80)))
    return soak_feed(n, rng), '"s%d"' % n


def fifth(samples, k):
    """The k-th fifth (0-based) of the samples, by time."""
    n = len(samples)
    return samples[n * k // 5: n * (k + 1) // 5]


def judge(samples, sanitized):
    """[(what, second-fifth median, last-fifth median, limit, ok)]"""
    second, last = fifth(samples, 1), fifth(samples, 4)
    rss_pct, rss_mb = (25, 16) if sanitized else (10, 4)
    rows = []
    for key, label, limit in (
            ("rss", "RSS MB", lambda m: m * (1 + rss_pct / 100) + rss_mb),
            ("fds", "open fds", lambda m: m + 2),
            ("threads", "threads", lambda m: m)):
        scale = 1024.0 if key == "rss" else 1
        a = statistics.median(s[key] for s in second) / scale
        b = statistics.median(s[key] for s in last) / scale
        rows.append((label, a, b, limit(a), b <= limit(a)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--binary", default=os.environ.get("VITRINE_BIN"))
    ap.add_argument("--change-every", type=float, default=3.0, help="seconds between versions")
    ap.add_argument("--sample-every", type=float, default=None, help="default: 300 samples")
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    if not args.binary:
        ap.error("--binary (or VITRINE_BIN) is required")
    seed = args.seed if args.seed is not None else time.time_ns() % 1000000007
    rng = random.Random(seed)
    duration = args.minutes * 60
    every = args.sample_every or max(0.5, duration / 300)
    sanitized = watch.sanitized()
    print("soak: %.1f min, a new version every %.1f s, a sample every %.1f s, seed %d, "
          "binary %s%s" % (args.minutes, args.change_every, every, seed, args.binary,
                           " (sanitized)" if sanitized else ""), flush=True)

    work = h.workdir()
    sandbox = watch.Sandbox(work)
    srv = fs.FaultServer().start()
    pub = fs.Publisher(srv, args.change_every, lambda n: soak_version(srv, rng, n))
    status = os.path.join(work, "status.json")
    log_path = os.path.join(work, "vitrine-soak.log")
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.update(sandbox.env())
    if sanitized:
        env.update(watch.asan_env())
    cmd = [args.binary, "--headless", "--size", args.size, "--run-for", "%g" % duration,
           "--status", status, "--cache-dir", os.path.join(work, "cache"), "--interval", "1",
           srv.url("/feed.json")]
    proc, log = None, open(log_path, "w")
    failures = []
    try:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        h.wait_status(status, lambda s: s.get("source") == "network", START_S, proc)
        pub.start()
        mon = watch.ProcWatch(proc.pid, every)
        versions, last_version = 0, None
        deadline = time.monotonic() + duration + 90
        while proc.poll() is None and time.monotonic() < deadline:
            st = h.read_status(status)
            if st and st.get("version") != last_version:
                versions += 1
                last_version = st.get("version")
            time.sleep(0.2)
        mon.stop()
        try:
            rc = proc.wait(30)
        except subprocess.TimeoutExpired:
            rc = "hung at --run-for end"
        pub.done.set()
        samples = mon.samples
        print("\n%8s %9s %9s %5s %8s" % ("t (s)", "RSS MB", "peak MB", "fds", "threads"))
        t0 = samples[0]["t"] if samples else 0
        step = max(1, len(samples) // TABLE_ROWS)
        for s in samples[::step] + samples[-1:]:
            print("%8.0f %9.1f %9.1f %5d %8d" % (s["t"] - t0, s["rss"] / 1024, s["hwm"] / 1024,
                                                s["fds"], s["threads"]))
        print("\n%-10s %14s %14s %10s" % ("", "2nd fifth", "last fifth", "limit"))
        if len(samples) < 10:
            failures.append("only %d samples" % len(samples))
        else:
            for label, a, b, limit, ok in judge(samples, sanitized):
                print("%-10s %14.1f %14.1f %10.1f  %s" % (label, a, b, limit,
                                                          "ok" if ok else "GROWTH"))
                if not ok:
                    failures.append("%s grew from %.1f to %.1f (limit %.1f)" %
                                    (label, a, b, limit))
        minimum = int(duration / args.change_every / 3)
        print("\nversions shown: %d (published %d, at least %d required); exit status %s"
              % (versions, pub.n, minimum, rc))
        if versions < minimum:
            failures.append("only %d versions reached the screen" % versions)
        if rc != 0:
            failures.append("exit status %s" % rc)
        if sandbox.written_outside_cache():
            failures.append("written outside the cache: %s" % sandbox.written_outside_cache())
    finally:
        pub.done.set()
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        srv.stop()
        with open(log_path, errors="replace") as f:
            tail = f.read()[-4000:]
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("\nvitrine's log (end):\n" + tail)
        print("soak: FAIL: " + "; ".join(failures))
        return 1
    print("soak: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
