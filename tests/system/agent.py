#!/usr/bin/python3
"""The system test's agent inside the VM: reads one JSON request a line from the
virtio-serial port the host's test holds ({"id": n, "cmd": "...", "timeout": s}), runs
the shell command with that time limit and answers one JSON line (id, rc, out, err).
It is test equipment, not part of vitrine: only the test image has it."""
import json
import os
import subprocess
import sys
import time

port = sys.argv[1] if len(sys.argv) > 1 else "/dev/virtio-ports/agent"
fd = os.open(port, os.O_RDWR)
buf = b""
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        data = b""
    if not data:  # the host is not connected: wait for it
        time.sleep(0.2)
        continue
    buf += data
    while b"\n" in buf:
        line, buf = buf.split(b"\n", 1)
        try:
            req = json.loads(line)
        except ValueError:
            continue  # a partial line from a host that went away
        try:
            p = subprocess.run(req["cmd"], shell=True, capture_output=True,
                               timeout=float(req.get("timeout", 30)))
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = 124, e.stdout or b"", (e.stderr or b"") + b"\nagent: timed out"
        ans = {"id": req.get("id"), "rc": rc, "out": out.decode("utf-8", "replace"),
               "err": err.decode("utf-8", "replace")}
        data = (json.dumps(ans) + "\n").encode()
        while data:
            try:
                n = os.write(fd, data)
            except BlockingIOError:
                time.sleep(0.05)
                continue
            data = data[n:]
