"""The characters vitrine adds to a slide itself (labels.c: "MOVED → Agora", "⚠ ALERT",
"DÉLÉGATION"...) have a glyph on a system with only one of the fonts packages the .deb
accepts (Depends: fonts-noto-core | fonts-dejavu-core). Found in the system test: on a
clean Debian with fonts-noto-core alone, the board's arrow was drawn as nothing.

Reads fonts/fonts.list as vitrine does and each font's character set with fc-query.
Environment: VITRINE_SOURCE (the tree).
"""
import ast
import os
import re
import shutil
import subprocess
import unittest

SOURCE = os.environ["VITRINE_SOURCE"]
PACKAGES = {"fonts-noto-core": "/usr/share/fonts/truetype/noto/",
            "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/"}


def label_characters():
    """Every non-ASCII character of labels.c's string literals."""
    with open(os.path.join(SOURCE, "app", "screen", "labels.c"), encoding="utf-8") as f:
        text = f.read()
    chars = set()
    for lit in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        escaped = "".join(c if ord(c) < 0x80 else "\\x%02x" % b
                          for c in lit for b in c.encode("utf-8"))
        raw = ast.literal_eval('b"' + escaped + '"')  # C's \x escapes are Python's
        chars |= {c for c in raw.decode("utf-8") if ord(c) > 0x7e}
    return chars


def font_roles():
    roles = {}
    with open(os.path.join(SOURCE, "fonts", "fonts.list"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts and not parts[0].startswith("#"):
                roles.setdefault(parts[0], []).extend(parts[1:])
    return roles


def charset(path):
    out = subprocess.run(["fc-query", "--format=%{charset}", path], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    ranges = []
    for r in out.split():
        a, _, b = r.partition("-")
        ranges.append((int(a, 16), int(b or a, 16)))
    return ranges


def covers(ranges, c):
    return any(a <= ord(c) <= b for a, b in ranges)


@unittest.skipUnless(shutil.which("fc-query"), "fc-query (fontconfig) not installed")
class Fonts(unittest.TestCase):
    def test_every_label_character_has_a_glyph_with_either_fonts_package_alone(self):
        chars = label_characters()
        self.assertIn("\u2192", chars, "labels.c's arrow not found: the parser is wrong")
        roles = font_roles()
        for package, folder in PACKAGES.items():
            with self.subTest(package=package):
                # As vitrine picks them: the first existing regular, then every fallback.
                regular = [p for p in roles["regular"] if p.startswith(folder)][:1]
                faces = regular + [p for p in roles["fallback"] if p.startswith(folder)]
                present = [p for p in faces if os.path.exists(p)]
                if len(present) < len(faces):
                    self.skipTest("%s is not installed here" % package)
                sets = [charset(p) for p in present]
                missing = sorted(c for c in chars if not any(covers(s, c) for s in sets))
                self.assertEqual(missing, [], "%s alone draws nothing for %s" % (
                    package, ", ".join("U+%04X %s" % (ord(c), c) for c in missing)))


if __name__ == "__main__":
    unittest.main()
