"""Shared pieces of vitrine's network tests: the test server and the vitrine binary as
child processes (each ended by its PID), feeds and a tiny PNG written from Python, and
bounded waits on the status file."""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "server.py")
STOP_GRACE_S = 10  # SIGTERM, then SIGKILL after this


def stop_process(proc):
    """Ends one child by its PID: terminate, wait, kill if it must."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Server:
    """tests/http/server.py on 127.0.0.1: content port (maybe HTTPS) plus control port."""

    def __init__(self, root, cert=None, key=None):
        args = [sys.executable, SERVER, "--root", root]
        if cert:
            args += ["--cert", cert, "--key", key]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().split()
        if len(line) != 2:
            stop_process(self.proc)
            raise RuntimeError("the test server did not start")
        self.port, self.control_port = int(line[0]), int(line[1])
        scheme = "https" if cert else "http"
        self.base = "%s://127.0.0.1:%d" % (scheme, self.port)

    def url(self, path):
        return self.base + "/" + path.lstrip("/")

    def _control(self, path):
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.control_port, path),
                                    timeout=10) as r:
            return json.loads(r.read())

    def mode(self, mode, path=None):
        return self._control("/_control?mode=%s%s" % (mode, "&path=" + path if path else ""))

    def stats(self, path=None):
        s = self._control("/_stats")
        return s.get(path, {}) if path else s

    def stop(self):
        stop_process(self.proc)
        self.proc.stdout.close()


def png_bytes(w=4, h=4, rgb=(200, 30, 30)):
    """A valid RGB PNG, made here so the tests need no binary fixtures."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    row = b"\x00" + bytes(rgb) * w
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b""))


def feed_json(n_slides, tag="v1", logo=None, padding=0, duration=1, extra_slide=None):
    """A valid v1 feed of n partner slides lasting 1 s each (by default), so a new deck
    goes on screen within about a second of arriving; tag is in the text, so every
    version differs. extra_slide (a dict) is appended as it is."""
    slides = []
    for i in range(n_slides):
        s = {"id": "s%d" % i, "type": "partner", "name": "Partner %d %s" % (i, tag)}
        if logo:
            s["logo"] = logo
        slides.append(s)
    if extra_slide:
        slides.append(extra_slide)
    doc = {"vitrine": 1, "event": {"name": "Test event %s" % tag}, "languages": ["en"],
           "defaults": {"duration": duration, "transition": "cut"}, "slides": slides}
    text = json.dumps(doc, indent=1)
    return text + " " * padding + "\n"


def write_atomic(path, data):
    """Publishes a file the way a careful server does, so a poll never reads half."""
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.replace(tmp, path)


def read_status(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def wait_status(path, pred, timeout, proc=None):
    """Polls the status file until pred(status) holds; returns (status, seconds waited)
    or raises AssertionError with the last status seen at the deadline."""
    start = time.monotonic()
    last = None
    while time.monotonic() - start < timeout:
        st = read_status(path)
        if st is not None:
            last = st
            if pred(st):
                return st, time.monotonic() - start
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError("status never matched within %.0f s; last: %s" % (timeout, last))


class Vitrine:
    """The real binary, headless, with its stderr kept for assertions (feed "" or None:
    the built-in demo deck)."""

    def __init__(self, work, feed, run_for, interval=1, extra=(), env=None):
        binary = os.environ.get("VITRINE_BIN") or shutil.which("vitrine")
        if not binary:
            raise RuntimeError("VITRINE_BIN is not set")
        self.status = os.path.join(work, "status.json")
        self.cache = os.path.join(work, "cache")
        self.log_path = os.path.join(work, "vitrine-%d.log" % time.monotonic_ns())
        args = [binary, "--headless", "--windowed", "--size", "640x360",
                "--run-for", str(run_for), "--status", self.status, "--cache-dir", self.cache,
                "--interval", str(interval)] + list(extra) + ([feed] if feed else [])
        e = dict(os.environ)
        e.pop("DISPLAY", None)
        e.pop("WAYLAND_DISPLAY", None)
        e.update(env or {})
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=e)
        self.run_for = run_for

    def wait(self, pred, timeout):
        return wait_status(self.status, pred, timeout, self.proc)

    def finish(self):
        """Waits for --run-for to end it; returns (exit code, output)."""
        try:
            rc = self.proc.wait(self.run_for + 60)
        except subprocess.TimeoutExpired:
            stop_process(self.proc)
            rc = "killed"
        self.log.close()
        with open(self.log_path) as f:
            return rc, f.read()

    def stop(self):
        stop_process(self.proc)
        if not self.log.closed:
            self.log.close()


def workdir():
    return tempfile.mkdtemp(prefix="vitrine-net-")


class NetCase(unittest.TestCase):
    """A test with its own folder (self.work) holding www/ (self.www), the server a
    subclass starts on it in setUp (self.server), and the vitrines it starts (append
    them to self.vitrines): all ended and removed in tearDown, servers by their PID."""

    def setUp(self):
        self.work = workdir()
        self.www = os.path.join(self.work, "www")
        os.mkdir(self.www)
        self.server = None
        self.vitrines = []

    def tearDown(self):
        for v in self.vitrines:
            v.stop()
        if self.server:
            self.server.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def stays(self, v, pred, seconds):
        """pred holds for every status of vitrine v seen during seconds (sampled)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            st = read_status(v.status)
            if st is not None:
                self.assertTrue(pred(st), st)
            time.sleep(0.1)
