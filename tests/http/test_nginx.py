#!/usr/bin/env python3
"""The remote-content path against a real web server: nginx (Debian's package), started
by each test on 127.0.0.1 with its own configuration (tests/http/nginx.py), as a venue
would serve its feed. What its access log shows is what vitrine really costs a server:
one gzip-compressed 200 per change, 304s (nginx's own ETags) otherwise; a redirect is
followed; HTTPS from a venue's private CA works with --ca-file and is refused without.

Run one case: VITRINE_BIN=build/vitrine python3 tests/http/test_nginx.py \
    Nginx.test_a_feed_from_nginx_costs_one_gzip_200_then_304s
"""
import json
import os
import shutil
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
import nginx  # noqa: E402

FIRST_DECK_S = 20
WAIT_S = 12


def network(slides):
    return lambda st: st.get("source") == "network" and st.get("slides") == slides


class Nginx(unittest.TestCase):
    def setUp(self):
        self.work = h.workdir()
        self.www = os.path.join(self.work, "www")
        os.mkdir(self.www)
        self.feed = os.path.join(self.www, "feed.json")
        # Padded so that gzip has something to win, as a real feed's texts give it.
        h.write_atomic(self.feed, h.feed_json(3, "v1", padding=4000))
        self.servers, self.vitrines = [], []

    def tearDown(self):
        for v in self.vitrines:
            v.stop()
        for s in self.servers:
            s.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def serve(self, tls=None):
        s = nginx.Nginx(self.www, self.work, tls)
        self.servers.append(s)
        return s

    def start(self, url, run_for, extra=()):
        v = h.Vitrine(self.work, url, run_for, extra=list(extra))
        self.vitrines.append(v)
        return v

    def test_a_feed_from_nginx_costs_one_gzip_200_then_304s(self):
        srv = self.serve()
        v = self.start(srv.url("feed.json"), 40)
        v.wait(network(3), FIRST_DECK_S)
        time.sleep(4)  # a poll a second: four more, all 304
        log = srv.requests("/feed.json")
        print("nginx saw: %s" % log)
        self.assertEqual(log[0][0], "200")
        self.assertEqual(log[0][2], "gzip", "vitrine asks for gzip and nginx sends it")
        self.assertLess(log[0][1], os.path.getsize(self.feed) / 2)
        self.assertGreaterEqual(len(log), 4)
        self.assertTrue(all(r[0] == "304" for r in log[1:]), log)
        # An edit goes on screen within the interval, costing one more 200.
        h.write_atomic(self.feed, h.feed_json(4, "v2", padding=4000))
        v.wait(network(4), WAIT_S)
        statuses = [r[0] for r in srv.requests("/feed.json")]
        self.assertEqual(statuses.count("200"), 2, statuses)

    def test_a_redirect_is_followed(self):
        srv = self.serve()
        v = self.start(srv.url("old-feed.json"), 20)
        v.wait(network(3), FIRST_DECK_S)
        self.assertEqual(srv.requests("/old-feed.json")[0][0], "301")
        self.assertEqual(srv.requests("/feed.json")[0][0], "200")

    def test_https_from_a_private_ca_needs_ca_file(self):
        ca, cert, key = nginx.make_ca(self.work)
        srv = self.serve(tls=(cert, key))
        v = self.start(srv.url("feed.json"), 20)
        st, _ = v.wait(lambda s: "certificate" in (s.get("last_error") or ""), FIRST_DECK_S)
        print("without --ca-file: %s" % st["last_error"])
        self.assertEqual(st["source"], "builtin")
        v.stop()
        os.unlink(v.status)
        v2 = self.start(srv.url("feed.json"), 20, extra=["--ca-file", ca])
        st, _ = v2.wait(network(3), FIRST_DECK_S)
        self.assertIsNone(st["last_error"])
        self.assertEqual(srv.requests("/feed.json")[-1][0], "200")
        # The status file never carries the CA's path or anything secret.
        self.assertNotIn(ca, json.dumps(st))


if __name__ == "__main__":
    unittest.main()
