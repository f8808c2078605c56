#!/usr/bin/env python3
"""A real nginx (Debian's package) for vitrine's network tests: started on 127.0.0.1 at
a free port with a configuration of the test's own (gzip for JSON, ETags — nginx's
default — a redirect, optionally HTTPS with a certificate from a test CA), in a prefix
directory of the test's, in the foreground and without a master process, so the test
ends it by its PID. The access log records what a fleet operator would look at: the
status, the bytes sent and the content encoding of every request.

    srv = Nginx(www_dir, work_dir, tls=False)
    srv.url("feed.json"); srv.requests("/feed.json") -> [("200", 1234, "gzip"), ...]
    srv.stop()
"""
import os
import shutil
import socket
import subprocess
import time

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LOG_FORMAT = "$request_uri $status $bytes_sent $sent_http_content_encoding"

CONF = """
daemon off;
master_process off;
worker_processes 1;
error_log {prefix}/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    types {{ application/json json; application/xml xml; image/png png;
            text/plain minisig; }}
    default_type application/octet-stream;
    log_format fleet '{log_format}';
    access_log {prefix}/access.log fleet;
    client_body_temp_path {prefix}/tmp-body;
    proxy_temp_path {prefix}/tmp-proxy;
    fastcgi_temp_path {prefix}/tmp-fastcgi;
    uwsgi_temp_path {prefix}/tmp-uwsgi;
    scgi_temp_path {prefix}/tmp-scgi;
    gzip on;
    gzip_types application/json application/xml;
    gzip_min_length 64;
    server {{
        listen 127.0.0.1:{port}{ssl};
        {tls}
        root {www};
        location = /old-feed.json {{ return 301 /feed.json; }}
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_ca(work):
    """A test CA and a server certificate for 127.0.0.1 signed by it; returns
    (ca.pem, server.pem, server.key)."""
    ca_key, ca = os.path.join(work, "ca.key"), os.path.join(work, "ca.pem")
    key, csr, cert = (os.path.join(work, n) for n in ("server.key", "server.csr", "server.pem"))
    ext = os.path.join(work, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    run = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True,  # noqa: E731
                                    timeout=60)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca,
        "-days", "2", "-subj", "/CN=vitrine test venue CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
        "-subj", "/CN=127.0.0.1")
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
        "-out", cert, "-days", "2", "-extfile", ext)
    return ca, cert, key


class Nginx:
    def __init__(self, www, work, tls=None):
        """tls: (certificate, key) to serve HTTPS, or None for HTTP."""
        self.prefix = os.path.join(work, "nginx-%d" % time.monotonic_ns())
        os.makedirs(self.prefix)
        self.port = free_port()
        self.scheme = "https" if tls else "http"
        conf = CONF.format(prefix=self.prefix, port=self.port, www=os.path.abspath(www),
                           log_format=LOG_FORMAT, ssl=" ssl" if tls else "",
                           tls=("ssl_certificate %s; ssl_certificate_key %s;" % tls) if tls else "")
        self.conf = os.path.join(self.prefix, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(conf)
        self.log = open(os.path.join(self.prefix, "stderr.log"), "w")
        self.proc = subprocess.Popen([NGINX, "-p", self.prefix, "-c", self.conf],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("nginx exited: %s" % self.errors())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not listen on %d" % self.port)

    def url(self, path):
        return "%s://127.0.0.1:%d/%s" % (self.scheme, self.port, path)

    def errors(self):
        try:
            with open(os.path.join(self.prefix, "error.log")) as f:
                return f.read()
        except OSError:
            return ""

    def requests(self, uri):
        """[(status, bytes_sent, content_encoding), ...] for uri, oldest first."""
        out = []
        try:
            with open(os.path.join(self.prefix, "access.log")) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 3 and parts[0] == uri:
                        out.append((parts[1], int(parts[2]), parts[3] if len(parts) > 3 else "-"))
        except OSError:
            pass
        return out

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()
