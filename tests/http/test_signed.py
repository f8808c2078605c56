#!/usr/bin/env python3
"""Signed feeds end to end: the real binary, headless, against tests/http/server.py on
127.0.0.1, with feeds signed at test time by the stock `minisign` tool (Debian's
package), exactly as docs/remote-content.md tells an organiser to sign them. With
--public-key set, vitrine must show only feeds whose FEED.minisig holds, keep the last
good deck when a feed is tampered with, unsigned or signed by another key, refuse an
older signed feed replayed (also after a restart, from the cache's signature), and not
show a cached deck the key no longer vouches for. --check verifies signatures too.

The secret keys live in the test's own temporary directory (minisign -W: no password,
so no prompt) and are deleted with it.

Run one case: VITRINE_BIN=build/vitrine python3 tests/http/test_signed.py \
    Signed.test_a_tampered_feed_is_refused_and_the_deck_stays
"""
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

FIRST_DECK_S = 20  # start-up under sanitizers, plus the first poll
WAIT_S = 12  # a poll every second, backoff at most a few seconds
STEADY_S = 3  # a refused feed must stay refused this long


def minisign(*args):
    res = subprocess.run(["minisign", *args], capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def network(slides):
    return lambda st: st.get("source") == "network" and st.get("slides") == slides


def error_has(text):
    return lambda st: text in (st.get("last_error") or "")


class Signed(h.NetCase):
    def setUp(self):
        super().setUp()
        self.feed_path = os.path.join(self.www, "feed.json")
        self.pub, self.key = self.keypair("organiser")
        self.server = h.Server(self.www)

    def keypair(self, name):
        pub = os.path.join(self.work, name + ".pub")
        key = os.path.join(self.work, name + ".key")
        minisign("-G", "-W", "-p", pub, "-s", key)
        return pub, key

    def publish(self, slides, tag, key=None, trusted=None, sign=True):
        """Writes the feed, then its signature (as an organiser would: the two commands
        of docs/remote-content.md). Returns the signature's bytes."""
        h.write_atomic(self.feed_path, h.feed_json(slides, tag))
        if not sign:
            return None
        args = ["-S", "-s", key or self.key, "-m", self.feed_path]
        if trusted:
            args += ["-t", trusted]
        minisign(*args)
        with open(self.feed_path + ".minisig", "rb") as f:
            return f.read()

    def start(self, run_for, pub=None, extra=()):
        v = h.Vitrine(self.work, self.server.url("feed.json"), run_for,
                      extra=["--public-key", pub or self.pub, *extra])
        self.vitrines.append(v)
        return v

    def test_a_tampered_feed_is_refused_and_the_deck_stays(self):
        self.publish(2, "v1", trusted="version:1")
        v = self.start(60)
        first, _ = v.wait(lambda s: network(2)(s) and s["last_error"] is None, FIRST_DECK_S)
        # Someone with write access to the server changes the feed (one more slide) but
        # cannot sign it: the old signature no longer holds.
        h.write_atomic(self.feed_path, h.feed_json(3, "v1"))
        st, _ = v.wait(error_has("does not match its signature"), WAIT_S)
        print("tampered: %s" % st["last_error"])
        self.assertIn("refused the feed from", st["last_error"])
        self.stays(v, lambda s: network(2)(s) and s["version"] == first["version"], STEADY_S)
        # The organiser signs the new feed: it goes on screen, the error clears.
        self.publish(3, "v2", trusted="version:2")
        v.wait(lambda s: network(3)(s) and s["last_error"] is None, WAIT_S)
        v.stop()
        with open(v.log_path) as f:
            log = f.read()
        self.assertIn("does not match its signature", log)

    def test_an_unsigned_feed_is_refused(self):
        self.publish(2, "v1", sign=False)
        v = self.start(30)
        st, _ = v.wait(lambda s: s.get("source") == "builtin" and error_has("no signature at")(s),
                       FIRST_DECK_S)
        print("unsigned: %s" % st["last_error"])
        self.assertIn(self.server.url("feed.json.minisig"), st["last_error"])
        self.assertIn("HTTP 404", st["last_error"])
        self.stays(v, lambda s: s.get("source") == "builtin", STEADY_S)

    def test_a_feed_signed_by_another_key_is_refused(self):
        _, other = self.keypair("intruder")
        self.publish(2, "v1", key=other)
        v = self.start(30)
        st, _ = v.wait(error_has("signed by another key"), FIRST_DECK_S)
        print("another key: %s" % st["last_error"])
        self.assertEqual(st["source"], "builtin")

    def test_an_older_signed_feed_replayed_is_refused_even_after_a_restart(self):
        old_sig = self.publish(2, "v1", trusted="version:1")
        with open(self.feed_path, "rb") as f:
            old_feed = f.read()
        v = self.start(60)
        v.wait(network(2), FIRST_DECK_S)
        # The organiser cancels an announcement: version 2, one slide fewer...
        self.publish(3, "v2", trusted="version:2")
        newer, _ = v.wait(lambda s: network(3)(s) and s["last_error"] is None, WAIT_S)
        # ...and an attacker puts the old, validly signed feed back.
        h.write_atomic(self.feed_path + ".minisig", old_sig)
        h.write_atomic(self.feed_path, old_feed)
        st, _ = v.wait(error_has("refused as a replay"), WAIT_S)
        print("replay: %s" % st["last_error"])
        self.stays(v, network(3), STEADY_S)
        v.stop()
        # After a restart the floor comes from the cached signature (checked again).
        v2 = self.start(30)
        st, _ = v2.wait(lambda s: s.get("source") == "cache" or error_has("replay")(s),
                        FIRST_DECK_S)
        st, _ = v2.wait(error_has("refused as a replay"), WAIT_S)
        self.assertEqual(st["slides"], 3, "the cached (newer) deck must stay on screen")
        self.assertEqual(st["version"], newer["version"])

    def test_a_cached_deck_the_key_does_not_vouch_for_is_not_shown(self):
        self.publish(2, "v1", trusted="version:1")
        v = self.start(30)
        v.wait(network(2), FIRST_DECK_S)
        v.stop()
        # The venue changes its key and the network is down: the cached deck, signed
        # with the old key, must not go on screen.
        new_pub, _ = self.keypair("rotated")
        self.server.mode("down")
        v2 = self.start(8, pub=new_pub)
        st, _ = v2.wait(lambda s: s.get("source") == "builtin" and s.get("last_error"),
                        FIRST_DECK_S)
        rc, out = v2.finish()
        self.assertEqual(rc, 0, out[-2000:])
        self.assertIn("the cached deck's signature does not hold: bad signature: signed by "
                      "another key", out)

    def test_check_verifies_the_signature(self):
        self.publish(2, "v1")
        binary = os.environ["VITRINE_BIN"]
        url = self.server.url("feed.json")
        ok = subprocess.run([binary, "--check", "--public-key", self.pub, url],
                            capture_output=True, text=True, timeout=60)
        self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)
        self.assertIn("valid (2 slides", ok.stdout)
        h.write_atomic(self.feed_path, h.feed_json(2, "v1-edited"))
        bad = subprocess.run([binary, "--check", "--public-key", self.pub, url],
                             capture_output=True, text=True, timeout=60)
        print(bad.stdout.strip())
        self.assertEqual(bad.returncode, 1, bad.stdout + bad.stderr)
        self.assertIn("error: signature: bad signature: the feed does not match its signature",
                      bad.stdout)
        # A file feed is checked against the .minisig beside it.
        self.publish(2, "v3")
        local = subprocess.run([binary, "--check", "--public-key", self.pub, self.feed_path],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(local.returncode, 0, local.stdout + local.stderr)

    def test_a_pinned_image_is_drawn_only_with_its_bytes(self):
        """"logo": {"url", "sha256"}: the logo whose bytes match is drawn; the one
        replaced on the server (same URL, other bytes) gets the fallback; a malformed
        pin drops the image with a warning --check reports."""
        import hashlib
        import json
        good, bad = h.png_bytes(40, 30), h.png_bytes(40, 30, rgb=(20, 160, 40))
        for name, data in (("good.png", good), ("swapped.png", bad)):
            with open(os.path.join(self.www, name), "wb") as f:
                f.write(data)
        pin = hashlib.sha256(good).hexdigest()
        doc = json.loads(h.feed_json(3, "pins"))
        doc["slides"][0]["logo"] = {"url": "good.png", "sha256": pin.upper()}
        doc["slides"][1]["logo"] = {"url": "swapped.png", "sha256": pin}
        doc["slides"][2]["logo"] = {"url": "good.png", "sha256": "not-a-hash"}
        h.write_atomic(self.feed_path, json.dumps(doc))
        out = os.path.join(self.work, "slides")
        res = subprocess.run([os.environ["VITRINE_BIN"], "--headless", "--size", "640x360",
                              "--cache-dir", os.path.join(self.work, "cache"),
                              "--render-slides", out, self.feed_path],
                             capture_output=True, text=True, timeout=120)
        self.assertEqual(res.returncode, 0, res.stderr[-2000:])
        with open(os.path.join(out, "layout.json")) as f:
            drawn = {e["slide"]: len(e["images"]) for e in json.load(f)}
        print("images drawn per slide: %s" % drawn)
        self.assertEqual(drawn, {"s0": 1, "s1": 0, "s2": 0})
        self.assertIn("swapped.png for slide 's1': its SHA-256 is %s..., not the %s... the "
                      "feed pins; showing the fallback" % (hashlib.sha256(bad).hexdigest()[:12],
                                                          pin[:12]), res.stderr)
        chk = subprocess.run([os.environ["VITRINE_BIN"], "--check", self.feed_path],
                             capture_output=True, text=True, timeout=60)
        self.assertIn("warning: slides[2].logo.sha256: expected the image's SHA-256 as 64 "
                      "hexadecimal digits; image ignored", chk.stdout)

    def test_a_broken_public_key_is_a_configuration_error(self):
        broken = os.path.join(self.work, "broken.pub")
        with open(broken, "w") as f:
            f.write("untrusted comment: minisign public key\nnot a key\n")
        res = subprocess.run([os.environ["VITRINE_BIN"], "--headless", "--run-for", "1",
                              "--public-key", broken], capture_output=True, text=True,
                             timeout=60)
        self.assertEqual(res.returncode, 2, res.stderr)
        self.assertIn("vitrine: public_key: %s is not a minisign public key" % broken,
                      res.stderr)


if __name__ == "__main__":
    unittest.main()
