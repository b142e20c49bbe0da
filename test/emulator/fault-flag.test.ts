import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFaultFlag } from "../../src/emulator/faults/flag.js";
import { faultService } from "../../src/emulator/faults/service.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";

describe("the --fault short form", () => {
  it("parses every fault kind into the JSON rule format", () => {
    assert.deepEqual(parseFaultFlag("CREATE_WORKSPACE:status=503,count=2").rules, [
      { match: { tool: "CREATE_WORKSPACE" }, fault: { kind: "status", status: 503, phase: "before" }, count: 2 },
    ]);
    const limited = parseFaultFlag("*:status=429,retry_after=1.5,probability=0.2").rules[0];
    assert.deepEqual(limited.fault, { kind: "status", status: 429, retry_after: 1.5, phase: "before" });
    assert.equal(limited.probability, 0.2);
    assert.deepEqual(limited.match, {});
    assert.deepEqual(parseFaultFlag("CREATE_INVITE:reset=after").rules[0].fault, { kind: "reset", phase: "after" });
    assert.deepEqual(parseFaultFlag("LIST_USERS:latency=300").rules[0].fault, { kind: "latency", ms: 300, phase: "before" });
    assert.deepEqual(parseFaultFlag("LIST_WORKSPACES:drift=extra_field,field=zz").rules[0].fault, { kind: "drift", variant: "extra_field", field: "zz" });
    for (const kind of ["spend_cap", "truncate", "revoke_key"]) assert.equal(parseFaultFlag(`*:${kind}`).rules[0].fault.kind, kind);
  });

  it("names what is wrong", () => {
    assert.throws(() => parseFaultFlag("status=503"), /expected TOOL:KIND/);
    assert.throws(() => parseFaultFlag("X:explode"), /unknown fault "explode"/);
    assert.throws(() => parseFaultFlag("X:status=700"), /--fault "X:status=700": Invalid fault rules at fault.status/);
    assert.throws(() => parseFaultFlag("X:drift=sideways"), /fault.variant/);
  });

  it("a parsed rule fires through the toolkit as written", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false, retry: { maxAttempts: 1 } });
    const emulator = await toolkit.sandbox();
    assert.ok(emulator);
    faultService(emulator.services).load(parseFaultFlag("GET_ORGANIZATION:status=503,count=1"));
    const first = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION", {});
    assert.equal(!first.ok && first.error.status, 503);
    const second = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION", {});
    assert.equal(second.ok, true);
    await toolkit.close();
  });
});
