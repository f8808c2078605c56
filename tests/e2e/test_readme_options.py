#!/usr/bin/env python3
"""The README's options table says what the binary's settings table says.

`vitrine --help` is generated from app/program/settings.c; the README is written by
hand. This test reads both and fails on any difference a user would trip over: a flag
in one and not the other, a configuration key missing from the README's --config row,
or a range or default in --help that the README's row does not state.

Environment: VITRINE (the binary), VITRINE_SOURCE (the tree).
"""
import os
import re
import subprocess
import unittest

VITRINE = os.environ["VITRINE"]
README = os.path.join(os.environ["VITRINE_SOURCE"], "README.md")


def help_text():
    res = subprocess.run([VITRINE, "--help"], capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    return res.stdout


def help_flags(text):
    """{flag: the rest of its line} from --help."""
    return {m.group(1): m.group(2)
            for m in re.finditer(r"^  --([a-z][a-z-]*)(?: \S+)?\s+(.*)$", text, re.M)}


def help_keys(text):
    block = text.split("Configuration file keys")[1].split("\n\n")[0]
    return set(block.split(":", 1)[1].split())


def readme_rows():
    """{flag: the README row's description} from the options table."""
    with open(README, encoding="utf-8") as f:
        lines = f.read().splitlines()
    start = lines.index("| option | what it does |")
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        for flag in re.findall(r"`--([a-z][a-z-]*)", cells[0]):
            rows[flag] = cells[1]
    return rows


class ReadmeOptions(unittest.TestCase):
    def setUp(self):
        self.help = help_text()
        self.flags = help_flags(self.help)
        self.rows = readme_rows()

    def test_the_same_flags(self):
        self.assertGreater(len(self.flags), 15)
        self.assertEqual(sorted(set(self.flags) - set(self.rows)), [], "flags missing in README")
        self.assertEqual(sorted(set(self.rows) - set(self.flags)), [], "README flags vitrine lacks")

    def test_the_config_row_names_every_key(self):
        keys = help_keys(self.help)
        named = set(re.findall(r"`?([a-z_]+)`?", self.rows["config"].split("(")[1].split(")")[0]))
        self.assertEqual(sorted(keys - named), [], "keys missing from the README's --config row")
        self.assertEqual(sorted(named - keys), [], "README keys vitrine does not read")

    def test_ranges_and_defaults_match(self):
        checked = 0
        for flag, line in self.flags.items():
            m = re.search(r"\((\d+)-(\d+), default (\d+)\)", line)
            if not m:
                continue
            lo, hi, default = m.groups()
            row = self.rows[flag]
            for number in (lo, hi):
                self.assertRegex(row, rf"(?<!\d){number}(?!\d)", f"--{flag}: README lacks {number}")
            self.assertIn(f"default {default}", row, f"--{flag}: README lacks its default")
            checked += 1
        self.assertGreaterEqual(checked, 2)


if __name__ == "__main__":
    unittest.main()
