import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { findOperation } from "../../src/operations/index.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { audit } from "../../src/verifier/audit.js";
import type { CallContext, Runtime } from "../../src/verifier/context.js";
import { asToolkitError, ToolkitError } from "../../src/verifier/errors.js";

const GET_ORG = "ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("review fix: key-shaped text in unexpected failures", () => {
  it("asToolkitError redacts key-shaped text from a plain error's message", () => {
    const err = asToolkitError(new Error("upstream said sk-ant-api03-SECRETVALUE_x-1 is bad"));
    assert.equal(err.type, "api_error");
    assert.ok(!err.message.includes("SECRETVALUE"), err.message);
    assert.match(err.message, /^Unexpected failure: upstream said /);
    assert.ok(!asToolkitError("thrown string sk-ant-admin01-SECRETVALUE").message.includes("SECRETVALUE"));
  });

  it("a failing key command becomes a configuration_error naming the key and source, with no key text", async () => {
    const toolkit = createToolkit({
      sandbox: true,
      audit: false,
      adminKey: { command: "sh", args: ["-c", "echo 'token sk-ant-admin01-SECRETVALUE rejected' >&2; exit 1"] },
    });
    try {
      const result = await toolkit.run(GET_ORG, {});
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.type, "configuration_error", JSON.stringify(result));
      assert.match(result.error.message, /Admin API key/);
      assert.match(result.error.message, /command sh/);
      const text = JSON.stringify(result);
      assert.ok(!text.includes("SECRETVALUE"), text);
      assert.ok(!text.includes("sk-ant-"), text);
      assert.ok(!text.includes("exit 1"), "no full command line");
    } finally {
      await toolkit.close();
    }
  });

  it("a failing key function becomes a configuration_error for the standard key, redacted", async () => {
    const toolkit = createToolkit({
      sandbox: true,
      audit: false,
      apiKey: () => {
        throw new Error("vault returned sk-ant-api03-SECRETVALUE for the wrong tenant");
      },
    });
    try {
      const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS", {});
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.type, "configuration_error");
      assert.match(result.error.message, /standard API key/);
      assert.match(result.error.message, /a key function/);
      assert.ok(!JSON.stringify(result).includes("SECRETVALUE"));
    } finally {
      await toolkit.close();
    }
  });
});

describe("review fix: audit records and rethrows the redacted ToolkitError form", () => {
  it("turns a plain thrown error into a redacted ToolkitError, in the log and on the way out", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rf-audit-"));
    dirs.push(dir);
    const path = join(dir, "audit.jsonl");
    const op = findOperation(GET_ORG);
    assert.ok(op);
    const runtime = {
      options: { audit: { path } },
      now: () => 1_700_000_000_000,
      warnOnce: () => {},
      state: new Map(),
    } as unknown as Runtime;
    const ctx = {
      op,
      raw: {},
      input: {},
      control: {},
      runtime,
      meta: { tool: GET_ORG, effect: "read", attempts: 0, duration_ms: 0 },
    } as CallContext;
    let thrown: unknown;
    try {
      await audit(ctx, async () => {
        throw new Error("plugin leaked sk-ant-admin01-SECRETVALUE");
      });
    } catch (err) {
      thrown = err;
    }
    assert.ok(thrown instanceof ToolkitError, "rethrown as a ToolkitError");
    assert.ok(!JSON.stringify((thrown as ToolkitError).toJSON()).includes("SECRETVALUE"));
    assert.ok(!(thrown as ToolkitError).message.includes("SECRETVALUE"));
    const line = JSON.parse((await readFile(path, "utf8")).trim());
    assert.equal(line.error_type, "api_error");
    assert.ok(!JSON.stringify(line).includes("SECRETVALUE"));
  });
});
