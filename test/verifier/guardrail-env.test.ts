import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveOptions } from "../../src/verifier/options.js";

describe("guardrails from the environment apply to every surface", () => {
  it("reads ANTHROPIC_ADMIN_POLICY and the allowlists; explicit options win", () => {
    const env = {
      ANTHROPIC_ADMIN_POLICY: "read_only",
      ANTHROPIC_ADMIN_ALLOW_TOOLS: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS, ANTHROPIC_ADMINISTRATOR_GET_MODEL",
      ANTHROPIC_ADMIN_ALLOW_WORKSPACES: "wrkspc_a,wrkspc_b",
    };
    const fromEnv = resolveOptions({}, env);
    assert.equal(fromEnv.policy, "read_only");
    assert.deepEqual(fromEnv.allowTools, ["ANTHROPIC_ADMINISTRATOR_LIST_MODELS", "ANTHROPIC_ADMINISTRATOR_GET_MODEL"]);
    assert.deepEqual(fromEnv.allowWorkspaces, ["wrkspc_a", "wrkspc_b"]);
    assert.equal(resolveOptions({ policy: "open" }, env).policy, "open");
    assert.equal(resolveOptions({}, {}).policy, "confirm_destructive");
  });

  it("refuses an unknown policy by name instead of ignoring it", () => {
    assert.throws(() => resolveOptions({}, { ANTHROPIC_ADMIN_POLICY: "yolo" }), /ANTHROPIC_ADMIN_POLICY must be one of read_only, confirm_destructive, open/);
    // A typo in an explicit option must not quietly behave like `open`.
    assert.throws(() => resolveOptions({ policy: "readonly" as never }, {}), /policy must be one of read_only, confirm_destructive, open, not "readonly"/);
  });

  it("a bad policy stops `serve` before any socket opens", async () => {
    const { startServe } = await import("../../src/surfaces/mcp/serve.js");
    await assert.rejects(
      startServe({ port: 0, emulatorPort: 0, env: { ANTHROPIC_ADMIN_POLICY: "bogus" }, log: () => {} }),
      /ANTHROPIC_ADMIN_POLICY must be one of/,
    );
    // Nothing is left listening: the test process would otherwise hang at exit.
  });
});
