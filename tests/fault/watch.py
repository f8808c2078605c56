"""What the robustness tests observe from outside a running vitrine: its memory, open
files and threads from /proc, and every file written under a sandbox directory.

ProcWatch samples /proc/PID/status (VmRSS, VmHWM, Threads) and /proc/PID/fd on a
background thread until stopped; Sandbox is a directory that holds vitrine's cache, its
status file, and the TMPDIR and HOME it runs with, snapshotted before and after.
"""
import os
import statistics
import threading
import time

SAMPLE_S = 0.1


def sanitized():
    """True when the binary under test was built with sanitizers (ctest passes the
    build's VITRINE_SANITIZE): their shadow memory and quarantine inflate RSS, so memory
    is then judged by growth rather than by an absolute bound."""
    return bool(os.environ.get("VITRINE_SANITIZE", "").strip())


def asan_env():
    """ASan settings that keep RSS meaningful: a small quarantine (default 256 MB, which
    looks like growth until it fills)."""
    opts = os.environ.get("ASAN_OPTIONS", "")
    extra = "quarantine_size_mb=16:thread_local_quarantine_size_kb=256"
    return {"ASAN_OPTIONS": (opts + ":" + extra) if opts else extra}


def proc_sample(pid):
    """{"rss", "hwm" (kB), "threads", "fds"} of pid now, or None once it is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            text = f.read()
        fds = len(os.listdir("/proc/%d/fd" % pid))
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    s = {"fds": fds}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key == "VmRSS":
            s["rss"] = int(value.split()[0])
        elif key == "VmHWM":
            s["hwm"] = int(value.split()[0])
        elif key == "Threads":
            s["threads"] = int(value.split()[0])
    if "rss" not in s:  # a zombie has no memory lines
        return None
    s["t"] = time.monotonic()
    return s


class ProcWatch:
    def __init__(self, pid, every=SAMPLE_S):
        self.pid, self.every = pid, every
        self.samples = []
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.done.is_set():
            s = proc_sample(self.pid)
            if s is None:
                break
            with self.lock:
                self.samples.append(s)
            self.done.wait(self.every)

    def stop(self):
        self.done.set()
        self.thread.join(5)

    def since(self, t0):
        with self.lock:
            return [s for s in self.samples if s["t"] >= t0]

    def last(self):
        with self.lock:
            return self.samples[-1] if self.samples else None

    def peak_kb(self):
        """The kernel's own high-water mark (VmHWM): it catches spikes between samples."""
        with self.lock:
            return max((s["hwm"] for s in self.samples), default=0)

    def max_rss_since(self, t0):
        return max((s["rss"] for s in self.since(t0)), default=0)


def median_of(samples, key):
    return statistics.median(s[key] for s in samples) if samples else 0


class Sandbox:
    """root/{cache,tmp,home}: vitrine gets TMPDIR and HOME inside, and may write only
    its cache, its status file (with the status module's temp files) and our log."""

    def __init__(self, root):
        self.root = root
        self.tmp = os.path.join(root, "tmp")
        self.home = os.path.join(root, "home")
        os.makedirs(self.tmp, exist_ok=True)
        os.makedirs(self.home, exist_ok=True)
        self.before = self.snapshot()

    def env(self):
        return {"TMPDIR": self.tmp, "HOME": self.home, "XDG_CACHE_HOME": "",
                "XDG_RUNTIME_DIR": self.tmp}

    def snapshot(self):
        found = set()
        for dirpath, dirnames, filenames in os.walk(self.root):
            for n in dirnames + filenames:
                found.add(os.path.relpath(os.path.join(dirpath, n), self.root))
        return found

    def written_outside_cache(self):
        """Paths that appeared since the sandbox was made, other than the cache dir's
        contents, status.json and vitrine's logs (the harness writes those)."""
        new = self.snapshot() - self.before
        allowed = ("cache", "status.json")
        return sorted(p for p in new
                      if not (p.split(os.sep)[0] in allowed or p.startswith("vitrine-")
                              and p.endswith(".log")))

    def cache_names(self):
        d = os.path.join(self.root, "cache")
        return sorted(os.listdir(d)) if os.path.isdir(d) else []
