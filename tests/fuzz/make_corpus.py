#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/TARGET/ from the demo feed, the feed
fixtures in tests/feeds/ and hand-made edge cases (made here, so every seed says what it is
for). Run it again after adding fixtures: python3 tests/fuzz/make_corpus.py
Standard library only; deterministic output, so the committed corpus only changes when this
script or the fixtures do."""
import json
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")

# fuzz_feed reads byte 0 as the base: "0" none, "1" https URL, "2" file path (value % 3).
BASE_NONE, BASE_URL, BASE_PATH = b"0", b"1", b"2"


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def js(obj):
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates can only be written as \u escapes
        text = json.dumps(obj, separators=(",", ":"))
    return text


# ---------------------------------------------------------------- feed
def feed_doc(slides, **extra):
    doc = {"vitrine": 1, "languages": ["fr", "en"], "slides": slides}
    doc.update(extra)
    return js(doc)


def feed_seeds():
    seeds = {}
    partner = {"id": "p", "type": "partner", "name": "Mitacs",
               "tagline": {"fr": "La recherche", "en": "Research"}, "logo": "logos/mitacs.png"}
    delegation = {"id": "d", "type": "delegation", "title": "G7", "origin": {"fr": "Suède"},
                  "when": "8–10 déc.", "members": [{"name": "A", "role": {"fr": "Ministre",
                                                                         "en": "Minister"}}]}
    announce = {"id": "a", "type": "announcement", "title": {"fr": "ALL IN", "en": "ALL IN"},
                "text": "Texte", "where": "Montréal", "image": "../img/allin.jpg",
                "link": "https://example.org/allin", "start": "2026-12-01T08:00:00-05:00",
                "end": "2026-12-03T18:00:00Z", "urgent": True, "duration": 12,
                "transition": "slide"}
    full = feed_doc([partner, delegation, announce],
                    event={"name": {"fr": "Semaine", "en": "Week"}, "timezone": "America/Toronto"},
                    defaults={"duration": 8, "transition": "fade"})
    seeds["readme-like"] = full
    seeds["minimal"] = js({"vitrine": 1, "slides": [{"type": "partner", "name": "A"}]})
    seeds["bom"] = "\ufeff" + full
    seeds["not-json"] = "vitrine"
    seeds["truncated"] = full[: len(full) // 2]
    seeds["trailing-garbage"] = full + "}]"
    seeds["empty-object"] = "{}"
    seeds["null"] = "null"
    seeds["version-2"] = full.replace('"vitrine":1', '"vitrine":2', 1)
    seeds["version-huge"] = full.replace('"vitrine":1', '"vitrine":1e400', 1)
    seeds["version-string"] = full.replace('"vitrine":1', '"vitrine":"1"', 1)
    seeds["no-slides"] = feed_doc([])
    seeds["slides-not-array"] = js({"vitrine": 1, "slides": {"a": 1}})
    seeds["slide-types-wrong"] = feed_doc([1, "x", None, [], {"type": "video"}, {"type": 3},
                                           {"type": "partner"}, {"type": "partner", "name": 7},
                                           {"type": "partner", "name": {}},
                                           {"type": "partner", "name": {"de": "x"}}])
    seeds["durations"] = feed_doc([dict(partner, duration=d) for d in
                                   (0, -1, 1, 3600, 3601, 1.5, 1e300, -1e300,
                                    9223372036854775807, 99999999999999999999, "8", None)],
                                  defaults={"duration": -5, "transition": "wipe"})
    seeds["transitions"] = feed_doc([dict(partner, transition=t) for t in
                                     ("fade", "slide", "cut", "FADE", "", 1, None)])
    seeds["schedule"] = feed_doc([dict(announce, start=s, end=e) for s, e in (
        ("2026-12-08T09:00:00-05:00", "2026-12-08T09:00:00.123456789+01:30"),
        ("9999-12-31T23:59:59Z", "0000-01-01T00:00:00+23:59"),
        ("2026-02-30T25:61:61Z", "2026-12-08 09:00:00"),
        ("2026-12-08T09:00:00", "2026-12-08t09:00:00z"),
        ("-2026-12-08T09:00:00Z", "2026-12-08T09:00:00+99:99"),
        (1700000000, None), ("2026-12-03T18:00:00Z", "2026-12-01T08:00:00Z"))])
    seeds["languages"] = js({"vitrine": 1, "languages": ["fr", "en", "de", "es", "it", "fr"],
                             "slides": [{"type": "partner",
                                         "name": {"it": "solo italiano", "es": "", "xx": 1}}]})
    seeds["languages-odd"] = js({"vitrine": 1, "languages": ["", 1, None, "x" * 300],
                                 "slides": [partner]})
    seeds["fallbacks"] = feed_doc([{"type": "partner", "name": {"en": "English only"},
                                    "tagline": {"de": "nur Deutsch"}, "text": {}}])
    seeds["strings"] = feed_doc([{
        "type": "announcement",
        "title": {"fr": "nul\u0000dedans", "en": "\ud83d\ude00 \u00e9 \ud800 lone"},
        "text": "emoji 👩‍👩‍👧‍👦 🇨🇦 👍🏽, combining e\u0301\u0301\u0301, RTL "
                "مرحبا بالعالم שלום, ZWJ \u200d\u200d, NBSP\u00a0« a »\u202f!",
        "where": "\t\r\n\u0001\u007f\u0085\u2028\u2029\ufffe\uffff"}])
    seeds["escapes"] = ('{"vitrine":1,"slides":[{"type":"partner","name":"\\ud800\\udc00 '
                        '\\udbff\\udfff \\ud800 \\udc00x \\u0000 \\uD83D\\uDE00 \\/\\b\\f"}]}')
    seeds["references"] = feed_doc([dict(announce, image=i, link=l) for i, l in (
        ("//evil.example/x.png", "javascript:alert(1)"),
        ("file:///etc/passwd", "data:text/html,hi"),
        ("/abs/logo.png", "HTTPS://EXAMPLE.ORG/A"),
        ("../../../../etc/shadow", "mailto:a@b"),
        ("logo with space.png?x=1#f", "https://u:p@example.org:99999/"),
        ("", "http://[::1]:8080/x"),
        ("https://exämple.org/ü.png", "https://%zz/"),
        ("a\u0000b.png", "https://example.org/\u0001"))])
    seeds["deep-nesting"] = feed_doc([dict(partner, extra=json.loads("[" * 40 + "]" * 40))])
    seeds["deep-raw"] = '{"vitrine":1,"slides":' + "[" * 5000 + "]" * 5000 + "}"
    seeds["huge-numbers"] = ('{"vitrine":1.0000000000000000001,"slides":[{"type":"partner",'
                             '"name":"n","duration":1e999,"urgent":-0,"x":'
                             + "9" * 400 + "}]}")
    seeds["urgent-kinds"] = feed_doc([dict(partner, urgent=u) for u in (True, False, 1, "true")])
    seeds["duplicate-keys"] = ('{"vitrine":1,"vitrine":2,"slides":[{"type":"partner",'
                               '"name":"a","name":"b","type":"delegation"}]}')
    seeds["many-members"] = feed_doc([dict(delegation, members=[{}] * 10001)])
    seeds["many-members-named"] = feed_doc([dict(delegation, members=[
        {"name": "M%d" % i, "role": "r"} for i in range(300)])])
    seeds["many-slides"] = feed_doc([{"type": "partner", "name": str(i)} for i in range(501)])
    # A text just over FEED_MAX_TEXT (64 KiB) whose cut lands inside a 4-byte character.
    seeds["long-text"] = feed_doc([dict(partner, text="é" * 1 + "😀" * 16384)])
    seeds["ids"] = feed_doc([dict(partner, id=i) for i in ("p", "p", "", 5, None, "x" * 1000)])
    seeds["event-odd"] = feed_doc([partner], event={"name": "plain", "timezone": "../../etc/passwd"})
    seeds["event-wrong"] = feed_doc([partner], event=[1], defaults="x")
    out = []
    for name, doc in sorted(seeds.items()):
        out.append(("%s-none" % name, BASE_NONE + doc.encode("utf-8")))
        if name in ("readme-like", "references", "minimal"):
            out.append(("%s-url" % name, BASE_URL + doc.encode("utf-8")))
            out.append(("%s-path" % name, BASE_PATH + doc.encode("utf-8")))
    for t in ("2026-12-08T09:00:00-05:00", "2026-12-08T09:00:00.5Z", "1970-01-01T00:00:00Z",
              "2038-01-19T03:14:08+00:00", "2026-12-08T09:00:00"):
        out.append(("time-" + t.replace(":", "_"), BASE_NONE + t.encode()))
    return out


def fixture_seeds():
    """The demo feed and every fixture in tests/feeds/, with each kind of base."""
    files = [os.path.join(ROOT, "assets", "demo", "feed.json")]
    feeds = os.path.join(ROOT, "tests", "feeds")
    for dirpath, _, names in sorted(os.walk(feeds)):
        files += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".json")]
    out = []
    for i, path in enumerate(f for f in files if os.path.isfile(f)):
        with open(path, "rb") as f:
            data = f.read()
        if len(data) > 70000:
            continue  # the corpus stays small; big feeds are hand-made above
        rel = os.path.relpath(path, ROOT).replace(os.sep, "_")
        prefix = (BASE_URL, BASE_PATH, BASE_NONE)[i % 3]
        out.append(("fixture-" + rel, prefix + data))
    return out


# ---------------------------------------------------------------- url
def url_seeds():
    bases = ["https://example.org/feeds/feed.json", "http://example.org:8080/a/b/?q=1#f",
             "/srv/vitrine/feed.json", "feed.json", "feeds/feed.json", "https://[::1]/f.json",
             "HTTPS://Example.ORG", "file:///srv/feed.json"]
    refs = ["logos/a.png", "../img/b.jpg", "../../../../x", "/abs.png", "//evil.example/x",
            "?q=2", "#frag", "https://cdn.example.org/a.png", "HTTP://A/B", "javascript:alert(1)",
            "file:///etc/passwd", "data:image/png;base64,AAAA", "a b/ü é.png", "%zz%00",
            "https://u:p@h:99999/", "https://exämple.org/", "mailto:x@y", "./", ".", ""]
    out = []
    for i, r in enumerate(refs):
        out.append(("ref-%02d" % i, r))
        out.append(("pair-%02d" % i, bases[i % len(bases)] + "\n" + r))
    out.append(("nul-separated", b"https://example.org/f.json\x00logos/a.png"))
    out.append(("empty-base", "\nlogos/a.png"))
    out.append(("control", "https://example.org/\nlogo\x01.png"))
    out.append(("long", "https://example.org/" + "a/" * 2000 + "\n" + "../" * 1000 + "x"))
    return out


# ---------------------------------------------------------------- text
def text_header(box_w, box_h, max_size, min_size, max_lines, style=0):
    return struct.pack("<hhbbbB", box_w, box_h, max_size, min_size, max_lines, style)


def text_seeds():
    texts = {
        "french": "Le roi et la reine de Suède chez Mila\u00a0: une délégation de 80\u00a0membres "
                  "« bienvenue »\u202f! Coorganisée par Mila, la conférence a attiré l’attention.",
        "long-word": "Anticonstitutionnellement-hyperlongmotsansespace" * 4,
        "hyphens": "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z " * 3,
        "spaces": "   lots    of     spaces   ",
        "only-spaces": "        ",
        "newlines": "line one\nline two\r\n\nline four\ttab",
        "emoji": "👩‍👩‍👧‍👦 🇨🇦🇫🇷 👍🏽 family 😀😀😀",
        "combining": "e\u0301\u0301\u0301\u0301 a\u0300 Z\u0351\u0352\u0353\u0354\u0355",
        "rtl": "مرحبا بالعالم שלום עולם mixed English عربى",
        "nbsp-only": "\u00a0".join(["mot"] * 30),
        "one-char": "W",
        "ellipsis-in-text": "… … …" * 5,
    }
    texts_b = {
        "invalid": b"ok \xff\xfe \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82 cut \xf0\x9f\x98",
        "controls": b"a\x00b\x01c\x1bd\x7fe\x85f",
        "truncated-end": "é".encode() * 10 + b"\xe2\x80",
    }
    headers = [
        ("normal", text_header(400, 200, 48, 12, 6)),
        ("narrow", text_header(20, 400, 40, 10, 24)),
        ("tiny-box", text_header(1, 1, 10, 1, 3)),
        ("zero-box", text_header(0, 0, 10, 1, 3, 1)),
        ("negative", text_header(-5, -100, 10, 8, 2, 2)),
        ("min-above-max", text_header(300, 300, 10, 20, 4, 3)),
        ("zero-lines", text_header(300, 300, 20, 10, 0, 4)),
        ("many-lines", text_header(100, 32000, 30, 6, 100, 5)),
        ("one-line", text_header(150, 60, 60, 6, 1, 6)),
        ("huge", text_header(32767, 32767, 127, 1, 24, 7)),
    ]
    out = []
    items = sorted(texts.items()) + sorted(texts_b.items())
    for i, (name, text) in enumerate(items):
        if isinstance(text, str):
            text = text.encode("utf-8")
        hname, header = headers[i % len(headers)]
        out.append(("%s-%s" % (name, hname), header + text))
        hname2, header2 = headers[(i * 3 + 1) % len(headers)]
        out.append(("%s-%s" % (name, hname2), header2 + text))
    out.append(("empty-text", text_header(400, 200, 48, 12, 6)))
    return out


# ---------------------------------------------------------------- bidi
# fuzz_bidi reads byte 0 as flags (bit 0: right-to-left paragraph; the rest picks the run
# cap), then the line.
def bidi_seeds():
    ar, he = "\u0627\u0644\u0634\u0631\u0627\u0643\u0629", "\u05e9\u05dc\u05d5\u05dd"
    cases = [
        ("latin", 0, "« Bienvenue à Montréal ! » 2025"),
        ("arabic", 1, ar + " " + ar),
        ("hebrew-with-digits", 1, he + " 8\u201310 " + he),
        ("mixed-ltr", 0, "Mila " + ar + " (TII) " + he + " 2025."),
        ("mixed-rtl", 1, ar + " Mila [" + he + "] 3.14"),
        ("brackets", 1, "(" + ar + " [a (" + he + ")] b)"),
        ("explicit-embeddings", 0, "a\u202b" + ar + "\u202ab\u202c\u202c\u202e" + he + "\u202c"),
        ("isolates", 1, "\u2067" + ar + "\u2066x\u2069\u2069\u2068y\u2069"),
        ("deep-embeddings", 0, "\u202b" * 130 + ar + "\u202c" * 130),
        ("combining-and-zwj", 0, "e\u0301\u0302\u0303 \U0001f469\u200d\U0001f4bb " + ar + "\u0651"),
        ("many-runs-tiny-cap", 0x20, ("a " + he + " ") * 40),
    ]
    out = []
    for name, flags, text in cases:
        out.append((name, bytes([flags]) + text.encode("utf-8")))
    out.append(("invalid-bytes", b"\x01" + b"\xd8\xff\xfe" + ar.encode()[:3] + b"\xc0\x80"))
    return out


# ---------------------------------------------------------------- png
def png_chunk(kind, data, crc=None):
    c = zlib.crc32(kind + data) & 0xFFFFFFFF if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", c)


def png(w, h, depth=8, color=6, interlace=0, rows=None, extra=b"", idat=None, iend=True):
    sig = b"\x89PNG\r\n\x1a\n"
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color, 0, 0, interlace))
    if idat is None:
        channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
        # Lying sizes get short rows (at most 4 KiB), so the corpus stays small.
        n = h if rows is None else rows
        sizes = [(w, n)]
        if interlace:  # Adam7: each pass is its own small image, row filters and all
            sizes = [(-(-(w - x0) // dx), -(-(h - y0) // dy)) for x0, y0, dx, dy in (
                (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                (1, 0, 2, 2), (0, 1, 1, 2)) if w > x0 and h > y0]
        raw = b""
        for pw, ph in sizes:
            row = 1 + min((pw * channels * depth + 7) // 8, 4096)
            raw += b"".join(bytes([i % 5]) + bytes((i * 37 + j) % 256 for j in range(row - 1))
                            for i in range(ph))
        idat = zlib.compress(raw, 9)
    out = sig + ihdr + extra + png_chunk(b"IDAT", idat)
    return out + (png_chunk(b"IEND", b"") if iend else b"")


# ---------------------------------------------------------------- jpeg
def huffman_codes(bits, vals):
    """Canonical Huffman codes (JPEG Annex C) from BITS and HUFFVAL: {symbol: (code, length)}."""
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class BitWriter:
    def __init__(self):
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, code, length):
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((code >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)  # byte stuffing
                self.acc, self.n = 0, 0

    def flush(self):
        while self.n:
            self.put(1, 1)  # pad with 1-bits
        return bytes(self.out)


def jpeg(w, h, comps, shade=100):
    """A baseline JPEG whose blocks are flat (DC only): comps is [(h_samp, v_samp)] per
    component. One DC table (categories 0..11, 4-bit codes) and one AC table (EOB only)."""
    dc_bits = [0, 0, 0, 12] + [0] * 12
    dc_vals = list(range(12))
    ac_bits = [1] + [0] * 15
    ac_vals = [0]
    dc, ac = huffman_codes(dc_bits, dc_vals), huffman_codes(ac_bits, ac_vals)

    def seg(marker, payload):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload

    out = b"\xff\xd8"
    out += seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    out += seg(0xDB, b"\x00" + b"\x01" * 64)
    sof = struct.pack(">BHHB", 8, h, w, len(comps))
    for i, (hs, vs) in enumerate(comps):
        sof += bytes([i + 1, hs << 4 | vs, 0])
    out += seg(0xC0, sof)
    out += seg(0xC4, b"\x00" + bytes(dc_bits) + bytes(dc_vals))
    out += seg(0xC4, b"\x10" + bytes(ac_bits) + bytes(ac_vals))
    sos = bytes([len(comps)]) + b"".join(bytes([i + 1, 0x00]) for i in range(len(comps)))
    out += seg(0xDA, sos + b"\x00\x3f\x00")
    hmax = max(c[0] for c in comps)
    vmax = max(c[1] for c in comps)
    mcus = ((w + 8 * hmax - 1) // (8 * hmax)) * ((h + 8 * vmax - 1) // (8 * vmax))
    bw = BitWriter()
    pred = [0] * len(comps)
    for m in range(mcus):
        for ci, (hs, vs) in enumerate(comps):
            for b in range(hs * vs):
                value = 8 * (((shade + 40 * ci + 13 * m + 7 * b) % 256) - 128)
                diff = value - pred[ci]
                pred[ci] = value
                cat = abs(diff).bit_length()
                bw.put(*dc[cat])
                if cat:
                    bits = diff if diff > 0 else diff + (1 << cat) - 1
                    bw.put(bits, cat)
                bw.put(*ac[0])  # EOB: no AC coefficients
    return out + bw.flush() + b"\xff\xd9"


def image_seeds():
    text = png_chunk(b"tEXt", b"Comment\x00made by make_corpus.py")
    trns = png_chunk(b"tRNS", b"\x00\x80")
    plte = png_chunk(b"PLTE", bytes(range(12)))
    ok = png(1, 1)
    seeds = [
        ("png-1x1-rgba", ok),
        ("png-3x2-rgb", png(3, 2, color=2)),
        ("png-4x4-palette", png(4, 4, depth=2, color=3, extra=plte + trns)),
        ("png-5x3-gray16", png(5, 3, depth=16, color=0, extra=text)),
        ("png-2x2-gray-alpha", png(2, 2, color=4)),
        ("png-7x7-interlaced", png(7, 7, color=2, interlace=1)),
        ("png-1x1-gray1", png(1, 1, depth=1, color=0)),
        ("png-short-idat", png(64, 64, rows=1)),
        ("png-lying-512", png(512, 512, rows=2)),
        ("png-lying-9000", png(9000, 9000, rows=1)),
        ("png-huge-width", png(100000, 1, rows=1)),
        ("png-zero-size", png(0, 0, rows=0)),
        ("png-max-side", png(8192, 1, rows=1)),
        ("png-over-max", png(8193, 1, rows=1)),
        ("png-top-bit", png(0x80000001, 1, rows=1)),
        ("png-bad-filter", png(2, 2, idat=zlib.compress(b"\x05" + b"\x00" * 8 + b"\x07" * 9))),
        ("png-bad-crc", ok[:29] + b"\xde\xad\xbe\xef" + ok[33:]),
        ("png-bad-depth", png(2, 2, depth=7, color=2, idat=zlib.compress(b"\x00" * 16))),
        ("png-no-iend", png(2, 2, iend=False)),
        ("png-bad-zlib", png(2, 2, idat=b"\x78\x9c\xff\xff\xff")),
        ("png-truncated-ihdr", ok[:20]),
        ("png-signature-only", ok[:8]),
        ("png-huge-chunk", ok[:33] + struct.pack(">I", 0x7FFFFFFF) + b"IDAT" + b"\x00" * 16),
        ("jpeg-8x8-gray", jpeg(8, 8, [(1, 1)])),
        ("jpeg-13x7-gray", jpeg(13, 7, [(1, 1)], shade=200)),
        ("jpeg-16x16-444", jpeg(16, 16, [(1, 1), (1, 1), (1, 1)])),
        ("jpeg-20x18-420", jpeg(20, 18, [(2, 2), (1, 1), (1, 1)], shade=30)),
        ("jpeg-17x9-422", jpeg(17, 9, [(2, 1), (1, 1), (1, 1)], shade=250)),
    ]
    j = jpeg(8, 8, [(1, 1)])
    sof = j.index(b"\xff\xc0")
    seeds += [
        ("jpeg-truncated", j[: len(j) // 2]),
        ("jpeg-soi-only", b"\xff\xd8"),
        ("jpeg-no-eoi", j[:-2]),
        ("jpeg-lying-9000", j[: sof + 5] + struct.pack(">HH", 9000, 9000) + j[sof + 9:]),
        ("jpeg-lying-500", j[: sof + 5] + struct.pack(">HH", 500, 300) + j[sof + 9:]),
        ("jpeg-zero-height", j[: sof + 5] + struct.pack(">HH", 0, 8) + j[sof + 9:]),
        ("jpeg-progressive-marker", j[:sof] + b"\xff\xc2" + j[sof + 2:]),
        ("jpeg-bad-length", j[:sof + 2] + b"\xff\xff" + j[sof + 4:]),
        ("gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("bmp", b"BM" + b"\x00" * 60),
    ]
    return seeds


# ---------------------------------------------------------------- programme
def programme_seeds():
    """The test exports and the demo's, each under every fallback zone byte, and a few
    hand-made edges. Byte 0: fallback zone (0 none, 1 Toronto, 2 Paris, 3 a bad name)."""
    seeds = []
    sources = [os.path.join(ROOT, "tests", "programme", n)
               for n in sorted(os.listdir(os.path.join(ROOT, "tests", "programme")))]
    demo = os.path.join(ROOT, "assets", "demo", "programme.json")
    if os.path.exists(demo):
        sources.append(demo)
    for path in sources:
        with open(path, "rb") as f:
            doc = json.load(f)
        name = os.path.splitext(os.path.basename(path))[0]
        seeds.append(("%s-0" % name, b"0" + js(doc).encode("utf-8")))
        seeds.append(("%s-1" % name, b"1" + js(doc).encode("utf-8")))

    def one(talk, day=None, conf=None):
        d = {"index": 1, "date": "2026-12-08", "rooms": {"Hall": [talk]}}
        d.update(day or {})
        c = {"title": "Edge", "time_zone_name": "America/Toronto", "days": [d]}
        c.update(conf or {})
        return js({"schedule": {"version": "1", "conference": c}}).encode("utf-8")

    base = {"title": "T", "start": "09:00", "duration": "00:30"}
    edges = [
        ("duration-day", dict(base, duration="1:00:00")),
        ("duration-bad", dict(base, duration="1:60")),
        ("local-date", dict(base, date="2026-11-01T01:30:00")),
        ("gap-date", dict(base, date="2026-03-08T02:30")),
        ("after-midnight", dict(base, start="01:00")),
        ("persons", dict(base, persons=[{"public_name": "A"}, {"name": "B"}, "C", 1, {}])),
        ("controls", dict(base, title="a\u0000b\u001bc\u2028d\n\te")),
        ("language", dict(base, language="pt_BR")),
        ("id-number", dict(base, id=12345678901234)),
    ]
    for name, talk in edges:
        seeds.append(("edge-%s" % name, b"2" + one(talk)))
    seeds.append(("edge-day-bounds", b"3" + one(base, {"day_start": "2026-12-08T10:00:00-05:00",
                                                      "day_end": "2026-12-09T04:00:00-05:00"})))
    seeds.append(("edge-tracks", b"1" + one(dict(base, track="P"),
                                            conf={"tracks": [{"name": "P", "color": "#abc"}]})))
    seeds.append(("edge-not-json", b"0{\"schedule\": {"))
    return seeds


def reset(target):
    d = os.path.join(CORPUS, target)
    if os.path.isdir(d):
        for n in os.listdir(d):
            os.remove(os.path.join(d, n))


def main():
    for target in ("feed", "programme", "url", "text", "bidi", "image_probe", "image_decode"):
        reset(target)
    for name, data in feed_seeds() + fixture_seeds():
        write("feed", name, data)
    for name, data in programme_seeds():
        write("programme", name, data)
    for name, data in url_seeds():
        write("url", name, data)
    for name, data in text_seeds():
        write("text", name, data)
    for name, data in bidi_seeds():
        write("bidi", name, data)
    for name, data in image_seeds():
        write("image_probe", name, data)
        if name.startswith(("png", "jpeg")):
            write("image_decode", name, data)
    total = 0
    for dirpath, _, names in os.walk(CORPUS):
        total += sum(os.path.getsize(os.path.join(dirpath, n)) for n in names)
    print("corpus: %d KiB in %s" % (total // 1024, os.path.relpath(CORPUS, ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
