// The real Connect client for Node (@connectrpc/connect-node 2) against the real
// cadre-gateway binary, with the service's schema read at run time from a descriptor set
// (no generated code): reads by POST and by GET, and an error as a ConnectError.
//
// Started by run_connect_client_test.py, which provides:
//   CADRE_GATEWAY_URL     the gateway's base URL ("http://127.0.0.1:PORT")
//   CADRE_DESCRIPTOR_SET  a FileDescriptorSet of protos/cadre/v1 with its imports
//   CADRE_ROLE_NAME       a published role ("roles/{id}")
//   CADRE_BODY_NAME       its body ("bodies/{code}")

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through run_connect_client_test.py`);
  return value;
}

const baseUrl = required("CADRE_GATEWAY_URL");
const roleName = required("CADRE_ROLE_NAME");
const bodyName = required("CADRE_BODY_NAME");
const registry = createFileRegistry(
  fromBinary(FileDescriptorSetSchema, readFileSync(required("CADRE_DESCRIPTOR_SET"))),
);
const service = registry.getService("cadre.v1.Registry");
assert.ok(service, "cadre.v1.Registry is in the descriptor set");

// JSON by POST (what the brief's clients use), and JSON by GET for the reads.
const clients = {
  post: createClient(
    service,
    createConnectTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat: false }),
  ),
  get: createClient(
    service,
    createConnectTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat: false, useHttpGet: true }),
  ),
};

for (const [how, client] of Object.entries(clients)) {
  test(`${how}: getRole answers the published role`, async () => {
    const role = await client.getRole({ name: roleName }, { timeoutMs: 5000 });
    assert.equal(role.name, roleName);
    assert.equal(role.body, bodyName);
    assert.ok(role.title.length > 0);
    assert.equal(role.acceptingApplications, true);
  });

  test(`${how}: listRoles lists it`, async () => {
    const page = await client.listRoles({ pageSize: 10 });
    assert.ok(
      page.roles.some((role) => role.name === roleName),
      `${roleName} in ${page.roles.map((role) => role.name)}`,
    );
  });

  test(`${how}: getInvolvementMap has the body`, async () => {
    const map = await client.getInvolvementMap({});
    assert.ok(map.openRoles >= 1);
    const entry = map.sections.flatMap((section) => section.bodies).find((b) => b.body === bodyName);
    assert.ok(entry, `${bodyName} on the map`);
    assert.ok(entry.openRoles.some((role) => role.name === roleName), `${roleName} on the map`);
  });

  test(`${how}: a role that does not exist is a ConnectError NotFound`, async () => {
    await assert.rejects(
      client.getRole({ name: "roles/999999999" }),
      (error) => {
        assert.ok(error instanceof ConnectError, `a ConnectError, not ${error}`);
        assert.equal(error.code, Code.NotFound);
        assert.match(error.rawMessage, /roles\/999999999/);
        return true;
      },
    );
  });
}

test("a write without a key is refused, not an internal error", async () => {
  await assert.rejects(
    clients.post.createBody({ body: { odsCode: "RZZ", displayName: "No key", kind: 3, region: 1 } }),
    (error) => {
      assert.ok(error instanceof ConnectError);
      assert.ok([Code.Unauthenticated, Code.PermissionDenied].includes(error.code), `${error.code}`);
      return true;
    },
  );
});
