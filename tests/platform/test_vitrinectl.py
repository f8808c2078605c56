#!/usr/bin/python3
"""Checks `vitrinectl status` against sample status files: the readable summary a
technician gets, the status path taken from vitrine.conf, and a missing file.
Usage: test_vitrinectl.py PATH/TO/vitrinectl"""
import json
import os
import subprocess
import sys
import tempfile
import time


def run(ctl, args, env):
    out = subprocess.run([sys.executable, ctl] + args, capture_output=True, text=True,
                         env=env, timeout=30)
    return out.returncode, out.stdout + out.stderr


def expect(cond, what, output):
    if not cond:
        print("FAIL: %s\n--- output:\n%s" % (what, output))
        sys.exit(1)
    print("ok: %s" % what)


def main():
    ctl = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        status = os.path.join(tmp, "status.json")
        with open(status, "w") as f:
            json.dump({"feed": "https://example.org/feed.json", "source": "network",
                       "slides": 12, "version": "2025-05-20T09:00:00Z",
                       # RFC 3339, as status.c writes it
                       "last_success": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                     time.gmtime(time.time() - 185)),
                       "last_error": "feed: HTTP 503 from example.org"}, f)
        conf = os.path.join(tmp, "vitrine.conf")
        with open(conf, "w") as f:
            f.write("# test\nstatus = %s   # where vitrine writes it\n" % status)
        env = dict(os.environ, VITRINE_CONFIG=conf)
        env.pop("VITRINE_STATUS", None)

        rc, out = run(ctl, ["status", "--file", status], env)
        expect(rc == 0, "status exits 0 on a readable file", out)
        expect("12 slides, from the feed" in out, "status names slides and source", out)
        expect("https://example.org/feed.json" in out, "status shows the feed", out)
        expect("last success: 3 min ago (" in out, "last success reads '3 min ago'", out)
        expect("last error:   feed: HTTP 503" in out, "status shows the last error", out)
        expect("2025-05-20T09:00:00Z" in out, "status shows the deck version", out)

        rc, out = run(ctl, ["status"], env)
        expect(rc == 0 and status in out, "status path comes from vitrine.conf", out)

        with open(status, "w") as f:
            json.dump({"source": "builtin", "slides": 1, "last_success": None,
                       "last_error": None, "updated": int(time.time()) - 7200}, f)
        rc, out = run(ctl, ["status", "--file", status], env)
        expect("1 slide, the built-in demo deck" in out, "demo deck is named as such", out)
        expect("last success: never" in out and "last error:   none" in out,
               "no success and no error read plainly", out)
        expect("file updated: 2 h ago" in out, "unix seconds are read too", out)

        rc, out = run(ctl, ["status", "--file", os.path.join(tmp, "missing.json")], env)
        expect(rc == 1 and "no status file yet" in out, "a missing file is explained", out)

        # A desktop session: vitrine runs with this user's status file, which `status`
        # then shows when it is the newest.
        runtime = os.path.join(tmp, "run")
        os.mkdir(runtime)
        fake = os.path.join(tmp, "fake-vitrine")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\necho \"$@\" > %s/args\n" % tmp)
        os.chmod(fake, 0o755)
        senv = dict(env, XDG_RUNTIME_DIR=runtime, VITRINE_BIN=fake)
        rc, out = run(ctl, ["session", "--rotate", "90"], senv)
        with open(os.path.join(tmp, "args")) as f:
            args = f.read().split()
        session_status = os.path.join(runtime, "vitrine", "status.json")
        expect(rc == 0 and args == ["--config", conf, "--status", session_status, "--rotate",
                                    "90"], "session runs vitrine with the user's status file",
               " ".join(args))
        with open(session_status, "w") as f:
            json.dump({"source": "cache", "slides": 5}, f)
        os.utime(status, (time.time() - 60, time.time() - 60))
        rc, out = run(ctl, ["status"], senv)
        expect(session_status in out and "5 slides, from the cache" in out,
               "status shows the session's file when it is the newest", out)

        rc, out = run(ctl, ["frobnicate"], env)
        expect(rc == 2 and "unknown command" in out, "an unknown command is a usage error",
               out)
        rc, out = run(ctl, ["--help"], env)
        expect(rc == 0 and "vitrinectl logs" in out, "--help lists the commands", out)
    print("vitrinectl: all checks passed")


if __name__ == "__main__":
    main()
