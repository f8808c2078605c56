#!/usr/bin/env python3
"""vitrine on a real system: boots the Debian 12 image made by image.sh in QEMU with a
KMS virtual GPU (virtio-vga), and proves, with a figure each in report.json, what the
Raspberry Pi path promises: first boot to the demo deck, a technician's configuration,
feed edits, the watchdog, restarts, an invalid config, the sandbox, power cuts with a
feed changing every second, and disk writes in a steady slideshow.

The guest's only way out is QEMU's user network with restrict=on plus one guestfwd
(10.0.2.100:80) to the feed server this test runs on the host's 127.0.0.1. Commands
reach the guest through the image's test agent (agent.py) on a virtio-serial port;
pictures come from the QEMU monitor's screendump. Every wait is bounded and every QEMU
is ended by its PID.

Usage: system_test.py --image DIR --out DIR [--arch amd64|arm64] [--only PHASES]
       [--time-scale FACTOR]"""
import argparse
import http.server
import json
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib

FEED_IP = "10.0.2.100"
FEED_URL = f"http://{FEED_IP}/feed.json"
STATUS = "/run/vitrine/status.json"  # vitrine.conf's status, in RAM
WATCHDOG_SEC, RESTART_SEC = 30, 5


def log(msg):
    print(f"system: {msg}", flush=True)


class Failure(Exception):
    pass


# --- the feed server on 127.0.0.1 ---------------------------------------------------------


def deck(version, title_en):
    return {
        "vitrine": 1,
        "event": {"name": {"fr": "Test système", "en": "System test"}, "timezone": "UTC"},
        # One language: the screen then changes only when the deck does (two would
        # alternate, and the alternation would pass for the edit).
        "languages": ["en"],
        "defaults": {"duration": 20, "transition": "cut"},
        "slides": [{
            "id": "announce",
            "type": "announcement",
            "title": {"en": title_en, "fr": title_en},
            "text": {"en": f"Deck version {version}: served to the VM through its one "
                           "guestfwd.", "fr": f"Version {version}"},
            "where": {"en": "Hall B", "fr": "Salle B"},
        }],
    }


class Feed:
    def __init__(self):
        self.lock = threading.Lock()
        self.mode = "ok"  # or "503"
        self.requests = 0
        self.set(1, "Welcome to the system test")
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                with feed.lock:
                    feed.requests += 1
                    mode, body, etag = feed.mode, feed.body, feed.etag
                if self.path.split("?")[0] != "/feed.json":
                    self.send_error(404)
                    return
                if mode == "503":
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.send_header("Retry-After", "5")
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def set(self, version, title):
        body = json.dumps(deck(version, title)).encode()
        with self.lock:
            self.version, self.body, self.etag = version, body, f'"v{version}"'

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# --- pictures -----------------------------------------------------------------------------


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m:
        raise Failure(f"{path} is not a binary PPM")
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():m.end() + w * h * 3]


def write_png(path, w, h, rgb):
    rows = b"".join(b"\0" + rgb[y * w * 3:(y + 1) * w * 3] for y in range(h))

    def chunk(kind, body):
        c = struct.pack(">I", len(body)) + kind + body
        return c + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def picture_stats(rgb):
    """Sampled: share of lit pixels (not the console's pure black), distinct coarse
    colours."""
    n = lit = 0
    colours = set()
    for i in range(0, len(rgb) - 2, 3 * 97):
        r, g, b = rgb[i], rgb[i + 1], rgb[i + 2]
        n += 1
        if max(r, g, b) > 8:
            lit += 1
        colours.add((r >> 5, g >> 5, b >> 5))
    return {"lit": round(lit / max(n, 1), 4), "colours": len(colours)}


def classify(stats):
    """A slide paints the whole screen (its background is a colour, never pure black);
    the kernel console is sparse text on pure black; a dark screen is all black."""
    if stats["lit"] < 0.005:
        return "black"
    if stats["lit"] > 0.70 and stats["colours"] >= 3:
        return "slide"
    return "console"


def difference(a, b):
    if len(a) != len(b):
        return 1.0
    n = diff = 0
    for i in range(0, len(a) - 2, 3 * 31):
        n += 1
        if abs(a[i] - b[i]) + abs(a[i + 1] - b[i + 1]) + abs(a[i + 2] - b[i + 2]) > 60:
            diff += 1
    return diff / max(n, 1)


# --- the VM -------------------------------------------------------------------------------


class VM:
    def __init__(self, args, feed, disk, work):
        self.args, self.feed, self.disk, self.work = args, feed, disk, work
        self.proc = None
        self.accel = None
        self.shots = 0
        self.agent_sock = None
        self.agent_id = 0
        self.agent_buf = b""

    def command(self, accel, verbose=False):
        img = self.args.image
        w = self.work
        relay = f"cmd:socat - TCP:127.0.0.1:{self.feed.port}"
        net = f"user,id=net0,restrict=on,guestfwd=tcp:{FEED_IP}:80-{relay}"
        # quiet: under TCG every character on the emulated UART costs; the KVM probe
        # boots verbose, since it judges KVM by the kernel's first lines there.
        append = "root=/dev/vda ro console=ttyS0,115200 " + ("" if verbose else "quiet ") + self.args.append
        if self.args.arch == "amd64":
            cmd = ["qemu-system-x86_64", "-machine", f"q35,accel={accel}",
                   "-cpu", "host" if accel == "kvm" else "max", "-vga", "none",
                   "-device", "virtio-vga,xres=1280,yres=720"]
            blk = "virtio-blk-pci"
        else:
            # cortex-a72: the Raspberry Pi 4's core; also cheaper under TCG than -cpu max,
            # whose pointer authentication (QARMA) is emulated at a cost on every call.
            cmd = ["qemu-system-aarch64", "-machine", f"virt,accel={accel}", "-cpu", "cortex-a72",
                   "-device", "virtio-gpu-pci,xres=1280,yres=720"]
            blk = "virtio-blk-pci"
            append = append.replace("ttyS0", "ttyAMA0")
        cmd += ["-smp", "2", "-m", "1024", "-nodefaults", "-no-user-config",
                "-display", "none",
                "-kernel", f"{img}/vmlinuz", "-initrd", f"{img}/initrd.img",
                "-append", append,
                "-blockdev", f"driver=qcow2,node-name=root,file.driver=file,file.filename={self.disk}",
                "-device", f"{blk},drive=root,id=rootdisk",
                "-netdev", net, "-device", "virtio-net-pci,netdev=net0",
                "-chardev", f"socket,id=agent,path={w}/agent.sock,server=on,wait=off",
                "-device", "virtio-serial-pci", "-device", "virtserialport,chardev=agent,name=agent",
                "-monitor", f"unix:{w}/monitor.sock,server=on,wait=off",
                "-serial", f"file:{w}/serial.log"]
        return cmd

    def start(self, accel, verbose=False):
        for s in ("agent.sock", "monitor.sock"):
            try:
                os.unlink(f"{self.work}/{s}")
            except FileNotFoundError:
                pass
        open(f"{self.work}/serial.log", "w").close()
        self.accel = accel
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(self.command(accel, verbose), stdin=subprocess.DEVNULL,
                                     stdout=open(f"{self.work}/qemu.log", "a"),
                                     stderr=subprocess.STDOUT)
        self.agent_sock = None
        deadline = time.monotonic() + 10
        while not os.path.exists(f"{self.work}/monitor.sock"):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise Failure(f"QEMU did not start: {open(self.work + '/qemu.log').read()[-800:]}")
            time.sleep(0.05)

    def kill(self):
        """A power cut: SIGKILL to QEMU's PID, no shutdown."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None
        if self.agent_sock:
            self.agent_sock.close()
            self.agent_sock = None

    def serial(self):
        with open(f"{self.work}/serial.log", "rb") as f:
            return f.read().decode("utf-8", "replace")

    def monitor(self, line, timeout=20):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(timeout)
        s.connect(f"{self.work}/monitor.sock")
        buf = b""
        deadline = time.monotonic() + timeout
        while not buf.endswith(b"(qemu) "):
            if time.monotonic() > deadline:
                raise Failure("the QEMU monitor does not answer")
            buf += s.recv(4096)
        s.sendall(line.encode() + b"\n")
        buf = b""
        while not buf.endswith(b"(qemu) "):
            if time.monotonic() > deadline:
                raise Failure(f"the QEMU monitor did not finish {line!r}")
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
        s.close()
        return buf.decode("utf-8", "replace")

    def screenshot(self, name=None):
        self.shots += 1
        ppm = f"{self.work}/shot.ppm"
        if os.path.exists(ppm):
            os.unlink(ppm)
        self.monitor(f"screendump {ppm}")
        deadline = time.monotonic() + 10
        while not os.path.exists(ppm) or os.path.getsize(ppm) < 20:
            if time.monotonic() > deadline:
                raise Failure("screendump wrote nothing")
            time.sleep(0.05)
        time.sleep(0.05)
        w, h, rgb = read_ppm(ppm)
        stats = picture_stats(rgb)
        if name:
            write_png(f"{self.args.out}/{name}.png", w, h, rgb)
        return classify(stats), stats, rgb

    def wait_screen(self, want, timeout, name=None, step=1.0):
        timeout *= self.args.time_scale
        deadline = time.monotonic() + timeout
        kind = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failure(f"QEMU exited: {open(self.work + '/qemu.log').read()[-500:]}")
            kind, stats, rgb = self.screenshot()
            if kind == want:
                if name:
                    self.screenshot(name)
                return time.monotonic(), stats, rgb
            time.sleep(step)
        self.screenshot((name or "timeout") + "-timeout")
        raise Failure(f"the screen did not show a {want} within {timeout} s (last: {kind})")

    def run(self, cmd, timeout=30, check=True):
        """Runs a shell command in the guest through the agent."""
        timeout *= self.args.time_scale
        deadline = time.monotonic() + timeout + 5
        while self.agent_sock is None:
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect(f"{self.work}/agent.sock")
                s.sendall(b"\n")
                self.agent_sock, self.agent_buf = s, b""
            except OSError:
                if time.monotonic() > deadline:
                    raise Failure("cannot reach the agent socket")
                time.sleep(0.2)
        self.agent_id += 1
        rid = self.agent_id
        self.agent_sock.sendall((json.dumps({"id": rid, "cmd": cmd, "timeout": timeout}) + "\n").encode())
        while True:
            while b"\n" in self.agent_buf:
                line, self.agent_buf = self.agent_buf.split(b"\n", 1)
                try:
                    ans = json.loads(line)
                except ValueError:
                    continue
                if ans.get("id") == rid:
                    if check and ans["rc"] != 0:
                        raise Failure(f"guest: {cmd!r} exit {ans['rc']}: {ans['err'][-500:]}")
                    return ans
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure(f"guest: no answer to {cmd!r} within {timeout} s")
            self.agent_sock.settimeout(left)
            try:
                chunk = self.agent_sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                self.agent_sock.close()
                self.agent_sock = None
                raise Failure("the agent connection closed")
            self.agent_buf += chunk

    def wait_agent(self, timeout):
        """Until the guest's agent answers (the system is up to multi-user)."""
        timeout *= self.args.time_scale
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failure("QEMU exited while waiting for the agent")
            try:
                self.run("true", timeout=3)  # scaled by run
                return time.monotonic()
            except Failure:
                if self.agent_sock:
                    self.agent_sock.close()
                self.agent_sock = None
                time.sleep(1)
        raise Failure(f"the guest's agent did not answer within {timeout} s")

    def out(self, cmd, timeout=30):
        return self.run(cmd, timeout).get("out", "")

    def write_bytes(self):
        m = re.search(r"rootdisk.*?wr_bytes=(\d+)|wr_bytes=(\d+)", self.monitor("info blockstats"), re.S)
        return int(m.group(1) or m.group(2)) if m else -1


# --- the checks ---------------------------------------------------------------------------


def journal(vm, unit="vitrine.service", since_boot=True):
    return vm.out(f"journalctl -b -u {unit} -o short-monotonic --no-pager", 30)


def main_pid(vm):
    return int(vm.out("systemctl show -p MainPID --value vitrine").strip() or 0)


def set_config(vm, lines):
    body = "\\n".join(lines)
    vm.run(f"printf '{body}\\n' >/etc/vitrine/vitrine.conf")


def unit_start_to_ready(text):
    """Seconds from systemd's 'Starting vitrine' to its 'Started' (READY=1, sent after
    the first frame), the last pair in the journal text."""
    start = ready = None
    for line in text.splitlines():
        m = re.match(r"\[\s*([\d.]+)\]", line)
        if not m:
            continue
        if "Starting vitrine" in line:
            start, ready = float(m.group(1)), None
        elif "Started vitrine" in line and start is not None:
            ready = float(m.group(1))
    return round(ready - start, 2) if start is not None and ready is not None else None


def probe_accel(vm, report):
    """KVM only when it really works: a guest printing nothing on its serial console
    within a few seconds does not."""
    if os.access("/dev/kvm", os.R_OK | os.W_OK) and not vm.args.no_kvm and vm.args.arch == "amd64":
        vm.start("kvm", verbose=True)
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and vm.proc.poll() is None:
            if len(vm.serial()) > 0:
                report["accel"] = "kvm"
                report["accel_why"] = "/dev/kvm is there and the guest printed on its serial console within 8 s"
                return
            time.sleep(0.2)
        if vm.proc.poll() is not None:
            lines = [line for line in open(f"{vm.work}/qemu.log").read().splitlines() if line.strip()]
            why = "QEMU exited: " + " / ".join(lines[-2:])
        else:
            why = "the guest printed nothing on its serial console within 8 s"
        log(f"KVM does not work here ({why}): falling back to TCG")
        report["kvm_refused"] = why
        report["accel_why"] = "KVM refused: " + why
        vm.kill()
    else:
        report["accel_why"] = ("no usable /dev/kvm" if not vm.args.no_kvm and vm.args.arch == "amd64"
                               else "KVM not tried (--no-kvm or not amd64)")
    vm.start("tcg")
    report["accel"] = "tcg"


def first_boot(vm, report):
    probe_accel(vm, report)
    t, stats, _ = vm.wait_screen("slide", 300, "first-boot")
    report["first_boot_to_slide_s"] = round(t - vm.t0, 1)
    log(f"first boot ({report['accel']}): a slide on screen {report['first_boot_to_slide_s']} s after QEMU started")
    vm.wait_agent(120)
    j = journal(vm)
    with open(f"{vm.args.out}/journal-first-boot.txt", "w") as f:
        f.write(j)
    report["unit_start_to_first_frame_s"] = unit_start_to_ready(j)
    for bad in ("Operation not permitted", "mesa_shader_cache", "Couldn't find matching render driver",
                "EGL not initialized", "could not compose"):
        if bad in j:
            raise Failure(f"the first boot's journal says '{bad}' (journal-first-boot.txt)")
    report["mesa_loader"] = sorted(set(re.findall(r"MESA-LOADER: [^\n]*", j)))
    m = re.search(r"renderer (\S+)\s*$", j, re.M)
    report["renderer"] = m.group(1) if m else None
    # vitrine must not start before the GPU's driver is there and fail once: ordered
    # only after display-manager.service (not after the network) it did, twice in two
    # boots ("cannot start SDL: kmsdrm not available", even after `udevadm settle`).
    report["first_boot_restarts"] = int(vm.out("systemctl show -p NRestarts --value vitrine").strip() or 0)
    if report["first_boot_restarts"]:
        raise Failure(f"vitrine failed and was restarted {report['first_boot_restarts']} times in the first boot "
                      "(journal-first-boot.txt)")
    report["unit_path"] = vm.out("systemctl show -p FragmentPath --value vitrine").strip()
    if report["unit_path"] != "/lib/systemd/system/vitrine.service":
        raise Failure(f"the unit is {report['unit_path']}")
    log(f"unit start -> first frame {report['unit_start_to_first_frame_s']} s, renderer {report['renderer']}")


def reboot(vm):
    """systemctl reboot in the guest; its answer may never come (the agent dies)."""
    try:
        vm.run("systemctl reboot", check=False, timeout=5)
    except Failure:
        pass
    if vm.agent_sock:
        vm.agent_sock.close()
        vm.agent_sock = None
    time.sleep(5)


def configured(vm, feed, report):
    set_config(vm, [f"feed = {FEED_URL}", "interval = 5", f"status = {STATUS}"])
    vm.run("sync")
    t_reboot = time.monotonic()
    reboot(vm)
    vm.wait_agent(240)
    deadline = time.monotonic() + 120 * vm.args.time_scale
    status = ""
    while time.monotonic() < deadline:
        status = vm.run("vitrinectl status", check=False)["out"]
        if "from the feed" in status:
            break
        time.sleep(2)
    else:
        raise Failure(f"after the reboot vitrinectl status does not show the feed:\n{status}")
    t, _, before = vm.wait_screen("slide", 60, "configured-feed")
    report["reboot_to_feed_deck_s"] = round(t - t_reboot, 1)
    report["vitrinectl_status"] = status.strip().splitlines()
    log(f"configured: the feed's deck on screen {report['reboot_to_feed_deck_s']} s after the reboot")
    time.sleep(2)
    _, _, before = vm.screenshot()
    feed.set(2, "Edited on the host: room change")
    t_edit = time.monotonic()
    deadline = t_edit + 5 + 30 * vm.args.time_scale
    while time.monotonic() < deadline:
        kind, _, rgb = vm.screenshot()
        if kind == "slide" and difference(before, rgb) > 0.003:
            t = time.monotonic()
            st = vm.run(f"cat {STATUS}", check=False)["out"]
            try:
                version = json.loads(st).get("version") or ""
            except ValueError:
                version = ""
            if "v2" not in version:  # not the edit: something else moved on screen
                before = rgb
                continue
            report["edit_to_screen_s"] = round(t - t_edit, 1)
            vm.screenshot("feed-edited")
            break
        time.sleep(0.5)
    else:
        vm.screenshot("feed-edit-timeout")
        raise Failure(f"the feed edit did not reach the screen within interval + {30 * vm.args.time_scale:g} s")
    log(f"an edit on the host's feed on screen after {report['edit_to_screen_s']} s (interval 5 s)")


def sandbox(vm, report):
    out = vm.run("systemd-analyze security --no-pager vitrine.service", check=False)["out"]
    m = re.search(r"Overall exposure level for vitrine.service:\s*([\d.]+)\s*(\S+)", out)
    report["exposure_score"] = float(m.group(1)) if m else None
    report["exposure_level"] = m.group(2) if m else None
    pid = main_pid(vm)
    st = vm.out(f"cat /proc/{pid}/status")
    fields = {}
    for key in ("Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
                "NoNewPrivs", "Seccomp"):
        m = re.search(rf"^{key}:\s*(.*)$", st, re.M)
        fields[key] = m.group(1).strip() if m else None
    fields["user"] = vm.out(f"ps -o user= -p {pid}").strip()
    fields["groups"] = vm.out(f"id -nG {fields['user']}").strip()
    report["process"] = fields
    log(f"sandbox: exposure {report['exposure_score']} {report['exposure_level']}, user {fields['user']}, "
        f"groups {fields['groups']}, CapEff {fields['CapEff']}, Seccomp {fields['Seccomp']}")
    if fields["CapEff"] != "0000000000000000" or fields["CapBnd"] != "0000000000000000":
        raise Failure(f"vitrine has capabilities: {fields}")
    if fields["Seccomp"] != "2":
        raise Failure(f"vitrine runs without a seccomp filter: {fields['Seccomp']}")


def watchdog(vm, report):
    def wait_new_pid(old, timeout):
        """Seconds until systemd started a new vitrine (a new MainPID), and until it is
        active again (READY=1: its first frame is up)."""
        t0 = time.monotonic()
        deadline = t0 + timeout
        started = None
        while time.monotonic() < deadline:
            pid = main_pid(vm)
            if pid and pid != old and started is None:
                started = round(time.monotonic() - t0, 1)
            if started is not None and vm.run("systemctl is-active vitrine", check=False)["out"].strip() == "active":
                return started, round(time.monotonic() - t0, 1)
            time.sleep(0.5)
        raise Failure(f"vitrine was not restarted within {timeout} s")

    pid = main_pid(vm)
    vm.run(f"kill -STOP {pid}")
    t = time.monotonic()
    report["sigstop_to_new_process_s"], report["sigstop_to_active_s"] = wait_new_pid(
        pid, WATCHDOG_SEC + RESTART_SEC + 60)
    if report["sigstop_to_new_process_s"] > WATCHDOG_SEC + RESTART_SEC + 3:
        raise Failure(f"the watchdog restart took {report['sigstop_to_new_process_s']} s")
    vm.wait_screen("slide", 60, "after-watchdog")
    report["sigstop_to_slide_s"] = round(time.monotonic() - t, 1)
    j = journal(vm)
    if "Watchdog timeout" not in j:
        raise Failure("the journal does not say the watchdog killed vitrine")
    report["watchdog_journal"] = [line for line in j.splitlines() if "atchdog" in line][-2:]
    log(f"watchdog: SIGSTOP -> new process after {report['sigstop_to_new_process_s']} s, active after "
        f"{report['sigstop_to_active_s']} s "
        f"(WatchdogSec {WATCHDOG_SEC} + RestartSec {RESTART_SEC}), slide back after {report['sigstop_to_slide_s']} s")

    pid = main_pid(vm)
    vm.run(f"kill -KILL {pid}")
    report["sigkill_to_new_process_s"], report["sigkill_to_active_s"] = wait_new_pid(pid, RESTART_SEC + 60)
    vm.wait_screen("slide", 60)
    log(f"SIGKILL -> new process after {report['sigkill_to_new_process_s']} s, active after "
        f"{report['sigkill_to_active_s']} s")

    invalid_config(vm, report)


def invalid_config(vm, report):
    """An invalid vitrine.conf: one journal line naming the file and the line, vitrine
    stays up (no exit, no restart storm) and shows the configuration-error card."""
    _, _, deck_rgb = vm.screenshot()
    vm.run("cp /etc/vitrine/vitrine.conf /root/vitrine.conf.good && echo 'fed = typo' >>/etc/vitrine/vitrine.conf")
    bad_line = int(vm.out("wc -l </etc/vitrine/vitrine.conf").strip())
    vm.run("systemctl restart vitrine", check=False, timeout=90)  # resets NRestarts
    t0 = time.monotonic()
    deadline = t0 + 60
    kind = None
    while time.monotonic() < deadline:
        kind, _, rgb = vm.screenshot()
        if kind == "slide" and difference(deck_rgb, rgb) > 0.05:
            break
        time.sleep(1)
    else:
        vm.screenshot("invalid-config-timeout")
        raise Failure(f"the configuration-error card did not come on screen within 60 s (last: {kind})")
    card_s = round(time.monotonic() - t0, 1)
    vm.screenshot("invalid-config")
    # Two RestartSec past the card: a restart storm would show in NRestarts.
    time.sleep(max(0.0, 2 * RESTART_SEC + 2 - (time.monotonic() - t0)))
    restarts = int(vm.out("systemctl show -p NRestarts --value vitrine").strip() or 0)
    state = vm.out("systemctl is-active vitrine || true").strip()
    j = vm.out("journalctl -b -u vitrine -o cat --no-pager --since=-2min")
    named = [line for line in j.splitlines() if f"vitrine.conf:{bad_line}:" in line]
    report["invalid_config"] = {"journal": named, "journal_lines_naming_it": len(named),
                                "restarts": restarts, "state": state, "screen": kind,
                                "card_on_screen_s": card_s,
                                "watched_s": round(time.monotonic() - t0, 1)}
    if len(named) != 1 or restarts != 0 or state != "active":
        raise Failure(f"invalid config: {report['invalid_config']}")
    log(f"invalid config: {named[0]!r}, the card on screen after {card_s} s, "
        f"{restarts} restarts, unit {state}")
    vm.run("cp /root/vitrine.conf.good /etc/vitrine/vitrine.conf && systemctl restart vitrine", timeout=120)
    vm.wait_screen("slide", 90)


def health(vm, report):
    j = vm.out("journalctl -b -u vitrine -o cat --no-pager")
    lines = j.splitlines()
    report["journal_lines_this_boot"] = len(lines)
    with open(f"{vm.args.out}/journal-vitrine.txt", "w") as f:
        f.write(j)


def wear(vm, feed, report, seconds):
    """Bytes the guest writes to its disk in a steady slideshow with an unchanged feed."""
    time.sleep(3)
    vm.run("sync")
    pid = main_pid(vm)

    def vitrine_writes():  # what vitrine itself asked to write to a block device
        m = re.search(r"^write_bytes:\s*(\d+)", vm.out(f"cat /proc/{pid}/io"), re.M)
        return int(m.group(1)) if m else -1

    v0, w0, r0 = vitrine_writes(), vm.write_bytes(), feed.requests
    time.sleep(seconds)
    vm.run("sync")
    v1, w1 = vitrine_writes(), vm.write_bytes()
    report["wear"] = {"seconds": seconds, "disk_bytes_written": w1 - w0,
                      "vitrine_write_bytes": v1 - v0, "feed_requests": feed.requests - r0}
    log(f"wear: {w1 - w0} bytes written to the disk in {seconds} s of steady slideshow, "
        f"{v1 - v0} of them by vitrine ({feed.requests - r0} polls answered 304)")
    if v1 - v0 != 0:
        raise Failure(f"vitrine wrote {v1 - v0} bytes to the disk in a steady slideshow")


def hours(vm, report):
    """Screen hours: outside them the screen is black and vitrine idles; at screen_on
    the picture is back. The guest's clock is the host's (UTC, no time zone set)."""
    # screen_on at the first minute boundary at least 40 s away: time for the restart,
    # the black screenshot and 20 s of CPU figures before it.
    now = time.gmtime(time.time() + 40)
    on = (now.tm_hour * 60 + now.tm_min + 1) % 1440
    off = (on - 180) % 1440  # switched off three hours before: off now
    hm = lambda m: f"{m // 60:02d}:{m % 60:02d}"
    vm.run("cp /etc/vitrine/vitrine.conf /root/vitrine.conf.good && "
           f"printf 'screen_on = {hm(on)}\nscreen_off = {hm(off)}\n' >>/etc/vitrine/vitrine.conf && "
           "systemctl restart vitrine", timeout=120)
    deadline = time.monotonic() + 30
    kind = None
    while time.monotonic() < deadline:  # until the restarted vitrine blanked the screen
        kind, _, _ = vm.screenshot()
        if kind == "black":
            break
        time.sleep(1)
    kind, _, _ = vm.screenshot("screen-off")
    pid = main_pid(vm)
    tck = int(vm.out("getconf CLK_TCK").strip() or 100)

    def cpu():
        f = vm.out(f"cat /proc/{pid}/stat").rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / tck

    c0, t0 = cpu(), time.monotonic()
    time.sleep(20)
    c1, t1 = cpu(), time.monotonic()
    share = round(100 * (c1 - c0) / (t1 - t0), 2)
    report["screen_hours"] = {"screen_on": hm(on), "screen_off": hm(off), "screen_while_off": kind,
                              "cpu_percent_while_off": share}
    if kind != "black":
        raise Failure(f"outside screen hours the screen shows {kind}, not black")
    target = time.mktime(time.strptime(time.strftime("%Y-%m-%d ", now) + hm(on), "%Y-%m-%d %H:%M"))
    wait = max(0, target - time.mktime(time.gmtime())) + 90
    t, _, _ = vm.wait_screen("slide", wait, "screen-on-again")
    report["screen_hours"]["slide_after_screen_on_s"] = round(
        time.mktime(time.gmtime()) - target, 1)
    log(f"screen hours: black while off ({share}% CPU over 20 s), slide back "
        f"{report['screen_hours']['slide_after_screen_on_s']} s after screen_on {hm(on)}")
    vm.run("cp /root/vitrine.conf.good /etc/vitrine/vitrine.conf && systemctl restart vitrine", timeout=120)
    vm.wait_screen("slide", 90)


def read_only_root(vm, report):
    """The root filesystem read-only (as under an overlay root), only vitrine's cache
    and state directories writable (tmpfs here): vitrine still starts, fetches, shows."""
    # Without a reboot (a boot costs most of a minute under TCG): the journal moves to
    # /run, vitrine's directories become tmpfs, / is remounted read-only, and vitrine is
    # started afresh on that, as it would start at boot on an overlay root. Where the
    # remount is refused (something holds a file open for writing), the same through
    # /etc/fstab and a reboot.
    vm.run("systemctl stop vitrine && journalctl --relinquish-var && "
           "mount -t tmpfs -o mode=0750 tmpfs /var/cache/vitrine && "
           "mount -t tmpfs -o mode=0755 tmpfs /var/lib/vitrine && sync", timeout=60)
    remount = vm.run("mount -o remount,ro /", check=False, timeout=30)
    if remount["rc"] == 0:
        report_how = "remounted read-only, vitrine restarted"
        vm.run("systemctl start vitrine", check=False, timeout=120)
    else:
        log(f"read-only root: remount refused ({remount['err'].strip()}): through /etc/fstab and a reboot")
        report_how = "read-only in /etc/fstab, rebooted"
        vm.run("umount /var/cache/vitrine /var/lib/vitrine; journalctl --flush; "
               "sed -i 's|^/dev/vda / ext4 defaults,|/dev/vda / ext4 ro,|' /etc/fstab && "
               "printf 'tmpfs /var/cache/vitrine tmpfs mode=0750 0 0\ntmpfs /var/lib/vitrine tmpfs mode=0755 0 0\n' "
               ">>/etc/fstab && sync")
        reboot(vm)
        vm.wait_agent(240)
    vm.wait_screen("slide", 120, "read-only-root")
    opts = vm.out("findmnt -no OPTIONS /").strip()
    deadline = time.monotonic() + 60
    st = {}
    while time.monotonic() < deadline:
        r = vm.run(f"cat {STATUS}", check=False)
        st = json.loads(r["out"]) if r["rc"] == 0 and r["out"].strip() else {}
        if st.get("source") == "network":
            break
        time.sleep(2)
    errs = [line for line in vm.out("journalctl -b -u vitrine -o cat --no-pager").splitlines()
            if "Read-only" in line or "read-only" in line]
    report["read_only_root"] = {"how": report_how, "root_options": opts, "source": st.get("source"),
                                "slides": st.get("slides"), "read_only_errors": errs}
    if not opts.startswith("ro") or st.get("source") != "network" or errs:
        raise Failure(f"read-only root: {report['read_only_root']}")
    log(f"read-only root ({opts.split(',')[0]}): the feed's deck on screen, no write errors")
    if remount["rc"] == 0:
        vm.run("systemctl stop vitrine && mount -o remount,rw / && umount /var/cache/vitrine /var/lib/vitrine "
               "&& journalctl --flush && systemctl start vitrine && sync", timeout=120)
    else:
        vm.run("mount -o remount,rw / && sed -i 's|^/dev/vda / ext4 ro,|/dev/vda / ext4 defaults,|; /^tmpfs /d' "
               "/etc/fstab && sync")


def power_cuts(vm, feed, report, cuts):
    stop = threading.Event()

    def churn():
        v = 100
        while not stop.wait(1.0):
            v += 1
            feed.set(v, f"Changing every second: {v}")

    vm.run("sed -i 's/^interval = .*/interval = 1/' /etc/vitrine/vitrine.conf && sync")
    vm.kill()
    th = threading.Thread(target=churn, daemon=True)
    th.start()
    moments, polls = [], []
    try:
        for i in range(cuts):
            # Each cut lands while vitrine runs: polling every second, a new deck each
            # time, so the cache is being replaced when the power goes.
            vm.start(vm.accel)
            r0 = feed.requests
            vm.wait_screen("slide", 300)
            time.sleep(random.uniform(0, 6))
            at = time.monotonic() - vm.t0
            served = feed.requests - r0
            vm.kill()
            moments.append(round(at, 1))
            polls.append(served)
            log(f"power cut {i + 1}/{cuts} at {at:.1f} s after power-on ({served} feed requests this boot)")
    finally:
        stop.set()
        th.join()
    report["power_cuts"] = {"count": cuts, "moments_s": moments, "feed_requests_per_boot": polls,
                            "last_version_served": feed.version}
    with feed.lock:
        feed.mode = "503"
    vm.start(vm.accel)
    t, _, _ = vm.wait_screen("slide", 300, "after-power-cuts")
    report["power_cuts"]["boot_to_slide_s"] = round(t - vm.t0, 1)
    vm.wait_agent(120)
    st = json.loads(vm.out(f"cat {STATUS}"))
    report["power_cuts"]["status_after"] = st
    fsck = vm.out("journalctl -b -u systemd-fsck-root.service -o cat --no-pager; "
                  "journalctl -b -k -o cat --no-pager | grep -i 'EXT4-fs' || true")
    report["power_cuts"]["fsck_journal"] = fsck.strip().splitlines()[-6:]
    if st.get("source") != "cache" or not st.get("slides"):
        raise Failure(f"after the power cuts the screen does not show the cached deck: {st}")
    log(f"after {cuts} power cuts, feed answering 503: cached deck {st.get('version')} "
        f"({st.get('slides')} slides) on screen {report['power_cuts']['boot_to_slide_s']} s after power-on")
    # A clean power-off, so that the host's e2fsck sees the filesystem as the boot after
    # the cuts left it (journal replayed, fsck -p run), not a mounted one.
    try:
        vm.run("systemctl poweroff", check=False, timeout=5)
    except Failure:
        pass
    try:
        vm.proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        log("the guest did not power off within 120 s: killed")
    vm.kill()
    # The filesystem after the cuts, checked read-only by the host's e2fsck.
    raw = f"{vm.work}/check.raw"
    subprocess.run(["qemu-img", "convert", "-O", "raw", vm.disk, raw], check=True, timeout=300)
    r = subprocess.run(["e2fsck", "-fn", raw], capture_output=True, text=True, timeout=300)
    os.unlink(raw)
    report["power_cuts"]["e2fsck_after_rc"] = r.returncode
    log(f"e2fsck -fn after the cuts: exit {r.returncode}")
    if r.returncode not in (0,):
        report["power_cuts"]["e2fsck_out"] = r.stdout.splitlines()[-10:]
        raise Failure(f"the filesystem needs repair after the power cuts: {r.stdout[-600:]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--image", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--arch", default="amd64")
    ap.add_argument("--cuts", type=int, default=10)
    ap.add_argument("--wear-seconds", type=int, default=60)
    ap.add_argument("--no-kvm", action="store_true")
    ap.add_argument("--append", default="")
    # Every bounded wait times this: an arm64 guest under full emulation (TCG on an amd64
    # host) boots and runs several times slower than the amd64 one the bounds were set for.
    ap.add_argument("--time-scale", type=float, default=1.0)
    ap.add_argument("--only", default="first,configured,sandbox,watchdog,wear,hours,readonly,power")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    work = f"{args.out}/vm"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    disk = f"{work}/disk.qcow2"
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b",
                    os.path.abspath(f"{args.image}/root.ext4"), disk], check=True, timeout=60)
    report = {"arch": args.arch, "gpu": "virtio-vga" if args.arch == "amd64" else "virtio-gpu-pci"}
    feed = Feed()
    vm = VM(args, feed, disk, work)
    t_start = time.monotonic()
    only = args.only.split(",")
    ok = False
    phases = report["phase_s"] = {}  # where the stage's time goes

    def phase(name, fn, *fargs):
        t = time.monotonic()
        try:
            fn(*fargs)
        finally:
            phases[name] = round(time.monotonic() - t, 1)

    try:
        phase("first", first_boot, vm, report)
        if "configured" in only:
            phase("configured", configured, vm, feed, report)
        if "sandbox" in only:
            phase("sandbox", sandbox, vm, report)
        if "watchdog" in only:
            phase("watchdog", watchdog, vm, report)
        phase("health", health, vm, report)
        if "wear" in only:
            phase("wear", wear, vm, feed, report, args.wear_seconds)
        if "hours" in only:
            phase("hours", hours, vm, report)
        if "readonly" in only:
            phase("readonly", read_only_root, vm, report)
        if "power" in only:
            phase("power", power_cuts, vm, feed, report, args.cuts)
        ok = True
    except Failure as e:
        report["failure"] = str(e)
        log(f"FAILED: {e}")
        try:
            with open(f"{args.out}/serial.log", "w") as f:
                f.write(vm.serial())
        except OSError:
            pass
    finally:
        vm.kill()
        feed.stop()
        report["duration_s"] = round(time.monotonic() - t_start, 1)
        report["passed"] = ok
        with open(f"{args.out}/report.json", "w") as f:
            json.dump(report, f, indent=2)
    log(f"report: {args.out}/report.json")
    for k, v in report.items():  # the figures in the stage's log too, one per line
        print(f"  {k}: {json.dumps(v)}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
