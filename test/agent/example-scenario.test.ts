import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, runCli } from "../cli/cli-harness.js";

describe("the example agent scenario in docs/examples", () => {
  it("runs end to end through the CLI on the sandbox", async () => {
    const scenario = join(ROOT, "docs/examples/agent-invite-alice.json");
    const r = await runCli(["--sandbox", "--no-audit", "agent", "--scenario", scenario, "invite alice@example.com as a developer"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /I invited alice@example.com as a developer/);
    assert.match(r.stderr, /→ ANTHROPIC_ADMINISTRATOR_CREATE_INVITE \{"email":"alice@example.com","role":"developer"\}\n {2}ok/);
    assert.match(r.stderr, /\[3 turns, 2 tool calls, stop_reason end_turn\]/);
  });
});
