#!/usr/bin/env python3
"""Stray signals and a closed log pipe never kill vitrine (app/program/signals.h).

The real binary, headless, is sent each signal a screen meets in the field: SIGHUP (the
SSH session that started it closed; documented as "reload"), SIGUSR1 (status file now
and a state line), SIGUSR2 (frame statistics), SIGPIPE; then its log pipe is closed
under it and it must keep drawing; SIGINT and SIGTERM still exit cleanly with 0.

Environment: VITRINE (the binary).
"""
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import unittest

VITRINE = os.environ.get("VITRINE") or os.environ.get("VITRINE_BIN")
START_TIMEOUT_S = 60  # a sanitizer build on a loaded machine starts in well under this


def env():
    e = dict(os.environ)
    e.pop("DISPLAY", None)
    e.pop("WAYLAND_DISPLAY", None)
    return e


class Log:
    """vitrine's stderr, read on a thread so the pipe never fills."""

    def __init__(self, stream):
        self.lines = []
        self.lock = threading.Lock()
        self.stream = stream
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for raw in self.stream:
            with self.lock:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def count(self, needle):
        with self.lock:
            return sum(needle in line for line in self.lines)

    def wait_for(self, needle, n=1, timeout=START_TIMEOUT_S):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count(needle) >= n:
                return True
            time.sleep(0.05)
        return False

    def text(self):
        with self.lock:
            return "\n".join(self.lines)


class Signals(unittest.TestCase):
    def start(self, d, stderr=subprocess.PIPE):
        cmd = [VITRINE, "--headless", "--size", "640x360", "--cache-dir",
               os.path.join(d, "cache"), "--status", os.path.join(d, "status.json")]
        proc = subprocess.Popen(cmd, env=env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=stderr)
        self.addCleanup(self.end, proc)
        return proc

    def end(self, proc):
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)

    def updated(self, d):
        path = os.path.join(d, "status.json")
        deadline = time.monotonic() + START_TIMEOUT_S
        while not os.path.exists(path) and time.monotonic() < deadline:
            time.sleep(0.05)  # written once the status opens, just after "starting"
        with open(path, encoding="utf-8") as f:
            return json.load(f)["updated"]

    def test_stray_signals_are_handled_and_sigterm_still_exits_0(self):
        with tempfile.TemporaryDirectory() as d:
            proc = self.start(d)
            log = Log(proc.stderr)
            self.assertTrue(log.wait_for("first frame"), log.text())

            before = self.updated(d)
            time.sleep(1.1)  # the status file's "updated" has a one-second resolution
            proc.send_signal(signal.SIGUSR1)
            self.assertTrue(log.wait_for("info: state: showing"), log.text())
            self.assertNotEqual(self.updated(d), before, "SIGUSR1 did not rewrite the status")

            proc.send_signal(signal.SIGUSR2)
            self.assertTrue(log.wait_for("frame time in transitions"), log.text())

            proc.send_signal(signal.SIGPIPE)
            time.sleep(0.5)
            self.assertIsNone(proc.poll(), "SIGPIPE killed vitrine:\n" + log.text())

            pid = proc.pid
            proc.send_signal(signal.SIGHUP)
            self.assertTrue(log.wait_for("SIGHUP: reloading"), log.text())
            self.assertTrue(log.wait_for("first frame", n=2), "no reload:\n" + log.text())
            self.assertIsNone(proc.poll(), "SIGHUP killed vitrine:\n" + log.text())
            self.assertEqual(proc.pid, pid)  # the same process: systemd keeps its unit

            proc.send_signal(signal.SIGTERM)
            self.assertEqual(proc.wait(timeout=60), 0, log.text())

    def test_sighup_with_a_broken_config_keeps_the_running_one(self):
        with tempfile.TemporaryDirectory() as d:
            conf = os.path.join(d, "vitrine.conf")
            with open(conf, "w", encoding="utf-8") as f:
                f.write("interval = 30\n")
            cmd = [VITRINE, "--headless", "--size", "640x360", "--config", conf,
                   "--cache-dir", os.path.join(d, "cache")]
            proc = subprocess.Popen(cmd, env=env(), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self.addCleanup(self.end, proc)
            log = Log(proc.stderr)
            self.assertTrue(log.wait_for("first frame"), log.text())
            with open(conf, "w", encoding="utf-8") as f:
                f.write("interval = soon\n")
            proc.send_signal(signal.SIGHUP)
            self.assertTrue(log.wait_for("SIGHUP: not reloading"), log.text())
            self.assertIn(f"{conf}:1:", log.text())
            time.sleep(1)
            self.assertIsNone(proc.poll(), log.text())
            self.assertEqual(log.count("first frame"), 1, log.text())
            proc.send_signal(signal.SIGINT)
            self.assertEqual(proc.wait(timeout=60), 0, log.text())

    def test_a_closed_log_pipe_does_not_stop_the_slideshow(self):
        with tempfile.TemporaryDirectory() as d:
            read_end, write_end = os.pipe()
            proc = self.start(d, stderr=write_end)
            os.close(write_end)
            with os.fdopen(read_end, "rb") as reader:  # like `| head -1`, then gone
                self.assertIn(b"starting", reader.readline())
            # Every signal below makes vitrine write a log line into the closed pipe.
            for _ in range(3):
                before = self.updated(d)
                time.sleep(1.1)
                proc.send_signal(signal.SIGUSR1)
                deadline = time.monotonic() + 30
                while self.updated(d) == before and time.monotonic() < deadline:
                    time.sleep(0.1)
                self.assertIsNone(proc.poll(), "vitrine died writing to a closed pipe")
                self.assertNotEqual(self.updated(d), before, "vitrine stopped answering")
            proc.send_signal(signal.SIGTERM)
            self.assertEqual(proc.wait(timeout=60), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
