#!/usr/bin/env python3
"""Crash safety of the offline-first cache: SIGKILL vitrine at random moments while the
server publishes a new feed (and new or rewritten images) several times a second, and
check that every restart on the same cache directory comes up on a complete deck.

After each kill, before the restart, the cache directory itself is checked: deck.json
parses, names a feed file that exists, `vitrine --check` says that feed is valid, its
version is one that was published, and every asset deck.json lists is there. Then the
restart must show that deck: status "source" "cache" with that version (once any run
has committed a deck). The last run ends at --run-for: exit 0, a network deck, no temp
file left. The randomness is seeded (CRASH_SEED, else time) and printed; loops are
bounded (ROUNDS kills, each within KILL_AFTER_S).

Run: VITRINE_BIN=build/vitrine python3 tests/crash/test_crash.py
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fault"))
sys.path.insert(0, os.path.join(HERE, "..", "http"))
import fault_server as fs  # noqa: E402
import harness as h  # noqa: E402
import watch  # noqa: E402

ROUNDS = int(os.environ.get("CRASH_ROUNDS", "24"))
KILL_AFTER_S = (0.05, 3.0)  # uniform, after the first deck: during polls, commits, waits
PUBLISH_EVERY_S = 0.15  # several new feeds a second
START_S = 30  # the status file appears (start-up under sanitizers)
CHECK_S = 60


def crash_version(srv, rng, n):
    """One published version: a logo rewritten in place (same URL, new bytes) and one
    new per version, so every poll writes assets and deletes old ones: the crash
    windows we want."""
    srv.put("/logo-same.png", fs.png(8, 8, (n % 256, 100, 50)))
    srv.put("/logo-%d.png" % n, fs.png(6, 6, (50, n % 256, 100)))
    extra = {"id": "new", "type": "partner", "name": "New %d" % n, "logo": "/logo-%d.png" % n}
    body = fs.feed("c%d" % n, n_slides=1 + rng.randrange(4), logo="/logo-same.png",
                   extra_slide=extra)
    return body, '"c%d"' % n


class CrashSafety(unittest.TestCase):
    def setUp(self):
        self.seed = int(os.environ.get("CRASH_SEED") or time.time_ns() % 1000000007)
        print("CRASH_SEED=%d (set it to replay this run)" % self.seed, flush=True)
        self.rng = random.Random(self.seed)
        self.binary = os.environ["VITRINE_BIN"]
        self.work = h.workdir()
        self.sandbox = watch.Sandbox(self.work)
        self.srv = fs.FaultServer().start()
        rng = random.Random(self.seed + 1)
        self.pub = fs.Publisher(self.srv, PUBLISH_EVERY_S,
                                lambda n: crash_version(self.srv, rng, n))
        self.vitrine = None

    def tearDown(self):
        self.pub.done.set()
        if self.vitrine:
            self.vitrine.stop()
        self.srv.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def start(self, run_for):
        if os.path.exists(os.path.join(self.work, "status.json")):
            os.unlink(os.path.join(self.work, "status.json"))
        env = dict(self.sandbox.env())
        if watch.sanitized():
            env.update(watch.asan_env())
            env["ASAN_OPTIONS"] += ":detect_leaks=0"  # a SIGKILLed process never reports
        self.vitrine = h.Vitrine(self.work, self.srv.url("/feed.json"), run_for, env=env)
        return self.vitrine

    def check_cache(self, round_no):
        """The cache as a SIGKILL left it: a whole deck, or none yet."""
        cache = os.path.join(self.work, "cache")
        meta_path = os.path.join(cache, "deck.json")
        if not os.path.exists(meta_path):
            return None
        with open(meta_path) as f:
            meta = json.load(f)  # never half a file: it is replaced by rename
        where = "round %d: " % round_no
        body = os.path.join(cache, meta["body"])
        self.assertTrue(re.match(r"^f-[0-9a-f]{16}\.json$", meta["body"]), where + meta["body"])
        self.assertTrue(os.path.isfile(body), where + "deck.json names a missing feed file")
        res = subprocess.run([self.binary, "--check", body], capture_output=True, text=True,
                             timeout=CHECK_S, env=self.vitrine_env())
        self.assertEqual(res.returncode, 0, where + res.stdout + res.stderr)
        self.assertIn("valid", res.stdout)
        self.assertTrue(self.pub.published(meta["version"]),
                        where + "unpublished version %r" % meta["version"])
        for a in meta["assets"]:
            self.assertTrue(os.path.isfile(os.path.join(cache, a["file"])),
                            where + "deck.json lists a missing asset " + a["file"])
        return meta["version"]

    def vitrine_env(self):
        e = dict(os.environ)
        e.update(self.sandbox.env())
        return e

    def test_sigkill_at_random_moments_never_breaks_the_cache(self):
        self.pub.start()
        committed = None  # the version the cache held before this round
        restored = 0
        for r in range(ROUNDS):
            # The feed hangs until the first deck is on screen, so the test sees the
            # deck the restart came up on (a new one may follow within milliseconds).
            self.srv.fault("/feed.json", "hang")
            v = self.start(run_for=60)
            first, _ = v.wait(lambda s: s.get("source") is not None, START_S)
            self.srv.clear()
            if committed is not None:
                self.assertEqual(first["source"], "cache", "round %d: %s" % (r, first))
                self.assertEqual(first["version"], committed, "round %d" % r)
                self.assertTrue(self.pub.published(first["version"]))
                restored += 1
            delay = self.rng.uniform(*KILL_AFTER_S)
            time.sleep(delay)
            if v.proc.poll() is not None:
                self.fail("round %d: vitrine died on its own:\n%s" % (r, v.finish()[1][-3000:]))
            os.kill(v.proc.pid, signal.SIGKILL)
            v.proc.wait(10)
            v.stop()
            committed = self.check_cache(r)
            print("round %2d: killed %.2f s after its first deck; cache holds %s"
                  % (r, delay, committed), flush=True)
        self.assertGreaterEqual(restored, ROUNDS // 2, "too few rounds had a cached deck")
        # A last, clean run: from the cache to the network, exit 0 at --run-for end.
        v = self.start(run_for=8)
        v.wait(lambda s: s.get("source") == "network", START_S)
        rc, out = v.finish()
        self.assertEqual(rc, 0, out[-3000:])
        self.pub.done.set()
        names = self.sandbox.cache_names()
        self.assertEqual([n for n in names if ".tmp." in n], [], names)
        self.assertEqual(self.sandbox.written_outside_cache(), [])
        print("%d kills, %d restarts came up on the cached deck, %d versions published"
              % (ROUNDS, restored, len(self.pub.versions)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
