"""Processes for end-to-end tests: a real redis-server and the real registry and matching
binaries (MatchingStack: all three, wired as `make run` wires them).

Each runs on a free loopback port in its own temporary directory and is stopped by its
PID. Waits are bounded by deadlines, never fixed sleeps.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import grpc

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
START_DEADLINE_S = 30
STOP_DEADLINE_S = 10


def free_port():
    """A port the kernel just handed out; another process could take it before we bind,
    which would show as a start-up failure, never a wrong result."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, predicate, deadline_s, proc=None, log=None):
    """Polls predicate until it returns a true value (returned) or the deadline passes."""
    end = time.monotonic() + deadline_s
    delay = 0.01
    last_error = None
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("%s exited with status %s before it was ready%s"
                               % (what, proc.returncode, tail(log)))
        try:
            value = predicate()
            if value:
                return value
        except Exception as e:  # noqa: BLE001 -- retried until the deadline
            last_error = e
        time.sleep(delay)
        delay = min(delay * 2, 0.25)
    raise RuntimeError("%s not ready within %d s (last error: %r)%s"
                       % (what, deadline_s, last_error, tail(log)))


def tail(path, lines=30):
    if not path or not os.path.exists(path):
        return ""
    with open(path, errors="replace") as f:
        return "\n--- %s ---\n%s" % (path, "".join(f.readlines()[-lines:]))


def stop(proc):
    """SIGTERM, then SIGKILL after STOP_DEADLINE_S; only the process we started."""
    if proc is None or proc.poll() is not None:
        return
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_DEADLINE_S)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def bearer(key):
    """gRPC metadata carrying an API key."""
    return (("authorization", "Bearer " + key),)


def registry_binary():
    """The cadre-registry under test: the first argument (taken out of sys.argv, so that
    unittest does not see it) or CADRE_REGISTRY_BIN."""
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        return sys.argv.pop(1)
    return os.environ.get("CADRE_REGISTRY_BIN", "")


_stub_tmp = None


def stub_dir():
    """Where the Python stubs go: CADRE_STUB_DIR, or a temporary directory removed when
    the interpreter exits. The stubs are generated there and the directory put on
    sys.path."""
    global _stub_tmp
    out = os.environ.get("CADRE_STUB_DIR")
    if not out:
        _stub_tmp = tempfile.TemporaryDirectory(prefix="cadre-e2e-stubs-")
        out = _stub_tmp.name
    generate_stubs(out)
    return out


def generate_stubs(out_dir):
    subprocess.run([os.path.join(REPO, "scripts", "gen_python_stubs.sh"), out_dir],
                   check=True)
    if out_dir not in sys.path:
        sys.path.insert(0, out_dir)


class RedisServer:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="cadre-e2e-redis-")
        self.port = free_port()
        self.log = os.path.join(self.dir, "redis.log")
        self._launch()

    def _launch(self):
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                 "--dir", self.dir, "--appendonly", "yes", "--appendfsync", "always",
                 "--save", ""],
                stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for("redis-server", self._ping, START_DEADLINE_S, self.proc, self.log)
        except Exception:
            self.stop()
            raise

    def _ping(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith(b"+PONG")

    def halt(self):
        """Stops the server (SIGTERM) but keeps its data for restart()."""
        stop(self.proc)

    def restart(self):
        """Starts it again on the same port and directory; it reloads its AOF."""
        self._launch()

    def stop(self):
        stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


class Registry:
    """The cadre-registry binary against a given Redis, with a fresh admin key.

    With `stubs` (registry_pb2, registry_pb2_grpc) it waits until the registry answers;
    without, the caller waits its own way (e.g. through cadrectl)."""

    def __init__(self, binary, redis_port, stubs=None, extra_args=()):
        self.admin_key = secrets.token_hex(20)
        self.port = free_port()
        self.addr = "127.0.0.1:%d" % self.port
        self.dir = tempfile.mkdtemp(prefix="cadre-e2e-registry-")
        self.log = os.path.join(self.dir, "registry.log")
        env = dict(os.environ, CADRE_ADMIN_KEY=self.admin_key)
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                [binary, "--port=%d" % self.port, "--metrics_port=-1",
                 "--redis_port=%d" % redis_port, "--log_level=warn", *extra_args],
                stdout=log, stderr=subprocess.STDOUT, env=env)
        self.channel = grpc.insecure_channel(self.addr)
        if stubs is None:
            return
        try:
            self._wait_ready(stubs)
        except Exception:
            self.stop()
            raise

    def _wait_ready(self, stubs):
        registry_pb2, registry_pb2_grpc = stubs
        ready = grpc.channel_ready_future(self.channel)
        wait_for("registry channel", lambda: ready.done() or ready.result(timeout=0.5),
                 START_DEADLINE_S, self.proc, self.log)
        stub = registry_pb2_grpc.RegistryStub(self.channel)
        # Serving is not enough: Redis must be reachable too (UNAVAILABLE until then).
        wait_for("registry ListBodies",
                 lambda: stub.ListBodies(registry_pb2.ListBodiesRequest(), timeout=2) or True,
                 START_DEADLINE_S, self.proc, self.log)

    def log_lines(self):
        with open(self.log, errors="replace") as f:
            return f.read().splitlines()

    def stop(self):
        self.channel.close()
        stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


def new_service_key():
    """A key in the issued-key shape, as services' own keys are."""
    return "cadre_" + secrets.token_hex(24)


class ServiceKeys:
    """A directory of <subject>.key files (mode 600), as `make run` makes."""

    def __init__(self, subjects=("matching", "notifications", "gateway")):
        self.dir = tempfile.mkdtemp(prefix="cadre-e2e-keys-")
        self.keys = {}
        for subject in subjects:
            self.keys[subject] = new_service_key()
            path = self.path(subject)
            with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
                f.write(self.keys[subject] + "\n")

    def path(self, subject):
        return os.path.join(self.dir, subject + ".key")

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Matching:
    """The cadre-matching binary against a given Redis and registry."""

    def __init__(self, binary, redis_port, registry_addr, admin_key, service_keys):
        self.port = free_port()
        self.addr = "127.0.0.1:%d" % self.port
        self.dir = tempfile.mkdtemp(prefix="cadre-e2e-matching-")
        self.log = os.path.join(self.dir, "matching.log")
        admin_file = os.path.join(self.dir, "admin.key")
        hmac_file = os.path.join(self.dir, "email-hmac.key")
        for path, value in ((admin_file, admin_key), (hmac_file, secrets.token_hex(32))):
            with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
                f.write(value + "\n")
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                [binary, "--port=%d" % self.port, "--metrics_port=-1",
                 "--redis_port=%d" % redis_port, "--registry=%s" % registry_addr,
                 "--admin_key_file=%s" % admin_file,
                 "--service_key_file=%s" % service_keys.path("matching"),
                 "--service_keys_dir=%s" % service_keys.dir,
                 "--email_hmac_key_file=%s" % hmac_file, "--log_level=warn"],
                stdout=log, stderr=subprocess.STDOUT)
        self.channel = grpc.insecure_channel(self.addr)

    def wait_ready(self, health_stub, health_pb2):
        def serving():
            answer = health_stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=2)
            return answer.status == health_pb2.HealthCheckResponse.SERVING
        wait_for("matching SERVING", serving, START_DEADLINE_S, self.proc, self.log)

    def log_text(self):
        with open(self.log, errors="replace") as f:
            return f.read()

    def stop(self):
        self.channel.close()
        stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


class Gateway:
    """The cadre-gateway binary in front of `stack`'s registry and matching, its sessions
    in the stack's Redis sealed with a session key of its own; waits until GET /readyz
    answers 200. `extra_args` go last (--admin_key_file=..., --log_level=...)."""

    def __init__(self, binary, stack, web_root, extra_args=()):
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.dir = tempfile.mkdtemp(prefix="cadre-e2e-gateway-")
        self.log = os.path.join(self.dir, "gateway.log")
        session_key = os.path.join(self.dir, "gateway-session.key")
        with open(os.open(session_key, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                [binary, "--host=127.0.0.1", "--port=%d" % self.port, "--metrics_port=-1",
                 "--registry=%s" % stack.registry.addr, "--matching=%s" % stack.matching.addr,
                 "--redis_port=%d" % stack.redis.port, "--session_key_file=%s" % session_key,
                 "--web_root=%s" % web_root, "--service_keys_dir=%s" % stack.keys.dir,
                 "--public_url=%s" % self.url, *extra_args],
                stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for("gateway /readyz", self._ready, START_DEADLINE_S, self.proc, self.log)
        except BaseException:
            self.stop()
            raise

    def _ready(self):
        try:
            with urllib.request.urlopen(self.url + "/readyz", timeout=2) as answer:
                return answer.status == 200
        except urllib.error.HTTPError:
            return False

    def stop(self):
        stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


class MatchingStack:
    """Redis, the registry and the matching service, with service keys in a directory
    both read, as `make run` makes them; waits until matching is SERVING. Needs the
    stubs on sys.path (stub_dir()). `admin` is the admin key's metadata."""

    def __init__(self, registry_bin, matching_bin):
        from cadre.v1 import registry_pb2, registry_pb2_grpc
        import health_pb2
        import health_pb2_grpc
        self.redis = self.keys = self.registry = self.matching = None
        try:
            self.redis = RedisServer()
            self.keys = ServiceKeys()
            self.registry = Registry(registry_bin, self.redis.port,
                                     stubs=(registry_pb2, registry_pb2_grpc),
                                     extra_args=("--service_keys_dir=" + self.keys.dir,))
            self.matching = Matching(matching_bin, self.redis.port, self.registry.addr,
                                     self.registry.admin_key, self.keys)
            self.matching.wait_ready(health_pb2_grpc.HealthStub(self.matching.channel),
                                     health_pb2)
        except Exception:
            self.stop()
            raise
        self.admin = bearer(self.registry.admin_key)

    def new_body(self, code, region, timeout_s=10):
        """Registers "bodies/{code}" (a trust) as the admin; returns a BODY key's secret."""
        from cadre.v1 import common_pb2 as c
        from cadre.v1 import registry_pb2 as r
        from cadre.v1 import registry_pb2_grpc as r_grpc
        stub = r_grpc.RegistryStub(self.registry.channel)
        admin = bearer(self.registry.admin_key)
        stub.CreateBody(r.CreateBodyRequest(body=r.Body(
            ods_code=code, display_name="Body " + code, kind=c.BODY_KIND_TRUST,
            region=region)), metadata=admin, timeout=timeout_s)
        key = stub.CreateApiKey(r.CreateApiKeyRequest(
            kind=r.PRINCIPAL_KIND_BODY, subject="bodies/" + code, label="e2e"),
            metadata=admin, timeout=timeout_s)
        return key.secret

    def stop(self):
        """Stops what started, matching first, Redis last."""
        for part in (self.matching, self.registry):
            if part is not None:
                part.stop()
        if self.keys is not None:
            self.keys.remove()
        if self.redis is not None:
            self.redis.stop()
