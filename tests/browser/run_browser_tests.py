#!/usr/bin/python3
"""Browser tests: the real binaries with demo data, driven by Debian's chromium.

Starts redis-server, cadre-registry, cadre-matching and cadre-gateway on free loopback
ports with service keys (as `make run` wires them, through tests/e2e/cadre_e2e.py), loads
the demo data with scripts/demo/ (bodies, roles and avenues; a few dozen applicants; their
applications and placements), then runs

  node --test --test-concurrency=1 tests/browser/*.test.mjs

with CADRE_GATEWAY_URL set, and stops everything it started by PID, also when a step
fails or on Ctrl-C / SIGTERM. Exit status: node's (0 when every test passed); 1 when the
set-up failed; 130 on Ctrl-C, 143 on SIGTERM.

Environment (set by CTest, tests/browser/CMakeLists.txt):
  CADRE_REGISTRY_BIN, CADRE_MATCHING_BIN, CADRE_GATEWAY_BIN   the binaries under test
  CADRE_WEB_ROOT      the gateway's built web root (--web_root)
  CADRE_STUB_DIR      where the Python stubs are generated (else a temporary directory)
Run by hand from a build: cd build && ctest -R browser --output-on-failure
"""

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
import cadre_e2e as e2e  # noqa: E402

DEMO = os.path.join(REPO, "scripts", "demo")
# Enough people for every application story (load_applications.py signs in 20), few
# enough that signing them up (one scrypt hash each) takes seconds.
DEMO_APPLICANTS = 40
DEMO_PEOPLE_APPLYING = 20
LOADER_DEADLINE_S = 120  # each loader; together they take about 15 s here
NODE_DEADLINE_S = 480    # the whole node run; CTest's TIMEOUT is 600
TEST_DEADLINE_S = 180    # each test (node --test-timeout): a hang fails, not a stall


class Stop(Exception):
    """Ctrl-C (SIGINT) or SIGTERM: unwind and stop everything. An Exception, not a
    KeyboardInterrupt, so that cadre_e2e's constructors stop what they had started."""

    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.status = 128 + signum


def on_signal(signum, _frame):
    raise Stop(signum)


def need_env(name):
    value = os.environ.get(name, "")
    if not value:
        raise SystemExit("run_browser_tests: %s is not set (CTest sets it; see "
                         "tests/browser/CMakeLists.txt)" % name)
    return value


def write_secret(path, value):
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(value + "\n")


def run_loader(script, args, log_dir):
    """Runs a demo loader with a deadline; its output goes to a log, shown on failure."""
    name = os.path.basename(script)
    log_path = os.path.join(log_dir, name + ".log")
    started = time.monotonic()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(["/usr/bin/python3", os.path.join(DEMO, script), *args],
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            status = proc.wait(timeout=LOADER_DEADLINE_S)
        except subprocess.TimeoutExpired:
            e2e.stop(proc)
            raise RuntimeError("%s did not finish within %d s%s"
                               % (name, LOADER_DEADLINE_S, e2e.tail(log_path)))
        except BaseException:
            e2e.stop(proc)
            raise
    if status != 0:
        raise RuntimeError("%s exited with status %d%s" % (name, status, e2e.tail(log_path)))
    print("run_browser_tests: %s done in %.1f s" % (name, time.monotonic() - started),
          flush=True)


def load_demo(stack, stubs, work):
    """The demo data `make run` loads, with fewer applicants."""
    admin_file = os.path.join(work, "admin.key")
    write_secret(admin_file, stack.registry.admin_key)
    body_keys = os.path.join(work, "body-keys.json")
    accounts = os.path.join(work, "demo-accounts.json")
    run_loader("load_demo.py", ["--addr", stack.registry.addr, "--admin_key_file", admin_file,
                                "--stubs", stubs, "--keys_out", body_keys], work)
    run_loader("load_applicants.py",
               ["--matching", stack.matching.addr, "--admin_key_file", admin_file,
                "--body_keys", body_keys, "--accounts_out", accounts,
                "--count", str(DEMO_APPLICANTS), "--stubs", stubs], work)
    run_loader("load_applications.py",
               ["--matching", stack.matching.addr, "--registry", stack.registry.addr,
                "--admin_key_file", admin_file, "--body_keys", body_keys,
                "--accounts", accounts, "--people", str(DEMO_PEOPLE_APPLYING),
                "--stubs", stubs], work)


def run_node(gateway_url, work, stack, stubs):
    tests = sorted(glob.glob(os.path.join(HERE, "*.test.mjs")))
    # CADRE_BROWSER_ONLY=journey_staff runs only the files whose names hold that text
    # (while working on one journey; make test runs them all).
    only = os.environ.get("CADRE_BROWSER_ONLY", "")
    tests = [t for t in tests if only in os.path.basename(t)]
    if not tests:
        raise RuntimeError("no tests/browser/*.test.mjs (CADRE_BROWSER_ONLY=%r)" % only)
    # Whatever node and chromium leave in TMPDIR (a profile, if node is killed before it
    # closes the browser) goes with the work directory.
    tmp = os.path.join(work, "tmp")
    os.mkdir(tmp, 0o700)
    # What the tests need to act as a body's own system (tests/browser/body_client.py) and
    # to make a body's first manager and read the audit (tests/browser/staff_client.py).
    env = dict(os.environ, CADRE_GATEWAY_URL=gateway_url, TMPDIR=tmp,
               CADRE_MATCHING_ADDR=stack.matching.addr, CADRE_STUB_DIR=stubs,
               CADRE_REGISTRY_ADDR=stack.registry.addr, CADRE_REDIS_PORT=str(stack.redis.port),
               CADRE_BODY_KEYS=os.path.join(work, "body-keys.json"))
    print("run_browser_tests: node --test on %s (CADRE_GATEWAY_URL=%s)"
          % (" ".join(os.path.basename(t) for t in tests), gateway_url), flush=True)
    proc = subprocess.Popen(["node", "--test", "--test-concurrency=1",
                             "--test-timeout=%d" % (TEST_DEADLINE_S * 1000), *tests], cwd=REPO,
                            env=env)
    try:
        return proc.wait(timeout=NODE_DEADLINE_S)
    except subprocess.TimeoutExpired:
        print("run_browser_tests: node did not finish within %d s" % NODE_DEADLINE_S,
              file=sys.stderr)
        e2e.stop(proc)
        return 1
    finally:
        e2e.stop(proc)


def check_tools():
    if shutil.which("node") is None:
        raise SystemExit("run_browser_tests: node is not on PATH (scripts/install_deps.sh)")
    version = subprocess.run(["node", "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0]) < 20:
        raise SystemExit("run_browser_tests: node %s is too old: playwright-core needs "
                         "Node.js 20 or later" % version)
    if not os.path.isdir(os.path.join(REPO, "node_modules", "playwright-core")):
        raise SystemExit("run_browser_tests: node_modules/playwright-core is missing: run "
                         "scripts/install_npm.sh (make test does)")


def main():
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    registry_bin = need_env("CADRE_REGISTRY_BIN")
    matching_bin = need_env("CADRE_MATCHING_BIN")
    gateway_bin = need_env("CADRE_GATEWAY_BIN")
    web_root = need_env("CADRE_WEB_ROOT")
    check_tools()

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="cadre-browser-")
    stack = gateway = None
    status = 1
    try:
        stubs = e2e.stub_dir()
        stack = e2e.MatchingStack(registry_bin, matching_bin)
        gateway = e2e.Gateway(gateway_bin, stack, web_root)
        load_demo(stack, stubs, work)
        print("run_browser_tests: set-up took %.1f s" % (time.monotonic() - started),
              flush=True)
        node_started = time.monotonic()
        status = run_node(gateway.url, work, stack, stubs)
        print("run_browser_tests: node took %.1f s; exit status %d"
              % (time.monotonic() - node_started, status), flush=True)
        if status != 0:
            print(e2e.tail(gateway.log, 40), file=sys.stderr)
    except Stop as e:
        print("run_browser_tests: %s; stopping" % e, file=sys.stderr)
        status = e.status
    except Exception as e:  # noqa: BLE001 -- a failed set-up is reported, then stopped
        print("run_browser_tests: set-up failed: %s" % e, file=sys.stderr)
        status = 1
    finally:
        # A second Ctrl-C while stopping must not leave processes behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if gateway is not None:
            gateway.stop()
        if stack is not None:
            stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("run_browser_tests: %.1f s in all" % (time.monotonic() - started), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
