#!/usr/bin/env python3
"""A real HTTP(S) server for vitrine's network tests, Python 3 standard library only.

Serves the files of --root on 127.0.0.1 at a free port, with ETag / Last-Modified and
304s, gzip when the client accepts it, and failure modes switched at run time through a
second "control" port that never goes down:

  GET /_control?mode=ok|500|404|hang|truncate|invalid|down[&path=/feed.json]
                 (a path ending in "/" applies the mode to everything under it)
  GET /_stats     -> {"/feed.json": {"requests": 3, "full": 1, "not_modified": 2,
                      "gzip": 1, "authorization": ["Bearer ..."], ...}, ...}
  GET /_reset     -> zeroes the counters

"down" closes the listening socket (connections are refused) until another mode is set,
which listens again on the same port. "hang" accepts a request and never answers;
"truncate" promises a Content-Length and sends half; "invalid" sends a body that is not
JSON. With --cert/--key the content port speaks HTTPS (the control port stays HTTP).

Prints "CONTENT_PORT CONTROL_PORT" on the first line of stdout, then serves until
killed. Every test that starts it ends it by its PID.
"""
import argparse
import gzip
import hashlib
import json
import os
import socket
import ssl
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HANG_MAX_S = 300  # a hanging request gives up on its own eventually
MODES = {"ok", "500", "404", "hang", "truncate", "invalid", "down"}


class State:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.lock = threading.Lock()
        self.mode = "ok"
        self.mode_path = None  # None: the mode applies to every path
        self.stats = {}
        self.conns = set()  # open content connections, cut when the server goes "down"

    def count(self, path, key, value=None):
        with self.lock:
            s = self.stats.setdefault(path, {"requests": 0, "full": 0, "not_modified": 0,
                                             "gzip": 0, "errors": 0, "authorization": [],
                                             "user_agent": None, "accept_encoding": None})
            if value is None:
                s[key] += 1
            elif isinstance(s[key], list):
                s[key].append(value)
            else:
                s[key] = value

    def mode_for(self, path):
        with self.lock:
            mp = self.mode_path
            if mp is None or mp == path or (mp.endswith("/") and path.startswith(mp)):
                return self.mode
            return "ok"


def make_content_handler(state):
    class Content(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: ctest shows vitrine's output instead
            pass

        def setup(self):
            super().setup()
            with state.lock:
                state.conns.add(self.connection)

        def finish(self):
            with state.lock:
                state.conns.discard(self.connection)
            try:
                super().finish()
            except OSError:
                pass

        def do_GET(self):
            path = urlsplit(self.path).path
            state.count(path, "requests")
            if self.headers.get("Authorization"):
                state.count(path, "authorization", self.headers["Authorization"])
            state.count(path, "user_agent", self.headers.get("User-Agent"))
            state.count(path, "accept_encoding", self.headers.get("Accept-Encoding"))
            mode = state.mode_for(path)
            if mode == "hang":
                self.hang()
                return
            if mode in ("500", "404"):
                state.count(path, "errors")
                self.send_error(int(mode))
                return
            self.serve_file(path, mode)

        def hang(self):
            deadline = time.monotonic() + HANG_MAX_S
            while time.monotonic() < deadline and state.mode == "hang":
                time.sleep(0.1)
            self.close_connection = True

        def serve_file(self, path, mode):
            full = os.path.realpath(os.path.join(state.root, path.lstrip("/")))
            if not full.startswith(state.root + os.sep) or not os.path.isfile(full):
                self.send_error(404)
                return
            with open(full, "rb") as f:
                body = f.read()
            mtime = os.stat(full).st_mtime
            etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
            last_modified = formatdate(mtime, usegmt=True)
            # A broken reply must reach the client even when it holds a fresh copy.
            if mode not in ("invalid", "truncate") and self.not_modified(etag, mtime):
                state.count(path, "not_modified")
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", last_modified)
                self.end_headers()
                return
            if mode == "invalid":
                body, etag = b'{"vitrine": 1, "slides": [ this is not json', '"invalid"'
            zipped = "gzip" in (self.headers.get("Accept-Encoding") or "")
            if zipped:
                body = gzip.compress(body)
                state.count(path, "gzip")
            self.send_response(200)
            self.send_header("Content-Type", "application/json" if path.endswith(".json")
                             else "application/octet-stream")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if mode == "truncate":
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)
            state.count(path, "full")

        def not_modified(self, etag, mtime):
            inm = self.headers.get("If-None-Match")
            if inm is not None:
                return etag in [t.strip() for t in inm.split(",")]
            ims = self.headers.get("If-Modified-Since")
            if ims:
                try:
                    return int(mtime) <= parsedate_to_datetime(ims).timestamp()
                except (TypeError, ValueError):
                    return False
            return False

    return Content


class ContentServer:
    """The content port: can stop listening ("down") and listen again on the same port."""

    def __init__(self, state, tls):
        self.state, self.tls = state, tls
        self.port = 0
        self.server = None
        self.thread = None
        self.lock = threading.Lock()

    def up(self):
        with self.lock:
            if self.server:
                return
            srv = ThreadingHTTPServer(("127.0.0.1", self.port), make_content_handler(self.state))
            srv.daemon_threads = True
            if self.tls:
                srv.socket = self.tls.wrap_socket(srv.socket, server_side=True)
            self.port = srv.server_address[1]
            self.server = srv
            self.thread = threading.Thread(target=srv.serve_forever, daemon=True)
            self.thread.start()

    def down(self):
        with self.lock:
            if not self.server:
                return
            self.server.shutdown()
            self.server.server_close()
            self.server = None
            with self.state.lock:  # kept-alive connections would still answer: cut them
                conns = list(self.state.conns)
            for c in conns:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def make_control_handler(state, content):
    class Control(BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            pass

        def reply(self, code, obj):
            body = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            url = urlsplit(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/_stats":
                with state.lock:
                    self.reply(200, state.stats)
            elif url.path == "/_reset":
                with state.lock:
                    state.stats = {}
                self.reply(200, {})
            elif url.path == "/_control" and q.get("mode") in MODES:
                with state.lock:
                    state.mode = q["mode"]
                    state.mode_path = q.get("path")
                if state.mode == "down":
                    content.down()
                else:
                    content.up()
                self.reply(200, {"mode": state.mode, "path": state.mode_path})
            else:
                self.reply(400, {"error": "unknown control request"})

    return Control


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True, help="directory to serve")
    ap.add_argument("--cert", help="PEM certificate: serve HTTPS")
    ap.add_argument("--key", help="PEM private key for --cert")
    args = ap.parse_args()
    tls = None
    if args.cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.cert, args.key)
    state = State(args.root)
    content = ContentServer(state, tls)
    content.up()
    control = ThreadingHTTPServer(("127.0.0.1", 0), make_control_handler(state, content))
    control.daemon_threads = True
    print("%d %d" % (content.port, control.server_address[1]), flush=True)
    try:
        control.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    socket.setdefaulttimeout(None)
    sys.exit(main())
