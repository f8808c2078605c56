#!/usr/bin/env python3
"""The real binary talks to systemd as vitrine.service expects (Type=notify,
WatchdogSec=): run headless with NOTIFY_SOCKET pointing at a datagram socket this test
owns, and WATCHDOG_USEC set, it must send READY=1 once the first frame is up, then
WATCHDOG=1 again and again from the render loop while the screen idles, and STATUS=
lines a technician can read. A loop that stopped pinging would be killed by systemd.

Environment: VITRINE (the binary). A vitrine built without libsystemd fails here: the
unit (Type=notify, WatchdogSec) would kill it at every start.
"""
import os
import socket
import subprocess
import tempfile
import time
import unittest

VITRINE = os.environ.get("VITRINE") or os.environ.get("VITRINE_BIN")
RUN_S = 6
WATCHDOG_S = 2  # WatchdogSec: vitrine must ping at least every second


def notify_socket(d):
    """A datagram socket in d standing in for systemd's, and the environment that points
    a headless vitrine at it with a watchdog of WATCHDOG_S."""
    path = os.path.join(d, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.5)
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC=str(WATCHDOG_S * 10**6))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return sock, env


def built_with_systemd():
    out = subprocess.run([VITRINE, "--version"], capture_output=True, text=True, timeout=30)
    return "systemd" in out.stdout


class Notify(unittest.TestCase):
    def test_ready_then_watchdog_pings_from_the_render_loop(self):
        self.assertTrue(built_with_systemd(), "vitrine --version lists no systemd: built "
                        "without libsystemd, the service would never see it ready")
        with tempfile.TemporaryDirectory() as d:
            sock, env = notify_socket(d)
            proc = subprocess.Popen([VITRINE, "--headless", "--size", "640x360", "--run-for",
                                     str(RUN_S), "--cache-dir", os.path.join(d, "cache")],
                                    env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            got = []  # (monotonic seconds, message)
            try:
                deadline = time.monotonic() + RUN_S + 30
                while proc.poll() is None and time.monotonic() < deadline:
                    try:
                        got.append((time.monotonic(), sock.recv(4096).decode()))
                    except socket.timeout:
                        pass
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                sock.close()
            self.assertEqual(proc.returncode, 0)
            messages = [m for _, m in got]
            self.assertIn("READY=1", messages)
            pings = [t for t, m in got if m == "WATCHDOG=1"]
            # Idle between slides, still pinging: never a gap systemd would kill for. By
            # design (platform.c) a gap is at most 3/4 of WatchdogSec; 0.9 leaves room for
            # a loaded machine.
            self.assertGreaterEqual(len(pings), RUN_S - 2, messages)
            gaps = [b - a for a, b in zip(pings, pings[1:])]
            self.assertLess(max(gaps), WATCHDOG_S * 0.9, gaps)
            self.assertLess(messages.index("READY=1"), messages.index("WATCHDOG=1"))
            self.assertTrue(any(m.startswith("STATUS=") for m in messages), messages)

    def test_an_invalid_config_under_systemd_shows_the_card_and_stays_up(self):
        """Under systemd (NOTIFY_SOCKET set) a vitrine.conf that does not parse gives one
        stderr (journal) line naming the file and the line, then the configuration-error
        card on screen, READY=1 and watchdog pings: no exit, so no restart storm and no
        black screen. From a terminal (no NOTIFY_SOCKET) it is still exit status 2."""
        pngstat = os.environ.get("PNGSTAT")
        with tempfile.TemporaryDirectory() as d:
            conf = os.path.join(d, "vitrine.conf")
            with open(conf, "w") as f:
                f.write("interval = 30\nfed = typo\n")
            plain = subprocess.run([VITRINE, "--config", conf, "--headless", "--run-for", "1"],
                                   capture_output=True, text=True, timeout=60)
            self.assertEqual(plain.returncode, 2, plain.stderr)
            sock, env = notify_socket(d)
            shots = {}
            for name, extra in (("card", ["--config", conf]), ("demo", [])):
                shots[name] = os.path.join(d, name + ".png")
                proc = subprocess.Popen([VITRINE, *extra, "--headless", "--size", "640x360",
                                         "--run-for", "4", "--screenshot", shots[name],
                                         "--cache-dir", os.path.join(d, "cache")],
                                        env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
                got = []
                try:
                    deadline = time.monotonic() + 60
                    while proc.poll() is None and time.monotonic() < deadline:
                        try:
                            got.append(sock.recv(4096).decode())
                        except socket.timeout:
                            pass
                    err = proc.communicate(timeout=30)[1]
                finally:
                    if proc.poll() is None:
                        proc.kill()
                    proc.wait()
                if name == "card":
                    self.assertEqual(proc.returncode, 0, err)
                    named = [line for line in err.splitlines() if f"{conf}:2:" in line]
                    self.assertEqual(len(named), 1, err)
                    self.assertIn("fed", named[0])
                    self.assertIn("READY=1", got)
                    self.assertGreaterEqual(got.count("WATCHDOG=1"), 2, got)
            sock.close()
            self.assertTrue(os.path.getsize(shots["card"]) > 0)
            if pngstat:
                card, demo = (subprocess.run([pngstat, shots[n]], capture_output=True, text=True,
                                             check=True, timeout=60).stdout for n in ("card", "demo"))
                self.assertNotEqual(card, demo)  # the card, not the demo deck
                self.assertRegex(card, r'"colors":\s*([3-9]|\d\d)')


if __name__ == "__main__":
    unittest.main(verbosity=2)
