#!/usr/bin/env python3
"""The test server checked on its own (with urllib), so an e2e failure in vitrine's
network tests is never the rig's: conditional requests, gzip, counters, modes."""
import gzip
import os
import shutil
import sys
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

TIMEOUT_S = 5


def get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.work = h.workdir()
        h.write_atomic(os.path.join(self.work, "feed.json"), h.feed_json(2))
        self.srv = h.Server(self.work)

    def tearDown(self):
        self.srv.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def test_etag_gives_304_and_counts_one_full_download(self):
        code, hdr, body = get(self.srv.url("feed.json"))
        self.assertEqual(code, 200)
        code, _, body = get(self.srv.url("feed.json"), {"If-None-Match": hdr["ETag"]})
        self.assertEqual((code, body), (304, b""))
        code, _, _ = get(self.srv.url("feed.json"),
                         {"If-Modified-Since": hdr["Last-Modified"]})
        self.assertEqual(code, 304)
        s = self.srv.stats("/feed.json")
        self.assertEqual((s["requests"], s["full"], s["not_modified"]), (3, 1, 2))

    def test_gzip_when_accepted(self):
        code, hdr, body = get(self.srv.url("feed.json"), {"Accept-Encoding": "gzip"})
        self.assertEqual(hdr.get("Content-Encoding"), "gzip")
        self.assertIn(b'"vitrine": 1', gzip.decompress(body))

    def test_modes_switch_and_come_back(self):
        self.srv.mode("500", "/feed.json")
        self.assertEqual(get(self.srv.url("feed.json"))[0], 500)
        self.srv.mode("invalid")
        self.assertIn(b"not json", get(self.srv.url("feed.json"))[2])
        self.srv.mode("down")
        with self.assertRaises(OSError):
            get(self.srv.url("feed.json"))
        self.srv.mode("ok")
        self.assertEqual(get(self.srv.url("feed.json"))[0], 200)

    def test_paths_outside_the_root_are_not_served(self):
        self.assertEqual(get(self.srv.url("../etc/passwd"))[0], 404)


if __name__ == "__main__":
    unittest.main(verbosity=2)
