"""A hostile HTTP server for vitrine's robustness tests, Python 3 standard library only.

It runs inside the test process (threads, 127.0.0.1, a free port) and serves whatever
the test published with put(); fault(path, NAME) makes that path misbehave in one of the
ways a real network does, until clear(path). Every fault is bounded in time (a hanging
or dripping answer gives up after FAULT_MAX_S, or as soon as the fault changes), so
stop() always returns. The payloads (bombs, lying images, deep JSON) are built here from
Python, so the tests need no binary fixtures.

    srv = FaultServer(); srv.start()
    srv.put("/feed.json", body)          # served with an ETag; 304 when it matches
    srv.fault("/feed.json", "gzip_zeros")
    srv.clear("/feed.json")
    srv.stop()

FAULTS lists every name with what it does.
"""
import gzip
import os
import socket
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
import harness  # noqa: E402  (tests/http: one feed builder for every network test)
from urllib.parse import urlsplit

FAULT_MAX_S = 120  # a hanging or dripping answer ends on its own after this
CHUNK = 64 * 1024
MIB = 1024 * 1024

FAULTS = {
    # status classes
    "http_404": "404 Not Found with an HTML body",
    "http_410": "410 Gone",
    "http_429": "429 Too Many Requests with an absurd Retry-After",
    "http_500": "500 Internal Server Error",
    "http_503": "503 Service Unavailable with an absurd Retry-After",
    "html_200": "200 OK whose body is an HTML error page (a captive portal, a proxy)",
    "no_status": "a reply that is not HTTP at all",
    # redirects
    "redirect_self_301": "301 to itself, forever",
    "redirect_loop_302": "302 to /_loop, which 302s back, forever",
    "redirect_file": "302 to file:///etc/passwd",
    "redirect_ftp": "302 to ftp://127.0.0.1/feed.json",
    "redirect_gopher": "302 to gopher://127.0.0.1/",
    "redirect_dotdot": "302 to ../../../../etc/passwd (a path that climbs)",
    "redirect_climb_feed": "302 to ../../../../tmp/_climb/feed.json, where a valid feed is",
    # transfers
    "hang": "reads the request, never answers",
    "hang_headers": "sends a status line, then nothing",
    "drip": "announces 100 kB, sends one byte a second",
    "short_body": "Content-Length larger than the body, then closes",
    "long_body": "Content-Length of 100 bytes, then the whole body",
    "reset": "closes the connection without answering",
    # sizes and compression
    "huge": "a 3 MiB body of the published document padded with spaces",
    "huge_no_length": "the same without Content-Length, ended by closing",
    "infinite_chunked": "a chunked body that never ends",
    "gzip_zeros": "Content-Encoding gzip of 1 GB of zeros (~1 MB on the wire)",
    "gzip_brackets": "Content-Encoding gzip of 1 GB of '['",
    "deflate_zeros": "Content-Encoding deflate of 1 GB of zeros",
}


def _chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png(w, h, rgb=(200, 30, 30), data_w=None, data_h=None):
    """A PNG whose IHDR says w x h; its IDAT holds data_w x data_h pixels (default the
    same), so the header can lie about the size. The pixel data is built by streaming
    deflate, so a 10000x10000 lie costs a second, not 300 MB."""
    data_w, data_h = data_w or w, data_h or h
    row = b"\x00" + bytes(rgb) * data_w
    z = zlib.compressobj(9)
    parts = []
    rows_per_step = max(1, MIB // len(row))
    left = data_h
    while left > 0:
        n = min(rows_per_step, left)
        parts.append(z.compress(row * n))
        left -= n
    parts.append(z.flush())
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", b"".join(parts)) + _chunk(b"IEND", b""))


def png_header_only(w, h):
    """A PNG signature and IHDR for w x h, and nothing else (no pixels at all)."""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + _chunk(b"IEND", b""))


def jpeg_fixture():
    """tests/images/tiny.jpg: the committed 8x8 JPEG (Python has no JPEG encoder)."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "images", "tiny.jpg"), "rb") as f:
        return f.read()


_bomb_cache = {}
_bomb_lock = threading.Lock()


def bomb(fill, total, kind="gzip"):
    """total bytes of fill, compressed as gzip or raw deflate ("deflate" in HTTP is zlib).
    Built once per process by streaming, so 1 GB costs seconds and ~1 MB of memory."""
    key = (fill, total, kind)
    with _bomb_lock:
        if key in _bomb_cache:
            return _bomb_cache[key]
        wbits = 31 if kind == "gzip" else 15
        z = zlib.compressobj(9, zlib.DEFLATED, wbits)
        block = fill * MIB
        parts = [z.compress(block) for _ in range(total // MIB)]
        parts.append(z.flush())
        data = b"".join(parts)
        _bomb_cache[key] = data
        return data


class _Quiet(ThreadingHTTPServer):
    """A client that gives up mid-answer is the point of these tests, not news."""
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout, OSError)):
            super().handle_error(request, client_address)


class FaultServer:
    def __init__(self):
        self.lock = threading.Lock()
        self.files = {}  # raw request path -> (body, etag, extra headers)
        self.faults = {}  # raw request path -> fault name
        self.generation = 0  # bumped on every fault change: hanging answers notice
        self.requests = {}  # raw path -> count
        self.server = None
        self.port = 0

    # ---- the test's side ------------------------------------------------------------

    def start(self):
        self.server = _Quiet(("127.0.0.1", 0), _handler(self))
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        with self.lock:
            self.faults.clear()
            self.generation += 1
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def put(self, path, body, etag=None, headers=None):
        """Publishes body at path. etag: the ETag to send (default a hash of body)."""
        if isinstance(body, str):
            body = body.encode()
        if etag is None:
            etag = '"%08x-%d"' % (zlib.crc32(body), len(body))
        with self.lock:
            self.files[path] = (body, etag, dict(headers or {}))
        return etag

    def fault(self, path, name):
        if name not in FAULTS:
            raise ValueError("unknown fault " + name)
        with self.lock:
            self.faults[path] = name
            self.generation += 1

    def clear(self, path=None):
        with self.lock:
            if path is None:
                self.faults.clear()
            else:
                self.faults.pop(path, None)
            self.generation += 1

    def count(self, path):
        with self.lock:
            return self.requests.get(path, 0)

    # ---- the server's side ----------------------------------------------------------

    def lookup(self, path):
        with self.lock:
            self.requests[path] = self.requests.get(path, 0) + 1
            return self.files.get(path), self.faults.get(path), self.generation

    def current(self, gen):
        with self.lock:
            return self.generation == gen


def _handler(srv):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = FAULT_MAX_S

        def log_message(self, fmt, *args):
            pass

        def do_GET(self):
            path = urlsplit(self.path).path
            entry, fault, gen = srv.lookup(path)
            try:
                if path == "/_loop":
                    self.redirect(302, "/feed.json")
                elif fault:
                    getattr(self, "f_" + fault)(entry, gen)
                elif entry is None:
                    self.plain(404, b"not found")
                else:
                    self.serve(entry)
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                self.close_connection = True

        # ---- well-behaved answers ----

        def plain(self, code, body, ctype="text/plain", extra=()):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in extra:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def serve(self, entry):
            body, etag, headers = entry
            inm = self.headers.get("If-None-Match")
            if inm and etag in [t.strip() for t in inm.split(",")]:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.plain(200, body, "application/octet-stream",
                       [("ETag", etag)] + list(headers.items()))

        def redirect(self, code, location):
            self.plain(code, b"moved", "text/plain", [("Location", location)])

        def body_of(self, entry):
            return entry[0] if entry else b'{"vitrine": 1}'

        def wait_while(self, gen):
            deadline = time.monotonic() + FAULT_MAX_S
            while time.monotonic() < deadline and srv.current(gen):
                time.sleep(0.1)
            self.close_connection = True

        # ---- status classes ----

        def f_http_404(self, entry, gen):
            self.plain(404, b"<html><body><h1>Not Found</h1></body></html>", "text/html")

        def f_http_410(self, entry, gen):
            self.plain(410, b"gone", "text/plain")

        def f_http_429(self, entry, gen):
            self.plain(429, b"slow down", "text/plain", [("Retry-After", "9" * 40)])

        def f_http_500(self, entry, gen):
            self.plain(500, b"<html><body>Internal Server Error</body></html>", "text/html")

        def f_http_503(self, entry, gen):
            self.plain(503, b"maintenance", "text/plain", [("Retry-After", "-1")])

        def f_html_200(self, entry, gen):
            self.plain(200, b"<!DOCTYPE html><html><head><title>Login required</title></head>"
                       b"<body><h1>502 Bad Gateway</h1><p>Please sign in to the Wi-Fi.</p>"
                       b"</body></html>", "text/html; charset=utf-8", [("ETag", '"portal"')])

        def f_no_status(self, entry, gen):
            self.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\n\r\n" + b"\x00\xff" * 64)
            self.close_connection = True

        # ---- redirects ----

        def f_redirect_self_301(self, entry, gen):
            self.redirect(301, self.path)

        def f_redirect_loop_302(self, entry, gen):
            self.redirect(302, "/_loop")

        def f_redirect_file(self, entry, gen):
            self.redirect(302, "file:///etc/passwd")

        def f_redirect_ftp(self, entry, gen):
            self.redirect(302, "ftp://127.0.0.1:%d/feed.json" % srv.port)

        def f_redirect_gopher(self, entry, gen):
            self.redirect(302, "gopher://127.0.0.1:%d/1feed" % srv.port)

        def f_redirect_dotdot(self, entry, gen):
            self.redirect(302, "../../../../../etc/passwd")

        def f_redirect_climb_feed(self, entry, gen):
            self.redirect(302, "../../../../tmp/_climb/feed.json")

        # ---- transfers ----

        def f_hang(self, entry, gen):
            self.wait_while(gen)

        def f_hang_headers(self, entry, gen):
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.wfile.flush()
            self.wait_while(gen)

        def f_drip(self, entry, gen):
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.flush()
            deadline = time.monotonic() + FAULT_MAX_S
            while time.monotonic() < deadline and srv.current(gen):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(1)
            self.close_connection = True

        def f_short_body(self, entry, gen):
            body = self.body_of(entry)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 1000))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True

        def f_long_body(self, entry, gen):
            body = self.body_of(entry)
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(body + b" " * 1000)
            self.wfile.flush()
            self.close_connection = True

        def f_reset(self, entry, gen):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))  # RST, not FIN
            self.close_connection = True

        # ---- sizes and compression ----

        def huge_body(self, entry):
            body = self.body_of(entry)
            return body + b" " * (3 * MIB - len(body)) if len(body) < 3 * MIB else body

        def f_huge(self, entry, gen):
            self.plain(200, self.huge_body(entry), "application/json")

        def f_huge_no_length(self, entry, gen):
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(self.huge_body(entry))
            self.close_connection = True

        def f_infinite_chunked(self, entry, gen):
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            piece = b"%x\r\n" % CHUNK + b" " * CHUNK + b"\r\n"
            self.wfile.write(b"%x\r\n" % 1 + b"[" + b"\r\n")
            deadline = time.monotonic() + FAULT_MAX_S
            while time.monotonic() < deadline and srv.current(gen):
                self.wfile.write(piece)  # BrokenPipe once the client gives up
            self.close_connection = True

        def encoded(self, data, encoding):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def f_gzip_zeros(self, entry, gen):
            self.encoded(bomb(b"\0", 1024 * MIB), "gzip")

        def f_gzip_brackets(self, entry, gen):
            self.encoded(bomb(b"[", 1024 * MIB), "gzip")

        def f_deflate_zeros(self, entry, gen):
            self.encoded(bomb(b"\0", 1024 * MIB, "deflate"), "deflate")

    return Handler


def feed(tag, n_slides=2, logo=None, duration=1, extra_slide=None):
    """The network tests' feed (tests/http/harness.py), in this module's argument order."""
    return harness.feed_json(n_slides, tag, logo, duration=duration, extra_slide=extra_slide)


def gzip_bytes(data):
    return gzip.compress(data)


class Publisher(threading.Thread):
    """Publishes versions n = 1, 2, ... of /feed.json on srv, one now and then one every
    `every` seconds until done is set. make(n) puts whatever the version needs (images)
    and returns (feed body, ETag); every ETag is recorded before its feed can be fetched,
    so a test can ask whether a version it sees was really published."""

    def __init__(self, srv, every, make):
        super().__init__(daemon=True)
        self.srv, self.every, self.make = srv, every, make
        self.versions = set()
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.n = 0
        self.publish()

    def publish(self):
        self.n += 1
        body, etag = self.make(self.n)
        with self.lock:
            self.versions.add(etag)
        self.srv.put("/feed.json", body, etag=etag)

    def run(self):
        while not self.done.wait(self.every):
            self.publish()

    def published(self, version):
        with self.lock:
            return version in self.versions
