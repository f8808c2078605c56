#!/usr/bin/env python3
"""A cache that cannot be written (disk full, read-only card), end to end: the real
binary, headless, against tests/http/server.py on 127.0.0.1. The status file's
last_error must say so, the deck must still go on screen, a feed error must take
precedence while it lasts, and the cache's sentence must persist until a save succeeds
again, after which a restart without network shows the deck saved then.

How the cache is made unwritable, for real: chmod 0500 on the directory (the test owns
it) when the test runs as a user; as root, whom permissions do not stop, the directory
is moved aside and a regular file put at its path (every write then fails with "Not a
directory"). The second case starts with a cache path whose parent is a regular file,
then makes it a directory: the cache is opened again and written.

Run one case: VITRINE_BIN=build/vitrine python3 tests/http/test_cache_errors.py \
    CacheErrors.test_an_unwritable_cache_is_reported_until_a_save_succeeds
"""
import json
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

FIRST_DECK_S = 20  # start-up under sanitizers, plus the first poll
WAIT_S = 12  # a poll every second, backoff at most the interval
STEADY_S = 3  # last_error watched this long: it must not clear while the cache is broken


def network_deck(slides):
    return lambda st: st.get("source") == "network" and st.get("slides") == slides


def about_cache(st):
    e = st.get("last_error") or ""
    return "the cache" in e and "will not survive a restart" in e


class CacheErrors(h.NetCase):
    def setUp(self):
        super().setUp()
        self.feed_path = os.path.join(self.www, "feed.json")
        with open(os.path.join(self.www, "logo.png"), "wb") as f:
            f.write(h.png_bytes(40, 30))
        h.write_atomic(self.feed_path, h.feed_json(2, "v1", logo="logo.png"))
        self.server = h.Server(self.www)

    def start(self, run_for, **kw):
        v = h.Vitrine(self.work, self.server.url("feed.json"), run_for, **kw)
        self.vitrines.append(v)
        return v

    def break_cache(self, cache):
        if os.geteuid() != 0:
            os.chmod(cache, 0o500)
            return "chmod 0500"
        os.rename(cache, cache + ".aside")
        with open(cache, "w") as f:
            f.write("a regular file where the cache directory was\n")
        return "a regular file in its place (running as root)"

    def mend_cache(self, cache):
        if os.geteuid() != 0:
            os.chmod(cache, 0o700)
        else:
            os.remove(cache)
            os.rename(cache + ".aside", cache)

    def offline_restart_shows(self, version, slides):
        """The deck a restart without network shows: what the cache holds."""
        self.server.mode("down")
        v = self.start(6)
        st, _ = v.wait(lambda s: s.get("source") == "cache", FIRST_DECK_S)
        self.assertEqual((st["version"], st["slides"]), (version, slides))
        v.stop()

    def test_an_unwritable_cache_is_reported_until_a_save_succeeds(self):
        v = self.start(90)
        first, _ = v.wait(lambda s: network_deck(2)(s) and s["last_error"] is None,
                          FIRST_DECK_S)
        how = self.break_cache(v.cache)
        print("cache made unwritable: %s" % how)
        with open(os.path.join(self.www, "logo2.png"), "wb") as f:
            f.write(h.png_bytes(50, 20, rgb=(20, 160, 40)))
        h.write_atomic(self.feed_path, h.feed_json(3, "v2", logo="logo2.png"))
        # The new deck goes on screen all the same; the status says the cache failed.
        broken, _ = v.wait(lambda s: network_deck(3)(s) and about_cache(s), WAIT_S)
        print("last_error: %s" % broken["last_error"])
        self.assertIn(v.cache, broken["last_error"])
        self.assertNotEqual(broken["version"], first["version"])
        # A feed error takes precedence while it lasts...
        self.server.mode("500", "/feed.json")
        feed_err, _ = v.wait(lambda s: "HTTP 500" in (s.get("last_error") or ""), WAIT_S)
        print("with the feed failing too: %s" % feed_err["last_error"])
        # ...and the cache's sentence is back once the feed answers, and stays.
        self.server.mode("ok")
        v.wait(lambda s: about_cache(s) and "HTTP 500" not in s["last_error"], WAIT_S)
        self.stays(v, about_cache, STEADY_S)
        # The card works again: the next poll saves the deck and clears last_error.
        self.mend_cache(v.cache)
        mended, _ = v.wait(lambda s: s.get("last_error") is None, WAIT_S)
        self.assertEqual(mended["version"], broken["version"])
        v.stop()
        with open(v.log_path) as f:
            self.assertIn("is written again", f.read())
        self.offline_restart_shows(broken["version"], 3)

    def test_a_cache_path_under_a_regular_file_is_reported_then_opened_when_fixed(self):
        parent = os.path.join(self.work, "card")
        with open(parent, "w") as f:
            f.write("not a directory\n")
        cache = os.path.join(parent, "cache")
        v = self.start(60, extra=["--cache-dir", cache])
        st, _ = v.wait(lambda s: network_deck(2)(s) and about_cache(s), FIRST_DECK_S)
        print("last_error: %s" % st["last_error"])
        self.assertIn("could not open the cache " + cache, st["last_error"])
        self.assertIsNotNone(st["last_success"])  # the feed itself is fine
        self.stays(v, about_cache, STEADY_S)
        os.remove(parent)
        os.mkdir(parent)
        mended, _ = v.wait(lambda s: s.get("last_error") is None, WAIT_S)
        self.assertTrue(os.path.exists(os.path.join(cache, "deck.json")))
        with open(os.path.join(cache, "deck.json")) as f:
            self.assertEqual(json.load(f)["version"], mended["version"])
        v.stop()


if __name__ == "__main__":
    unittest.main()
