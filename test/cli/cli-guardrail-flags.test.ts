import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./cli-harness.js";

const S = ["--sandbox", "--no-audit"];

describe("CLI guardrail flags", () => {
  it("--allow-tools limits what runs and what `tools` lists; short names are accepted", async () => {
    const listed = await runCli(["--allow-tools", "list_models,GET_MODEL", "tools", "--format", "json-schema"]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { name: string }[]).map((t) => t.name),
      ["ANTHROPIC_ADMINISTRATOR_LIST_MODELS", "ANTHROPIC_ADMINISTRATOR_GET_MODEL"],
    );
    const allowed = await runCli([...S, "--allow-tools", "LIST_MODELS", "--json", "models", "list", "--limit", "1"]);
    assert.equal(allowed.code, 0, allowed.stderr);
    const refused = await runCli([...S, "--allow-tools", "LIST_MODELS", "workspaces", "list"]);
    assert.equal(refused.code, 6);
    assert.match(refused.stderr, /policy_denied: ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES is not in this toolkit's allowTools list/);
  });

  it("--allow-workspaces refuses writes to other workspaces before sending", async () => {
    const r = await runCli([...S, "--allow-workspaces", "wrkspc_allowed", "workspaces", "update", "wrkspc_other", "--name", "X"]);
    assert.equal(r.code, 6);
    assert.match(r.stderr, /policy_denied/);
    assert.match(r.stderr, /wrkspc_other/);
  });
});
