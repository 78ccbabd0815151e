"""Fixtures for the registry benchmarks: a Docker token service, Debian's
docker-registry with token or htpasswd auth, a real `reghub serve`, and fast
seeding over keep-alive connections. Everything listens on 127.0.0.1 on free
ports and lives in one temporary directory that close() removes."""

import base64
import datetime
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def wait_for(url, timeout=30.0, ok=(200, 401)):
    deadline = time.time() + timeout
    parsed = urllib.parse.urlsplit(url)
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=2)
            conn.request("GET", parsed.path)
            if conn.getresponse().status in ok:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("not ready: " + url)


class TokenServer:
    """GET /token?service=&scope=... with Basic credentials answers an RS256
    JWT (x5c header) granting the requested actions to known users, as the
    distribution token spec describes."""

    def __init__(self, users, issuer="bench-issuer", service="bench-registry"):
        self.users, self.issuer, self.service = users, issuer, service
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench token signer")])
        now = datetime.datetime.now(datetime.timezone.utc)
        self.cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - datetime.timedelta(days=1))
                     .not_valid_after(now + datetime.timedelta(days=2))
                     .sign(self.key, hashes.SHA256()))
        self.cert_pem = self.cert.public_bytes(serialization.Encoding.PEM).decode()
        self.issued = 0
        fixture = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                self.rfile.read(length)
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):
                status, body = fixture.answer(self.path, self.headers.get("Authorization", ""))
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.realm = "http://127.0.0.1:%d/token" % self.server.server_address[1]

    def answer(self, path, authorization):
        parsed = urllib.parse.urlsplit(path)
        if parsed.path != "/token":
            return 404, "{}"
        user = ""
        if authorization.startswith("Basic "):
            user, _, password = base64.b64decode(authorization[6:]).decode().partition(":")
            if self.users.get(user) != password:
                return 401, '{"errors":[{"code":"UNAUTHORIZED"}]}'
        access = []
        for scope in urllib.parse.parse_qs(parsed.query).get("scope", []):
            for item in scope.split(" "):
                parts = item.split(":")
                if len(parts) == 3 and user:
                    access.append({"type": parts[0], "name": parts[1],
                                   "actions": parts[2].split(",")})
        return 200, json.dumps({"token": self.sign(user, access), "expires_in": 300,
                                "issued_at": datetime.datetime.now(datetime.timezone.utc).isoformat()})

    def sign(self, subject, access):
        self.issued += 1
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256",
                  "x5c": [base64.b64encode(self.cert.public_bytes(serialization.Encoding.DER)).decode()]}
        claims = {"iss": self.issuer, "sub": subject, "aud": self.service, "exp": now + 300,
                  "nbf": now - 10, "iat": now, "jti": str(self.issued), "access": access}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        signature = self.key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)

    def close(self):
        self.server.shutdown()


class DockerRegistry:
    """/usr/bin/docker-registry on a free port; auth "token" or "htpasswd"."""

    def __init__(self, workdir, auth, token_server=None, htpasswd_users=None):
        self.dir = os.path.join(workdir, "registry-%d" % free_port())
        os.makedirs(self.dir)
        self.port = free_port()
        self.host_port = "127.0.0.1:%d" % self.port
        config = ["version: 0.1", "log: {level: error}",
                  "storage: {filesystem: {rootdirectory: %s/data}, delete: {enabled: true}}" % self.dir,
                  "http: {addr: %s, secret: bench-secret}" % self.host_port]
        if auth == "token":
            with open(os.path.join(self.dir, "root.pem"), "w") as f:
                f.write(token_server.cert_pem)
            config.append("auth: {token: {realm: \"%s\", service: %s, issuer: %s, rootcertbundle: %s/root.pem}}"
                          % (token_server.realm, token_server.service, token_server.issuer, self.dir))
        elif auth == "htpasswd":
            lines = []
            for user, password in htpasswd_users.items():
                lines.append(subprocess.check_output(["htpasswd", "-Bbn", user, password]).decode().strip())
            with open(os.path.join(self.dir, "htpasswd"), "w") as f:
                f.write("\n".join(lines) + "\n")
            config.append("auth: {htpasswd: {realm: bench, path: %s/htpasswd}}" % self.dir)
        with open(os.path.join(self.dir, "config.yml"), "w") as f:
            f.write("\n".join(config) + "\n")
        self.log = open(os.path.join(self.dir, "registry.log"), "w")
        self.process = subprocess.Popen(["/usr/bin/docker-registry", "serve", self.dir + "/config.yml"],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        wait_for("http://%s/v2/" % self.host_port)

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Seeder:
    """Pushes to one registry over one keep-alive connection, answering its
    Bearer or Basic challenge with `user`/`password`."""

    def __init__(self, registry, user, password):
        self.registry, self.user, self.password = registry, user, password
        self.conn = http.client.HTTPConnection("127.0.0.1", registry.port, timeout=30)
        self.basic = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
        self.tokens = {}

    def _request(self, method, path, scope, body=None, headers=None):
        headers = dict(headers or {})
        for _ in range(2):
            auth = self.tokens.get(scope)
            if auth:
                headers["Authorization"] = auth
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.status != 401:
                return response, data
            challenge = response.getheader("WWW-Authenticate", "")
            if challenge.startswith("Basic"):
                self.tokens[scope] = self.basic
                continue
            params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
            realm = urllib.parse.urlsplit(params["realm"])
            query = urllib.parse.urlencode({"service": params["service"], "scope": scope})
            token_conn = http.client.HTTPConnection(realm.hostname, realm.port, timeout=30)
            token_conn.request("GET", realm.path + "?" + query, headers={"Authorization": self.basic})
            token = json.loads(token_conn.getresponse().read())["token"]
            self.tokens[scope] = "Bearer " + token
        raise RuntimeError("%s %s: refused" % (method, path))

    def push_blob(self, repository, data, mount_from=None):
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        scope = "repository:%s:pull,push" % repository
        if mount_from:
            scope += " repository:%s:pull" % mount_from
            response, _ = self._request("POST", "/v2/%s/blobs/uploads/?mount=%s&from=%s"
                                        % (repository, digest, mount_from), scope, b"")
            if response.status == 201:
                return digest
        else:
            response, _ = self._request("POST", "/v2/%s/blobs/uploads/" % repository, scope, b"")
        location = response.getheader("Location")
        path = urllib.parse.urlsplit(location)
        target = path.path + "?" + (path.query + "&" if path.query else "") + "digest=" + digest
        response, body = self._request("PUT", target, scope, data,
                                       {"Content-Type": "application/octet-stream"})
        if response.status != 201:
            raise RuntimeError("blob upload: %d %s" % (response.status, body[:200]))
        return digest

    def push_manifest(self, repository, tag, manifest):
        body = json.dumps(manifest).encode()
        response, data = self._request("PUT", "/v2/%s/manifests/%s" % (repository, tag),
                                       "repository:%s:pull,push" % repository, body,
                                       {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
        if response.status != 201:
            raise RuntimeError("manifest: %d %s" % (response.status, data[:200]))


def helm_chart(seeder, repository, name, versions, mount_from=None):
    """A Helm-style chart: one config and one content blob, one manifest per version."""
    config = json.dumps({"apiVersion": "v2", "name": name, "version": versions[0],
                         "description": "The %s chart" % name, "appVersion": "1.0",
                         "type": "application"}).encode()
    content = ("chart archive of %s" % name).encode()
    config_digest = seeder.push_blob(repository, config, mount_from)
    content_digest = seeder.push_blob(repository, content, mount_from)
    for version in versions:
        seeder.push_manifest(repository, version.replace("+", "_"), {
            "schemaVersion": 2,
            "config": {"mediaType": "application/vnd.cncf.helm.config.v1+json",
                       "digest": config_digest, "size": len(config)},
            "layers": [{"mediaType": "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                        "digest": content_digest, "size": len(content)}],
            "annotations": {"org.opencontainers.image.title": name,
                            "org.opencontainers.image.version": version}})


class Hub:
    """`reghub serve` with a fresh data directory; api() calls it as admin."""

    def __init__(self, binary, workdir):
        self.dir = os.path.join(workdir, "hub")
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        password = "bench-" + os.urandom(9).hex()
        env = dict(os.environ, REGHUB_ADMIN_PASSWORD=password)
        self.log = open(os.path.join(workdir, "hub.log"), "w")
        self.process = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:%d" % self.port,
                                         "--data", self.dir],
                                        stdout=self.log, stderr=subprocess.STDOUT, env=env)
        wait_for(self.base + "/readyz", ok=(200,))
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        self.token = ""
        self.token = self.api("POST", "/api/v1/auth/login",
                              {"username": "admin", "password": password})["token"]

    def api(self, method, path, body=None, expect=(200, 201)):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None,
                          headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status not in expect:
            raise RuntimeError("%s %s: %d %s" % (method, path, response.status, data[:300]))
        return json.loads(data) if data else None

    def close(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Workspace:
    """A temporary directory and everything started in it, closed in reverse."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="reghub-bench-")
        self.parts = []

    def add(self, part):
        self.parts.append(part)
        return part

    def close(self):
        for part in reversed(self.parts):
            try:
                part.close()
            except Exception:  # noqa: BLE001 - best effort on the way out
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


def timed(fn, repeat):
    """Runs fn `repeat` times; returns (median, min) seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[len(samples) // 2], samples[0]
