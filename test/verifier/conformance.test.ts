import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { createEmulator } from "../../src/emulator/emulator.js";
import { findOperation } from "../../src/operations/index.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { findDrift } from "../../src/verifier/drift.js";
import { compileConformance } from "../../src/verifier/strict-schema.js";

const T = (name: string) => `ANTHROPIC_ADMINISTRATOR_${name}`;

/** Real bodies from the sandbox, one per shape family. */
async function samples(): Promise<Array<{ tool: string; body: unknown }>> {
  const toolkit = createToolkit({ sandbox: true, audit: false, warn: () => {} });
  const calls: Array<[string, Record<string, unknown>]> = [
    ["LIST_MODELS", {}],
    ["LIST_USERS", {}],
    ["LIST_WORKSPACES", { include_default: true }],
    ["LIST_API_KEYS", {}],
    ["LIST_INVITES", {}],
    ["GET_USAGE_REPORT", { starting_at: new Date(Date.now() - 3 * 86_400_000).toISOString(), group_by: ["model"] }],
    ["GET_COST_REPORT", { starting_at: new Date(Date.now() - 3 * 86_400_000).toISOString(), group_by: ["description"] }],
    ["CREATE_MESSAGE", { model: "claude-haiku-4-5", max_tokens: 20, messages: [{ role: "user", content: "hi" }] }],
  ];
  const out = [];
  for (const [name, input] of calls) {
    const r = await toolkit.run(T(name), input);
    assert.ok(r.ok, `${name} succeeded`);
    if (r.ok) out.push({ tool: T(name), body: r.data });
  }
  await toolkit.close();
  return out;
}

/** Every object inside a value, with a setter into it. */
function objectsIn(value: unknown, acc: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objectsIn(v, acc);
  else if (value && typeof value === "object") {
    acc.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objectsIn(v, acc);
  }
  return acc;
}

describe("the drift fast path agrees with the full drift walk", () => {
  it("real bodies conform and show no drift", async () => {
    for (const { tool, body } of await samples()) {
      const op = findOperation(tool);
      assert.ok(op);
      // Decorated results (cost USD totals) carry client-side fields; their wire body was checked in the pipeline.
      if (op.decorate) continue;
      assert.equal(compileConformance(op.output)(body), true, `${tool} conforms`);
      assert.deepEqual(findDrift(op.output, body), [], `${tool} has no drift`);
    }
  });

  it("for random mutations, conformance fails exactly when the walk finds drift", async () => {
    const bodies = (await samples()).filter((s) => !findOperation(s.tool)?.decorate);
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.constantFrom("add", "delete", "retype", "reenum"),
        (which, where, kind) => {
          const { tool, body } = bodies[which % bodies.length];
          const op = findOperation(tool)!;
          const copy = structuredClone(body);
          const objects = objectsIn(copy);
          if (objects.length === 0) return;
          const target = objects[where % objects.length];
          const keys = Object.keys(target);
          const key = keys[where % Math.max(1, keys.length)];
          if (kind === "add") target.zz_new_field = 1;
          else if (key !== undefined && kind === "delete") delete target[key];
          else if (key !== undefined && kind === "retype") target[key] = typeof target[key] === "number" ? "x" : 7;
          else if (key !== undefined && typeof target[key] === "string") target[key] = "zz_new_value";
          const conforms = compileConformance(op.output)(copy);
          const drift = findDrift(op.output, copy);
          assert.equal(conforms, drift.length === 0, `${tool} ${kind} ${key}: conforms=${conforms}, drift=${JSON.stringify(drift)}`);
        },
      ),
      { numRuns: 400, seed: 4242 },
    );
  });
});

describe("streamed messages are checked for drift too", () => {
  const input = { model: "claude-haiku-4-5", max_tokens: 50, stream: true, messages: [{ role: "user", content: "hello stream" }] };

  it("an assembled stream that matches the schema shows no drift, even in strict mode", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false, drift: "strict" });
    const r = await toolkit.run(T("CREATE_MESSAGE"), input);
    assert.equal(r.ok, true);
    if (r.ok) assert.equal(r.meta.drift, undefined);
    await toolkit.close();
  });

  it("an undocumented field inside the streamed message is reported", async () => {
    const emulator = createEmulator();
    // Rewrites the SSE text so message_start carries a field the schema does not know.
    const fetch: typeof globalThis.fetch = async (req, init) => {
      const res = await emulator.fetch(req, init);
      if (!res.headers.get("content-type")?.includes("text/event-stream")) return res;
      const text = (await res.text()).replace('"type":"message",', '"type":"message","zz_new_field":1,');
      return new Response(text, { status: res.status, headers: res.headers });
    };
    const warnings: string[] = [];
    const toolkit = createToolkit({ apiKey: emulator.apiKey, baseURL: "http://emu.local", fetch, audit: false, warn: (m) => warnings.push(m) });
    const r = await toolkit.run(T("CREATE_MESSAGE"), input);
    assert.equal(r.ok, true);
    if (r.ok) assert.deepEqual(r.meta.drift?.map((d) => [d.kind, d.path]), [["unknown_field", "zz_new_field"]]);
    assert.equal(warnings.length, 1);
  });
});
