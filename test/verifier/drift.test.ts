import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { createEmulator } from "../../src/emulator/emulator.js";
import type { EmulatorHook } from "../../src/emulator/hooks.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { findDrift } from "../../src/verifier/drift.js";

const Item = z.object({
  id: z.string(),
  status: z.enum(["active", "archived"]),
  note: z.string().nullable().optional(),
  block: z.union([z.looseObject({ type: z.literal("text"), text: z.string() }), z.object({ type: z.literal("image"), url: z.string() })]).optional(),
});
const Page = z.object({ data: z.array(Item), has_more: z.boolean() });

describe("findDrift", () => {
  it("finds nothing in a body that matches", () => {
    assert.deepEqual(findDrift(Page, { data: [{ id: "a", status: "active", note: null }], has_more: false }), []);
  });

  it("reports unknown fields, new enum values, missing and retyped fields once per path", () => {
    const body = {
      data: [
        { id: "a", status: "paused", extra: 1 },
        { id: "b", status: "paused", extra: 2 },
        { status: "active", note: 5 },
      ],
      has_more: "no",
      cursor: "x",
    };
    const findings = findDrift(Page, body);
    const by = (kind: string) => findings.filter((f) => f.kind === kind).map((f) => f.path).sort();
    assert.deepEqual(by("unknown_field"), ["cursor", "data[].extra"]);
    assert.deepEqual(by("unknown_enum_value"), ["data[].status"]);
    assert.deepEqual(by("missing_field"), ["data[].id"]);
    assert.deepEqual(by("wrong_type"), ["data[].note", "has_more"]);
    assert.match(findings.find((f) => f.kind === "unknown_enum_value")?.detail ?? "", /"paused"/);
  });

  it("treats extra fields of open (loose) objects as expected, but not of closed variants", () => {
    assert.deepEqual(findDrift(Item, { id: "a", status: "active", block: { type: "text", text: "t", citations: [] } }), []);
    const closed = findDrift(Item, { id: "a", status: "active", block: { type: "image", url: "u", alt: "x" } });
    assert.deepEqual(closed.map((f) => [f.kind, f.path]), [["unknown_field", "block.alt"]]);
  });

  it("reports a new variant of a tagged union as a new enum value", () => {
    const findings = findDrift(Item, { id: "a", status: "active", block: { type: "video", src: "v" } });
    assert.deepEqual(findings.map((f) => [f.kind, f.path]), [["unknown_enum_value", "block.type"]]);
  });
});

/** Adds a field and a new lifecycle value to every GET_MODEL answer, as a newer API might. */
const driftHook: EmulatorHook = {
  name: "test-drift",
  after(ctx, body) {
    if (ctx.op.tool !== "ANTHROPIC_ADMINISTRATOR_GET_MODEL") return body;
    return { ...(body as object), lifecycle: "sunsetting", pricing_tier: "gold" };
  },
};

function driftingToolkit(drift: "tolerant" | "strict", warnings: string[]) {
  const emulator = createEmulator({ hooks: [driftHook] });
  return createToolkit({
    apiKey: emulator.apiKey,
    baseURL: "http://emu.local",
    fetch: emulator.fetch,
    audit: false,
    drift,
    warn: (m) => warnings.push(m),
  });
}

describe("drift in the pipeline", () => {
  it("tolerant mode keeps the data, reports meta.drift and warns once per kind", async () => {
    const warnings: string[] = [];
    const toolkit = driftingToolkit("tolerant", warnings);
    const first = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_MODEL", { model_id: "claude-opus-5" });
    assert.equal(first.ok, true);
    if (!first.ok) return;
    const data = first.data as Record<string, unknown>;
    assert.equal(data.pricing_tier, "gold", "unknown field kept");
    assert.equal(data.lifecycle, "sunsetting", "unknown enum value kept");
    assert.deepEqual(first.meta.drift?.map((f) => `${f.kind}:${f.path}`).sort(), ["unknown_enum_value:lifecycle", "unknown_field:pricing_tier"]);
    const second = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_MODEL", { model_id: "claude-opus-5" });
    assert.equal(second.ok && second.meta.drift?.length, 2, "every result still reports its drift");
    assert.equal(warnings.length, 2, `one warning per kind: ${warnings.join(" | ")}`);
    assert.ok(warnings.some((w) => /unknown field/.test(w) && /pricing_tier/.test(w)));
    assert.ok(warnings.some((w) => /unknown enum value/.test(w) && /sunsetting/.test(w)));
  });

  it("strict mode turns drift into a schema_drift error", async () => {
    const warnings: string[] = [];
    const toolkit = driftingToolkit("strict", warnings);
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_MODEL", { model_id: "claude-opus-5" });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.type, "schema_drift");
    assert.equal(result.error.retryable, false);
    assert.match(result.error.message, /pricing_tier/);
    assert.equal((result.error.details?.drift as unknown[] | undefined)?.length, 2);
  });

  it("reports no drift on the emulator's own answers", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false, drift: "strict" });
    for (const [tool, input] of [
      ["ANTHROPIC_ADMINISTRATOR_LIST_MODELS", { all: true }],
      ["ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION", {}],
      ["ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES", {}],
    ] as const) {
      const r = await toolkit.run(tool, input);
      assert.equal(r.ok, true, `${tool}: ${JSON.stringify(r).slice(0, 300)}`);
    }
  });
});
