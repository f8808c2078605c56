#!/usr/bin/env python3
"""The fleet simulation: SCREENS screens (vitrine's own fetch side, N times in one
process: tests/bench/vitrine-fleet, plus a few real vitrine processes) polling one
real nginx on 127.0.0.1 for SECONDS, in two runs:

  unchanged  the feed never changes (every poll after the first is a 304); nginx is
             restarted in the middle (stopped, down for DOWN seconds, started again)
  changing   the feed changes every CHANGE seconds

and, from nginx's own access log, what the server sees: requests/s, bytes/s, the peak
of simultaneous requests (from each request's end time and duration), the busiest
second, and after the restart the requests per second until the fleet is back, to show
whether the reconnection is spread or a spike of every screen at once.

Usage: python3 tests/bench/fleet.py --fleet BUILD/tests/vitrine-fleet [--vitrine BUILD/vitrine]
       [--screens 500] [--real 4] [--interval 10] [--seconds 600] [--down 20] [--change 30]
Prints a table, writes fleet-report.json in --out (default: a temporary folder).
Network: 127.0.0.1 only; every process it starts is ended by its PID.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
import harness as h  # noqa: E402
import nginx  # noqa: E402


def parse_log(srv, uri="/feed.json"):
    """[(end_s, duration_s, status, bytes)] of uri, from nginx's access log."""
    out = []
    with open(os.path.join(srv.prefix, "access.log")) as f:
        for line in f:
            p = line.split()
            if len(p) >= 6 and p[0] == uri:
                out.append((float(p[4]), float(p[5]), p[1], int(p[2])))
    return out


def figures(reqs, t0, t1):
    reqs = [r for r in reqs if t0 <= r[0] <= t1]
    span = max(t1 - t0, 1e-9)
    events = []
    for end, dur, _, _ in reqs:
        events.append((end - max(dur, 0.0005), 1))
        events.append((end, -1))
    peak = cur = 0
    for _, d in sorted(events):
        cur += d
        peak = max(peak, cur)
    per_second = {}
    for end, _, _, _ in reqs:
        per_second[int(end)] = per_second.get(int(end), 0) + 1
    statuses = {}
    for _, _, st, _ in reqs:
        statuses[st] = statuses.get(st, 0) + 1
    return {"requests": len(reqs), "requests_per_s": round(len(reqs) / span, 1),
            "bytes_per_s": round(sum(r[3] for r in reqs) / span), "peak_simultaneous": peak,
            "busiest_second": max(per_second.values()) if per_second else 0,
            "statuses": statuses}


def after_restart(reqs, up_at, seconds=30):
    """Requests per second in the first seconds after nginx is back."""
    counts = [0] * seconds
    for end, _, _, _ in reqs:
        k = int(end - up_at)
        if 0 <= k < seconds:
            counts[k] += 1
    return counts


def run(args, scenario, work):
    www = os.path.join(work, "www-" + scenario)
    os.makedirs(www)
    feed = os.path.join(www, "feed.json")
    h.write_atomic(feed, h.feed_json(6, "v0", padding=6000))
    srv = nginx.Nginx(www, work)
    cache = os.path.join(work, "cache-" + scenario)
    os.makedirs(cache)
    fleet = subprocess.Popen([args.fleet, srv.url("feed.json"), str(args.screens - args.real),
                              str(args.interval), str(args.seconds), cache],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    reals = []
    for i in range(args.real if args.vitrine else 0):
        d = os.path.join(work, "real-%s-%d" % (scenario, i))
        os.makedirs(d)
        reals.append(subprocess.Popen(
            [args.vitrine, "--headless", "--size", "640x360", "--run-for", str(args.seconds),
             "--interval", str(args.interval), "--cache-dir", d, srv.url("feed.json")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    start = time.time()
    restart = None
    version = 0
    try:
        while time.time() - start < args.seconds:
            time.sleep(1)
            el = time.time() - start
            if scenario == "changing" and el // args.change > version:
                version = int(el // args.change)
                h.write_atomic(feed, h.feed_json(6, "v%d" % version, padding=6000))
            if scenario == "unchanged" and restart is None and el >= args.seconds / 2:
                prefix, port = srv.prefix, srv.port
                down_at = time.time()
                srv.stop()
                time.sleep(args.down)
                srv = nginx.Nginx(www, work, port=port, prefix=prefix)
                restart = (down_at, time.time())
        out, _ = fleet.communicate(timeout=args.seconds + 120)
        for p in reals:
            p.wait(60)
    finally:
        for p in [fleet] + reals:
            if p.poll() is None:
                p.kill()
                p.wait(10)
        srv.stop()
    reqs = parse_log(srv)
    t0 = start + args.interval * 2  # past the first downloads
    result = {"scenario": scenario, "fleet": json.loads(out.strip().splitlines()[-1]),
              "steady": figures(reqs, t0, restart[0] if restart else time.time())}
    if restart:
        result["restart"] = {"down_s": round(restart[1] - restart[0], 1),
                             "per_second_after": after_restart(reqs, restart[1]),
                             "after": figures(reqs, restart[1], restart[1] + 30)}
    return result


def selftest(args):
    """120 screens, a 4 s interval (30 polls a second on average), nginx down 4 s: in the
    two intervals after it is back, no second may see more than 1.8 times the average
    rate (in step, as with 10 % jitter, the busiest second sees twice it), and every
    screen polls again."""
    args.screens, args.real, args.interval, args.seconds, args.down = 120, 0, 4, 30, 4
    work = tempfile.mkdtemp(prefix="vitrine-fleet-")
    try:
        r = run(args, "unchanged", work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    after = r["restart"]["per_second_after"][:2 * args.interval]
    print("steady: %s; after the restart, requests per second: %s" % (r["steady"], after))
    mean = args.screens / args.interval
    ok = max(after) <= 1.8 * mean and sum(after) >= args.screens
    print("fleet selftest: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fleet", required=True)
    ap.add_argument("--vitrine")
    ap.add_argument("--screens", type=int, default=500)
    ap.add_argument("--real", type=int, default=4)
    ap.add_argument("--interval", type=int, default=10)
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--down", type=int, default=20)
    ap.add_argument("--change", type=int, default=30)
    ap.add_argument("--out")
    ap.add_argument("--scenarios", default="unchanged,changing")
    ap.add_argument("--selftest", action="store_true",
                    help="a short run for the suite: the fleet must come back spread")
    args = ap.parse_args()
    if args.selftest:
        return selftest(args)
    work = tempfile.mkdtemp(prefix="vitrine-fleet-")
    try:
        results = [run(args, s, work) for s in args.scenarios.split(",")]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = {"screens": args.screens, "real_processes": args.real if args.vitrine else 0,
              "interval_s": args.interval, "seconds": args.seconds, "results": results}
    out = args.out or tempfile.mkdtemp(prefix="vitrine-fleet-report-")
    with open(os.path.join(out, "fleet-report.json"), "w") as f:
        json.dump(report, f, indent=1)
    for r in results:
        s = r["steady"]
        print("%-9s %6.1f req/s  %8d B/s  peak %3d simultaneous  busiest second %3d  %s" % (
            r["scenario"], s["requests_per_s"], s["bytes_per_s"], s["peak_simultaneous"],
            s["busiest_second"], s["statuses"]))
        if "restart" in r:
            print("          after a %.0f s restart, requests per second: %s" % (
                r["restart"]["down_s"], r["restart"]["per_second_after"]))
    print("report: %s" % os.path.join(out, "fleet-report.json"))


if __name__ == "__main__":
    sys.exit(main())
