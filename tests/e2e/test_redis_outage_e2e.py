#!/usr/bin/python3
"""End-to-end: Redis stops under the REAL registry binary, then comes back.

While Redis is down, calls fail with UNAVAILABLE well within their deadline and
grpc.health.v1 says NOT_SERVING; when the same Redis restarts (reloading its append-only
file) the registry serves again without being restarted, with its data intact.

  CADRE_REGISTRY_BIN=build/services/registry/cadre-registry \\
      /usr/bin/python3 tests/e2e/test_redis_outage_e2e.py
"""

import os
import sys
import time
import unittest

import grpc

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cadre_e2e  # noqa: E402

REGISTRY_BIN = cadre_e2e.registry_binary()
cadre_e2e.stub_dir()
from cadre.v1 import common_pb2 as c  # noqa: E402
from cadre.v1 import registry_pb2 as r  # noqa: E402
from cadre.v1 import registry_pb2_grpc as r_grpc  # noqa: E402
import health_pb2  # noqa: E402
import health_pb2_grpc  # noqa: E402

DEADLINE_S = 5      # per call: an answer must come well before it
WAIT_S = 15         # for health to change, generously
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


class RedisOutageTest(unittest.TestCase):
    def setUp(self):
        if not REGISTRY_BIN or not os.access(REGISTRY_BIN, os.X_OK):
            raise RuntimeError("set CADRE_REGISTRY_BIN to the built cadre-registry")
        self.redis = cadre_e2e.RedisServer()
        self.addCleanup(self.redis.stop)
        self.registry = cadre_e2e.Registry(REGISTRY_BIN, self.redis.port, (r, r_grpc))
        self.addCleanup(self.registry.stop)
        self.stub = r_grpc.RegistryStub(self.registry.channel)
        self.admin = (("authorization", "Bearer " + self.registry.admin_key),)
        self.health_stub = health_pb2_grpc.HealthStub(self.registry.channel)

    def health(self):
        try:
            answer = self.health_stub.Check(
                health_pb2.HealthCheckRequest(service="cadre.v1.Registry"), timeout=DEADLINE_S)
        except grpc.RpcError:
            return None
        return answer.status

    def create_body(self, code):
        return self.stub.CreateBody(
            r.CreateBodyRequest(body=r.Body(ods_code=code, display_name="Outage test trust",
                                            kind=c.BODY_KIND_TRUST, region=c.REGION_LONDON)),
            metadata=self.admin, timeout=DEADLINE_S)

    def assert_unavailable_quickly(self, call):
        start = time.monotonic()
        with self.assertRaises(grpc.RpcError) as caught:
            call()
        self.assertEqual(caught.exception.code(), grpc.StatusCode.UNAVAILABLE)
        # Not a hang ended by the deadline: the answer came well before it.
        self.assertLess(time.monotonic() - start, DEADLINE_S - 1)

    def test_unavailable_while_down_then_recovers_without_restart(self):
        self.create_body("RZ1")
        cadre_e2e.wait_for("SERVING", lambda: self.health() == SERVING, WAIT_S)

        self.redis.halt()
        self.assert_unavailable_quickly(lambda: self.create_body("RZ2"))
        cadre_e2e.wait_for("NOT_SERVING", lambda: self.health() == NOT_SERVING, WAIT_S)
        self.assert_unavailable_quickly(lambda: self.stub.GetBody(
            r.GetBodyRequest(name="bodies/RZ1"), timeout=DEADLINE_S))

        self.redis.restart()
        cadre_e2e.wait_for("SERVING again", lambda: self.health() == SERVING, WAIT_S)
        body = self.stub.GetBody(r.GetBodyRequest(name="bodies/RZ1"), timeout=DEADLINE_S)
        self.assertEqual(body.display_name, "Outage test trust")
        self.assertEqual(self.create_body("RZ2").name, "bodies/RZ2")
        self.assertEqual(self.registry.proc.poll(), None, "the registry kept running")


if __name__ == "__main__":
    unittest.main(verbosity=2)
