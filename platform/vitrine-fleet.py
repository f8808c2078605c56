"""vitrine-fleet - the receiving side of vitrine's heartbeat (`vitrinectl fleet`).

Every screen configured with `heartbeat = http://HOST:PORT/heartbeat` POSTs a JSON
document every heartbeat_interval seconds. This server keeps each screen's last one
in DATA/<screen>.json (and its screenshot in DATA/<screen>.png), and serves one page,
GET /, listing every screen: its thumbnail, what it shows, how long since it was last
heard of, and its errors. Screens with an error, an alert or a late heartbeat (more
than twice their interval) come first. Python's standard library only; nothing from
outside the page (no scripts, no fonts, no stylesheets), so it works offline.

The documents come from the network: everything is size-capped, parsed strictly,
escaped on the page, and a screen's name becomes a file name only through SAFE_NAME.
"""
import base64
import binascii
import html
import json
import os
import re
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 4 * 1024 * 1024  # bytes of one heartbeat (a 480 px PNG is ~100 KB)
MAX_PNG = 2 * 1024 * 1024
MAX_NAME = 64
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STALE_FACTOR = 2  # a screen is late after twice its interval without a heartbeat
REFRESH_S = 30
UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_name(screen):
    """The file name for a screen's name: letters, digits, '.', '_', '-' only, never
    hidden or a path, at most MAX_NAME characters; None if nothing is left."""
    if not isinstance(screen, str):
        return None
    name = UNSAFE.sub("_", screen)[:MAX_NAME].lstrip(".")
    return name or None


def write_atomic(path, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


class Store:
    """DATA/<name>.json (the document, without its image, plus received_at) and
    DATA/<name>.png; a lock keeps a page from reading a screen half replaced."""

    def __init__(self, data):
        self.data = data
        self.lock = threading.Lock()
        os.makedirs(data, exist_ok=True)

    def put(self, doc, now):
        name = safe_name(doc.get("screen"))
        if name is None:
            raise ValueError("the heartbeat has no usable screen name")
        shot = doc.pop("screenshot", None)
        png = None
        if isinstance(shot, dict) and isinstance(shot.get("png_base64"), str):
            try:
                png = base64.b64decode(shot["png_base64"], validate=True)
            except (binascii.Error, ValueError):
                raise ValueError("the screenshot is not base64")
            if len(png) > MAX_PNG or not png.startswith(PNG_MAGIC):
                raise ValueError("the screenshot is not a PNG (or is too large)")
            doc["screenshot"] = {k: shot.get(k) for k in ("width", "height")
                                 if isinstance(shot.get(k), int)}
        doc["received_at"] = now
        with self.lock:
            if png is not None:
                write_atomic(os.path.join(self.data, name + ".png"), png)
            else:
                doc.pop("screenshot", None)
            write_atomic(os.path.join(self.data, name + ".json"),
                         json.dumps(doc, indent=1).encode())
        return name

    def screens(self):
        out = []
        with self.lock:
            for entry in sorted(os.listdir(self.data)):
                if not entry.endswith(".json") or entry.startswith("."):
                    continue
                try:
                    with open(os.path.join(self.data, entry), encoding="utf-8") as f:
                        doc = json.load(f)
                except (OSError, ValueError):
                    continue
                if isinstance(doc, dict):
                    name = entry[:-5]
                    has_png = os.path.exists(os.path.join(self.data, name + ".png"))
                    out.append((name, doc, has_png))
        return out

    def png(self, name):
        if safe_name(name) != name:
            return None
        try:
            with open(os.path.join(self.data, name + ".png"), "rb") as f:
                return f.read(MAX_PNG + 1)
        except OSError:
            return None


def ago(seconds):
    seconds = int(max(seconds, 0))
    if seconds < 60:
        return "%d s ago" % seconds
    if seconds < 3600:
        return "%d min ago" % (seconds // 60)
    if seconds < 172800:
        return "%d h %d min ago" % (seconds // 3600, seconds % 3600 // 60)
    return "%d days ago" % (seconds // 86400)


def text(v):
    return "" if v is None else str(v)


def number(v, default):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else default


def judge(doc, now):
    """(problems, age): what a technician must look at first, and seconds since heard."""
    age = now - number(doc.get("received_at"), 0)
    interval = number(doc.get("interval"), 300)
    problems = []
    if age > STALE_FACTOR * max(interval, 1):
        problems.append("late: no heartbeat for %s" % ago(age)[:-4])
    for key, label in (("last_error", "feed"), ("alerts_error", "alerts")):
        if doc.get(key):
            problems.append("%s: %s" % (label, text(doc[key])))
    if doc.get("alert"):
        problems.append("alert on screen: %s" % text(doc["alert"]))
    return problems, age


STYLE = """
body{font:15px/1.4 system-ui,sans-serif;margin:1.5em;background:#f4f4f2;color:#222}
h1{font-size:1.4em;margin:0 0 .2em}
p.sum{margin:0 0 1em;color:#555}
ul{list-style:none;padding:0;margin:0;display:grid;
   grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1em}
li{background:#fff;border:1px solid #ccc;border-left:6px solid #3a7d44;padding:.7em;
   border-radius:4px}
li.bad{border-left-color:#c0392b;background:#fff6f5}
h2{font-size:1.1em;margin:0 0 .4em;word-break:break-all}
img,.noimg{width:100%;aspect-ratio:16/9;object-fit:contain;background:#111;display:block}
.noimg{color:#aaa;display:flex;align-items:center;justify-content:center}
dl{display:grid;grid-template-columns:auto 1fr;gap:.1em .6em;margin:.5em 0 0}
dt{color:#666}dd{margin:0;word-break:break-word}
.problem{color:#a93226;font-weight:600;margin:.3em 0 0}
"""


def page(store, now):
    judged = []
    for name, doc, has_png in store.screens():
        problems, age = judge(doc, now)
        judged.append((0 if problems else 1, name, doc, has_png, problems, age))
    judged.sort(key=lambda j: (j[0], j[1]))
    bad = sum(1 for j in judged if j[0] == 0)
    esc = html.escape
    rows = []
    for _, name, doc, has_png, problems, age in judged:
        q = urllib.parse.quote(name)
        # data-width: what the browser decoded (a broken image stays without it)
        shot = ('<img src="/screens/%s.png?t=%d" alt="what %s shows" '
                'onload="this.dataset.width=this.naturalWidth">'
                % (q, int(number(doc.get("received_at"), 0)), esc(name)) if has_png
                else '<div class="noimg">no screenshot</div>')
        showing = doc.get("showing")
        if doc.get("display") == "blank":
            showing_text = "screen off (outside screen hours)"
        else:
            showing_text = "slide %s" % text(showing) if showing else "the idle screen"
        shown = doc.get("shown") if isinstance(doc.get("shown"), dict) else {}
        facts = [
            ("showing", showing_text),
            ("heard", ago(age)),
            ("deck", "%s slides from %s, version %s" % (text(doc.get("slides")),
                                                        text(doc.get("source")),
                                                        text(doc.get("deck_version")))),
            ("shown", ", ".join("%s ×%s" % (text(k), text(v)) for k, v in sorted(shown.items()))
             or "-"),
            ("vitrine", text(doc.get("version"))),
            ("up", ago(number(doc.get("uptime"), 0))[:-4]),
        ]
        if doc.get("temperature_c") is not None:
            facts.append(("temp", "%.1f °C" % number(doc.get("temperature_c"), 0)))
        dl = "".join("<dt>%s</dt><dd>%s</dd>" % (esc(k), esc(v)) for k, v in facts)
        probs = "".join('<p class="problem">%s</p>' % esc(p) for p in problems)
        rows.append('<li class="%s" data-screen="%s"><h2>%s</h2>%s%s<dl>%s</dl></li>'
                    % ("bad" if problems else "ok", esc(name), esc(name), shot, probs, dl))
    body = "\n".join(rows) or "<li>No screen has sent a heartbeat yet.</li>"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"refresh\" content=\"%d\">"
            "<title>vitrine fleet</title><style>%s</style></head><body>"
            "<h1>vitrine fleet</h1><p class=\"sum\">%d screen%s, %d needing attention; "
            "updated %s</p><ul>%s</ul></body></html>\n"
            % (REFRESH_S, STYLE, len(judged), "" if len(judged) == 1 else "s", bad,
               time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)), body))


class Handler(BaseHTTPRequestHandler):
    server_version = "vitrine-fleet"
    store = None  # set by serve()

    def log_message(self, fmt, *args):
        sys.stderr.write("vitrine-fleet: %s %s\n" % (self.address_string(), fmt % args))

    def reply(self, code, body=b"", ctype="text/plain; charset=utf-8"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_POST(self):
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self.reply(411, b"a Content-Length is needed\n")
        if length < 0 or length > MAX_BODY:
            return self.reply(413, b"too large\n")
        raw = self.rfile.read(length)
        try:
            doc = json.loads(raw)
            if not isinstance(doc, dict):
                raise ValueError("not a JSON object")
            name = self.store.put(doc, time.time())
        except (ValueError, UnicodeDecodeError) as e:
            return self.reply(400, ("not a heartbeat: %s\n" % e).encode())
        except OSError as e:
            return self.reply(500, ("could not store it: %s\n" % e.strerror).encode())
        self.log_message("heartbeat from %s", name)
        self.reply(204)

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/":
            return self.reply(200, page(self.store, time.time()).encode(),
                              "text/html; charset=utf-8")
        m = re.fullmatch(r"/screens/([^/]+)\.png", path)
        png = self.store.png(urllib.parse.unquote(m.group(1))) if m else None
        if png is None:
            return self.reply(404, b"not found\n")
        self.reply(200, png, "image/png")

    do_HEAD = do_GET


def serve(listen, data):
    host, sep, port = listen.rpartition(":")
    if not sep or not port.isdigit():
        print("vitrinectl fleet: --listen wants ADDR:PORT, e.g. 0.0.0.0:8090", file=sys.stderr)
        return 2
    Handler.store = Store(data)
    try:
        httpd = ThreadingHTTPServer((host.strip("[]") or "0.0.0.0", int(port)), Handler)
    except OSError as e:
        print("vitrinectl fleet: cannot listen on %s: %s" % (listen, e.strerror),
              file=sys.stderr)
        return 1
    httpd.daemon_threads = True
    print("vitrinectl fleet: listening on http://%s:%d/, keeping heartbeats in %s"
          % (host or "0.0.0.0", httpd.server_address[1], data), flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0
