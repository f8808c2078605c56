#!/usr/bin/env python3
"""vitrine's background fetcher end to end: the real binary, run --headless, against
tests/http/server.py on 127.0.0.1. The status file is the observable: the render side
writes "source"/"slides"/"version" when a deck goes on screen, the fetcher writes
"last_success"/"last_error". Every wait is bounded; every process is ended by its PID.

Run one case: VITRINE_BIN=build/vitrine python3 tests/http/test_fetch_e2e.py \
    FetchE2E.test_server_down_then_back
"""
import json
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

FIRST_DECK_S = 20  # start-up under sanitizers, plus the first poll
LOW_SPEED_TIME_S = 15  # fetch.c: a silent server is given up after this
UPDATE_WAIT_S = 10  # a published change is on screen in ~2 s; slack for a loaded machine


def network_deck(slides):
    return lambda st: st.get("source") == "network" and st.get("slides") == slides


class FetchE2E(h.NetCase):
    def setUp(self):
        super().setUp()
        self.feed_path = os.path.join(self.www, "feed.json")
        h.write_atomic(self.feed_path, h.feed_json(2, "v1"))

    def start_server(self, **kw):
        self.server = h.Server(self.www, **kw)
        return self.server

    def start(self, feed, run_for, **kw):
        v = h.Vitrine(self.work, feed, run_for, **kw)
        self.vitrines.append(v)
        return v

    def finish_ok(self, v, forbidden=None):
        rc, out = v.finish()
        self.assertEqual(rc, 0, "vitrine failed:\n" + out)
        if forbidden:
            self.assertNotIn(forbidden, out)
        return out

    def keeps_deck_then_recovers(self, mode, error_words, wait_error_s=10, run_for=14):
        """A failure mode must keep the deck, say so in last_error, then recover."""
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), run_for)
        good, _ = v.wait(network_deck(2), FIRST_DECK_S)
        srv.mode(mode, "/feed.json")
        bad, _ = v.wait(lambda st: st.get("last_error"), wait_error_s)
        for w in error_words:
            self.assertIn(w, bad["last_error"])
        self.assertIn(srv.url("feed.json"), bad["last_error"])
        self.assertEqual(bad["version"], good["version"])
        self.assertEqual(bad["slides"], 2)
        self.assertEqual(bad["source"], "network")
        srv.mode("ok")
        back, _ = v.wait(lambda st: st.get("last_error") is None, 10)
        self.assertEqual(back["version"], good["version"])
        out = self.finish_ok(v)
        self.assertIn("keeping the current deck", out)
        return out

    def test_first_load_then_an_update_within_one_interval(self):
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 16)
        first, waited = v.wait(network_deck(2), FIRST_DECK_S)
        print("first network deck on screen %.2f s after start" % waited)
        self.assertIsNotNone(first["last_success"])
        self.assertIsNone(first["last_error"])
        self.assertEqual(first["feed"], srv.url("feed.json"))
        self.assertRegex(first["version"], r'^"[0-9a-f]{16}"$')  # the ETag, as the server sent it
        h.write_atomic(self.feed_path, h.feed_json(3, "v2"))
        second, waited = v.wait(network_deck(3), UPDATE_WAIT_S)
        print("published -> on screen: %.2f s (interval 1 s, slides 1 s)" % waited)
        self.assertLess(waited, 1.1 + 1.0 + 3.0)  # poll +10% jitter, slide boundary, a busy CI
        self.assertNotEqual(second["version"], first["version"])
        self.finish_ok(v)

    def test_unchanged_feed_costs_304s_not_downloads(self):
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 8)
        v.wait(network_deck(2), FIRST_DECK_S)
        time.sleep(4)
        s = srv.stats("/feed.json")
        self.assertEqual(s["full"], 1, s)
        self.assertGreaterEqual(s["not_modified"], 2, s)
        self.assertGreaterEqual(s["gzip"], 1, s)  # compressed responses accepted
        self.assertTrue(s["user_agent"].startswith("vitrine/"), s)
        self.finish_ok(v)

    def test_server_down_then_back(self):
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 16)
        good, _ = v.wait(network_deck(2), FIRST_DECK_S)
        srv.mode("down")
        bad, _ = v.wait(lambda st: st.get("last_error"), 10)
        self.assertIn("could not fetch", bad["last_error"])
        self.assertIn("retrying in", bad["last_error"])
        self.assertEqual(bad["version"], good["version"])
        h.write_atomic(self.feed_path, h.feed_json(3, "v2"))
        srv.mode("ok")
        back, _ = v.wait(lambda st: network_deck(3)(st) and st["last_error"] is None, 10)
        self.assertNotEqual(back["version"], good["version"])
        self.finish_ok(v)

    def test_offline_boot_shows_the_cached_deck(self):
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 12)
        good, _ = v.wait(network_deck(2), FIRST_DECK_S)
        self.finish_ok(v)
        url = srv.url("feed.json")
        srv.stop()  # the port now refuses connections
        self.server = None
        os.unlink(v.status)
        v2 = self.start(url, 5)
        cached, _ = v2.wait(lambda st: st.get("source") == "cache", FIRST_DECK_S)
        self.assertEqual(cached["slides"], 2)
        self.assertEqual(cached["version"], good["version"])
        self.assertIsNotNone(cached["last_success"])  # when the network last confirmed it
        err, _ = v2.wait(lambda st: st.get("last_error"), 10)
        self.assertIn("could not fetch", err["last_error"])
        self.assertEqual(err["source"], "cache")
        self.finish_ok(v2)

    def test_a_published_copy_of_the_demo_deck_is_the_feeds_deck(self):
        """An organiser who starts from the demo feed and publishes it unchanged: the
        screen shows the same slides, but they are the feed's now: status says network,
        and the cache keeps them for an offline boot."""
        srv = self.start_server()
        demo = os.path.join(os.environ["VITRINE_SOURCE"], "assets", "demo", "feed.json")
        with open(demo, "rb") as f:
            h.write_atomic(os.path.join(self.www, "feed.json"), f.read())
        v = self.start(srv.url("feed.json"), 6)
        st, _ = v.wait(lambda s: s.get("source") == "network", FIRST_DECK_S)
        self.assertIsNone(st["last_error"])
        self.finish_ok(v)
        self.assertTrue(os.path.exists(os.path.join(v.cache, "deck.json")), "not cached")

    def test_builtin_deck_when_there_is_no_cache_and_no_network(self):
        srv = self.start_server()
        url = srv.url("feed.json")
        srv.mode("down")
        v = self.start(url, 4)
        st, _ = v.wait(lambda s: s.get("source") == "builtin" and s.get("last_error"),
                       FIRST_DECK_S)
        self.assertIsNone(st["last_success"])
        self.finish_ok(v)

    def test_the_first_network_deck_replaces_the_demo_deck_at_once(self):
        """On a first boot the demo deck (8-10 s slides) is only a placeholder: the feed's
        deck goes on screen within a second of the server answering, not at the end of
        the demo slide; a deck that replaces it waits for the slide boundary again."""
        srv = self.start_server()
        srv.mode("down")
        v = self.start(srv.url("feed.json"), 16, interval=1)
        v.wait(lambda s: s.get("source") == "builtin" and s.get("last_error"), FIRST_DECK_S)
        time.sleep(1.5)  # well inside the first demo slide
        srv.mode("ok")
        deadline, served = time.monotonic() + FIRST_DECK_S, None
        while served is None and time.monotonic() < deadline:
            if srv.stats("/feed.json").get("full", 0) >= 1:
                served = time.monotonic()
            time.sleep(0.02)
        self.assertIsNotNone(served, "the feed was never downloaded")
        st, _ = v.wait(network_deck(2), FIRST_DECK_S)
        shown = time.monotonic() - served
        print("feed served -> its deck on screen over the demo deck: %.2f s" % shown)
        self.assertLess(shown, 1.0)
        out = self.finish_ok(v)
        self.assertIn("deck applied: 2 slides from network", out)

    def test_http_500_keeps_the_deck_and_recovers(self):
        out = self.keeps_deck_then_recovers("500", ["HTTP 500"])
        self.assertIn("HTTP 500 Internal Server Error", out)

    def test_hanging_server_keeps_the_deck_and_recovers(self):
        self.keeps_deck_then_recovers("hang", ["could not fetch"],
                                      wait_error_s=LOW_SPEED_TIME_S + 10, run_for=40)

    def test_truncated_body_keeps_the_deck_and_recovers(self):
        self.keeps_deck_then_recovers("truncate", ["could not fetch"])

    def test_invalid_json_keeps_the_deck_and_recovers(self):
        self.keeps_deck_then_recovers("invalid", ["invalid feed"])

    def test_untrusted_https_certificate_is_refused(self):
        cert, key = os.path.join(self.work, "cert.pem"), os.path.join(self.work, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                        "1", "-subj", "/CN=localhost", "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key,
                        "-out", cert], check=True, capture_output=True, timeout=60)
        srv = self.start_server(cert=cert, key=key)
        v = self.start(srv.url("feed.json"), 4)
        st, _ = v.wait(lambda s: s.get("last_error") and "could not fetch" in s["last_error"],
                       FIRST_DECK_S)
        self.assertIn("certificate", st["last_error"])
        self.assertEqual(st["source"], "builtin")
        self.finish_ok(v)
        self.assertEqual(srv.stats("/feed.json").get("full", 0), 0)
        # The same server trusted through a test CA file: TLS itself works, so the
        # refusal above was about trust.
        os.unlink(v.status)
        v2 = self.start(srv.url("feed.json"), 14, extra=["--ca-file", cert])
        v2.wait(network_deck(2), FIRST_DECK_S)
        self.finish_ok(v2)

    def test_assets_are_cached_and_not_downloaded_again(self):
        with open(os.path.join(self.www, "logo.png"), "wb") as f:
            f.write(h.png_bytes())
        h.write_atomic(self.feed_path, h.feed_json(2, "v1", logo="logo.png"))
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 24)
        v.wait(network_deck(2), FIRST_DECK_S)
        h.write_atomic(self.feed_path, h.feed_json(3, "v2", logo="logo.png"))
        v.wait(network_deck(3), UPDATE_WAIT_S)
        # One slide's image is gone: the deck still arrives, that slide on its fallback.
        h.write_atomic(self.feed_path, h.feed_json(4, "v3", logo="missing.png"))
        v.wait(network_deck(4), UPDATE_WAIT_S)
        self.finish_ok(v)
        logo = srv.stats("/logo.png")
        self.assertEqual(logo["full"], 1, logo)  # two decks, one download
        self.assertGreaterEqual(logo["not_modified"], 1, logo)
        self.assertGreaterEqual(srv.stats("/missing.png").get("requests", 0), 1)
        # The next boot shows the cached deck from disk, assets included.
        names = os.listdir(v.cache)
        self.assertIn("deck.json", names)
        self.assertFalse([n for n in names if "logo" in n or ".tmp." in n], names)

    def wait_server(self, path, key, at_least, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.stats(path).get(key, 0) >= at_least:
                return
            time.sleep(0.2)
        self.fail("%s: %s never reached %d: %s" % (path, key, at_least, self.server.stats(path)))

    def test_a_missing_image_is_fetched_again_while_the_feed_is_unchanged(self):
        h.write_atomic(self.feed_path, h.feed_json(2, "v1", logo="late.png"))
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 16)
        v.wait(network_deck(2), FIRST_DECK_S)
        # The logo is published after the feed, which answers 304 from now on.
        with open(os.path.join(self.www, "late.png"), "wb") as f:
            f.write(h.png_bytes())
        self.wait_server("/late.png", "full", 1, 10)
        out = self.finish_ok(v)
        self.assertGreaterEqual(srv.stats("/feed.json")["not_modified"], 1)
        self.assertEqual(srv.stats("/feed.json")["full"], 1)
        # The same feed, now with its logo: handed over again as a deck of its own.
        self.assertEqual(out.count("deck applied: 2 slides from network"), 2, out)

    def test_slow_images_do_not_hold_a_new_deck_back(self):
        os.mkdir(os.path.join(self.www, "slow"))
        slides = []
        for name in "abcd":
            with open(os.path.join(self.www, "slow", name + ".png"), "wb") as f:
                f.write(h.png_bytes())
            slides.append({"id": name, "type": "partner", "name": name.upper(),
                           "logo": "slow/%s.png" % name})
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 60)
        v.wait(network_deck(2), FIRST_DECK_S)
        srv.mode("hang", "/slow/")  # every image answers nothing: 15 s each before curl gives up
        doc = json.loads(h.feed_json(0, "v2"))
        doc["slides"] = slides
        h.write_atomic(self.feed_path, json.dumps(doc))
        # Four images alone would take 4 x 15 s; the update's image budget is 30 s.
        _, waited = v.wait(network_deck(4), 55)
        print("deck with 4 hanging images on screen after %.1f s" % waited)
        self.assertLess(waited, 45)
        srv.mode("ok")
        v.stop()

    def write_token(self, token):
        token_file = os.path.join(self.work, "token")
        with open(token_file, "w") as f:
            f.write(token + "\n")
        return token_file

    def test_bearer_token_is_sent_but_never_written(self):
        token = "s3cr3t-T0KEN-never-logged"
        token_file = self.write_token(token)
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 14, extra=["--token-file", token_file])
        v.wait(network_deck(2), FIRST_DECK_S)
        srv.mode("500", "/feed.json")  # an error gets written too: still no token
        v.wait(lambda st: st.get("last_error"), 10)
        srv.mode("ok")
        out = self.finish_ok(v, forbidden=token)
        self.assertIn("Bearer " + token, srv.stats("/feed.json")["authorization"])
        with open(v.status) as f:
            self.assertNotIn(token, f.read())
        for name in os.listdir(v.cache):
            with open(os.path.join(v.cache, name), "rb") as f:
                self.assertNotIn(token.encode(), f.read())
        self.assertNotIn(token, out)

    def test_check_sends_the_bearer_token(self):
        token = "ch3ck-T0KEN"
        token_file = self.write_token(token)
        srv = self.start_server()
        binary = os.environ["VITRINE_BIN"]
        r = subprocess.run([binary, "--check", "--token-file", token_file, srv.url("feed.json")],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("valid (2 slides", r.stdout)
        self.assertNotIn(token, r.stdout + r.stderr)
        self.assertEqual(srv.stats("/feed.json")["authorization"], ["Bearer " + token])
        # A token file that cannot be read is an error of its own, before any request.
        r = subprocess.run([binary, "--check", "--token-file", token_file + ".missing",
                            srv.url("feed.json")], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("token file", r.stdout)
        self.assertEqual(srv.stats("/feed.json")["requests"], 1)

    def test_a_missing_token_file_is_reported_once_not_at_every_poll(self):
        srv = self.start_server()
        missing = os.path.join(self.work, "no-such-token")
        v = self.start(srv.url("feed.json"), 6, extra=["--token-file", missing])
        # Polls, not the deck: the first network deck waits for a boundary of the 8 s
        # demo slide on screen, which may come after --run-for ends.
        v.wait(lambda st: st.get("last_success"), FIRST_DECK_S)
        out = self.finish_ok(v)
        polls = srv.stats("/feed.json")["requests"]
        self.assertGreaterEqual(polls, 3)  # --interval 1: several polls, one warning
        self.assertEqual(out.count("no-such-token"), 1, out)

    def test_oversized_gzip_feed_is_refused_after_decompression(self):
        # 3 MiB of JSON that gzips to a few KiB: the cap counts decompressed bytes.
        h.write_atomic(self.feed_path, h.feed_json(2, "big", padding=3 * 1024 * 1024))
        srv = self.start_server()
        v = self.start(srv.url("feed.json"), 4)
        st, _ = v.wait(lambda s: s.get("last_error") and "larger" in s["last_error"],
                       FIRST_DECK_S)
        self.assertIn("2 MiB", st["last_error"])
        self.assertEqual(st["source"], "builtin")
        self.finish_ok(v)
        self.assertGreaterEqual(srv.stats("/feed.json")["gzip"], 1)

    def test_local_feed_file_is_watched(self):
        v = self.start(self.feed_path, 14)
        v.wait(lambda st: st.get("source") == "file" and st.get("slides") == 2, FIRST_DECK_S)
        h.write_atomic(self.feed_path, h.feed_json(3, "v2"))
        _, waited = v.wait(lambda st: st.get("source") == "file" and st.get("slides") == 3,
                           UPDATE_WAIT_S)
        print("file changed -> on screen: %.2f s" % waited)
        with open(self.feed_path, "w") as f:
            f.write("{ broken")
        st, _ = v.wait(lambda s: s.get("last_error"), UPDATE_WAIT_S)
        self.assertIn("invalid feed", st["last_error"])
        self.assertEqual(st["slides"], 3)
        out = self.finish_ok(v)
        # The file's first read is the deck already on screen: not handed over again.
        self.assertEqual(out.count("deck applied: 2 slides from file"), 1, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
