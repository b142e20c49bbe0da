import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Emulator } from "../../src/emulator/emulator.js";
import { runAgent } from "../../src/surfaces/agent/run-agent.js";
import type { AgentEvent, AgentToolCall } from "../../src/surfaces/agent/types.js";
import { createToolkit, type Toolkit } from "../../src/surfaces/toolkit.js";

const T = (verb: string) => `ANTHROPIC_ADMINISTRATOR_${verb}`;
const MODEL = "claude-sonnet-5-5";

type Turn = { content: unknown[] | string; stop_reason?: string };

async function sandbox(): Promise<{ toolkit: Toolkit; emulator: Emulator }> {
  const toolkit = createToolkit({ sandbox: true, audit: false, retry: { maxAttempts: 1 }, warn: () => {} });
  const emulator = await toolkit.sandbox();
  assert.ok(emulator);
  return { toolkit, emulator };
}

/** Installs scripted Messages turns through the emulator's control surface. */
async function script(emulator: Emulator, turns: Turn[]): Promise<void> {
  const res = await emulator.fetch("http://emu.local/_emulator/scenario", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ turns }),
  });
  assert.equal(res.status, 200, await res.clone().text());
}

const use = (id: string, verb: string, input: Record<string, unknown>) => ({ type: "tool_use", id, name: T(verb), input });

function workspaceId(emulator: Emulator, name: string): string {
  const ws = emulator.state.workspaces.all().find((w) => w.name === name);
  assert.ok(ws, `seeded workspace ${name}`);
  return ws.id;
}

describe("runAgent: invite alice@example.com as a developer and add her to the Research workspace", () => {
  it("runs end to end against the sandbox and leaves the organization in the expected state", async () => {
    const { toolkit, emulator } = await sandbox();
    const never = () => assert.fail("no destructive call expected");
    // Part 1: the agent invites her; she cannot be added to a workspace before she accepts.
    await script(emulator, [
      { content: [{ type: "text", text: "Let me look at the workspaces first." }, use("toolu_1", "LIST_WORKSPACES", {})] },
      { content: [use("toolu_2", "CREATE_INVITE", { email: "alice@example.com", role: "developer" })] },
      { content: "I invited alice@example.com as a developer. Once she accepts, I can add her to Research." },
    ]);
    const events: AgentEvent[] = [];
    const first = await runAgent({
      task: "invite alice@example.com as a developer and add her to the Research workspace",
      model: MODEL,
      toolkit,
      approve: never,
      maxTurns: 6,
      onEvent: (e) => events.push(e),
    });
    assert.equal(first.stop_reason, "end_turn");
    assert.equal(first.turns, 3);
    assert.match(first.text, /invited alice@example\.com/);
    assert.deepEqual(
      first.calls.map((c) => [c.name, c.ok, c.effect]),
      [
        [T("LIST_WORKSPACES"), true, "read"],
        [T("CREATE_INVITE"), true, "write"],
      ],
    );
    const listed = first.calls[0].data as { data: { name: string }[] };
    assert.ok(listed.data.some((w) => w.name === "Research"));
    // The transcript alternates and answers each tool_use with its tool_result.
    assert.deepEqual(
      first.transcript.map((m) => m.role),
      ["user", "assistant", "user", "assistant", "user", "assistant"],
    );
    const answer = first.transcript[4].content as { type: string; tool_use_id: string; content: string }[];
    assert.equal(answer[0].type, "tool_result");
    assert.equal(answer[0].tool_use_id, "toolu_2");
    assert.match(answer[0].content, /alice@example\.com/);
    assert.deepEqual(
      events.map((e) => e.type),
      ["assistant", "tool_call", "tool_result", "assistant", "tool_call", "tool_result", "assistant"],
    );
    const invite = emulator.state.invites.all().find((i) => i.email === "alice@example.com");
    assert.ok(invite);
    assert.equal(invite.role, "developer");
    assert.equal(invite.status, "pending");

    // She accepts (a person's act: the control surface); part 2 adds her to Research.
    const accepted = await emulator.fetch(`http://emu.local/_emulator/invites/${invite.id}/accept`, { method: "POST", body: "{}" });
    assert.equal(accepted.status, 200);
    const alice = emulator.state.users.all().find((u) => u.email === "alice@example.com");
    assert.ok(alice);
    const research = workspaceId(emulator, "Research");
    await script(emulator, [
      { content: [use("toolu_3", "LIST_USERS", { email: "alice@example.com" })] },
      { content: [use("toolu_4", "ADD_WORKSPACE_MEMBER", { workspace_id: research, user_id: alice.id, workspace_role: "workspace_developer" })] },
      { content: "Alice is now a developer in the Research workspace." },
    ]);
    const second = await runAgent({ task: "she accepted: add alice@example.com to Research", model: MODEL, toolkit, approve: never });
    assert.equal(second.stop_reason, "end_turn");
    assert.deepEqual(
      second.calls.map((c) => c.ok),
      [true, true],
    );
    const member = emulator.state.members.get(`${research}:${alice.id}`);
    assert.equal(member?.workspace_role, "workspace_developer");
    assert.equal(alice.role, "developer");
    await toolkit.close();
  });
});

describe("runAgent: approvals and failures", () => {
  it("asks before a destructive call: refused → is_error tool_result and nothing sent; approved → carried out", async () => {
    const { toolkit, emulator } = await sandbox();
    const target = workspaceId(emulator, "Sandbox");
    const turns: Turn[] = [
      { content: [use("toolu_a", "ARCHIVE_WORKSPACE", { workspace_id: target })] },
      { content: "Done." },
    ];
    await script(emulator, turns);
    const asked: AgentToolCall[] = [];
    const refused = await runAgent({ task: "archive Sandbox", model: MODEL, toolkit, approve: (c) => {
        asked.push(c);
        return false;
      },
    });
    assert.equal(asked.length, 1);
    assert.equal(asked[0].effect, "destructive");
    assert.equal(refused.calls[0].approved, false);
    assert.equal(refused.calls[0].ok, false);
    const block = (refused.transcript[2].content as { is_error?: boolean; content: string }[])[0];
    assert.equal(block.is_error, true);
    assert.match(block.content, /refused by the operator/);
    assert.equal(emulator.state.workspaces.get(target)?.archived_at, null);

    await script(emulator, turns);
    const approved = await runAgent({ task: "archive Sandbox", model: MODEL, toolkit, approve: async () => true });
    assert.equal(approved.calls[0].approved, true);
    assert.equal(approved.calls[0].ok, true);
    assert.ok(emulator.state.workspaces.get(target)?.archived_at);
    await toolkit.close();
  });

  it("hands invalid input and unknown tools back as is_error results the model can fix, and keeps going", async () => {
    const { toolkit, emulator } = await sandbox();
    await script(emulator, [
      {
        content: [
          use("toolu_x", "CREATE_INVITE", { email: "bob@example.com", role: "emperor" }),
          { type: "tool_use", id: "toolu_y", name: "NOT_A_TOOL", input: {} },
          use("toolu_z", "CREATE_MESSAGE", { model: MODEL, max_tokens: 1, messages: [] }),
        ],
      },
      { content: "The role was wrong." },
    ]);
    const result = await runAgent({ task: "invite bob", model: MODEL, toolkit, approve: () => true });
    assert.equal(result.stop_reason, "end_turn");
    const blocks = result.transcript[2].content as { tool_use_id: string; is_error?: boolean; content: string }[];
    assert.deepEqual(
      blocks.map((b) => [b.tool_use_id, b.is_error]),
      [
        ["toolu_x", true],
        ["toolu_y", true],
        ["toolu_z", true],
      ],
    );
    assert.match(blocks[0].content, /^invalid_input:[\s\S]*- role:/);
    assert.match(blocks[1].content, /No tool named "NOT_A_TOOL"/);
    assert.match(blocks[2].content, /No tool named/); // the agent cannot call the Messages API through itself
    assert.equal(emulator.state.invites.all().some((i) => i.email === "bob@example.com"), false);
    await toolkit.close();
  });

  it("offers only the named tools, without CREATE_MESSAGE or confirm", async () => {
    const { toolkit, emulator } = await sandbox();
    await script(emulator, [{ content: "Nothing to do." }]);
    const seen: unknown[] = [];
    const spy: Toolkit = {
      ...toolkit,
      run: (tool, input, opts) => {
        seen.push(input);
        return toolkit.run(tool, input, opts);
      },
    };
    await runAgent({ task: "hi", model: MODEL, toolkit: spy, approve: () => true, tools: [T("ARCHIVE_WORKSPACE"), T("CREATE_MESSAGE")] });
    const sent = seen[0] as { tools: { name: string; input_schema: { properties: Record<string, unknown> } }[] };
    assert.deepEqual(
      sent.tools.map((t) => t.name),
      [T("ARCHIVE_WORKSPACE")],
    );
    assert.equal("confirm" in sent.tools[0].input_schema.properties, false);
    assert.ok("workspace_id" in sent.tools[0].input_schema.properties);
    await toolkit.close();
  });

  it("stops at maxTurns, and reports a failed Messages call as stop_reason error", async () => {
    const { toolkit, emulator } = await sandbox();
    const loop = { content: [use("toolu_l", "LIST_WORKSPACES", { limit: 1 })] };
    await script(emulator, [loop, loop, loop]);
    const capped = await runAgent({ task: "loop", model: MODEL, toolkit, approve: () => true, maxTurns: 2 });
    assert.equal(capped.stop_reason, "max_turns");
    assert.equal(capped.turns, 2);
    assert.equal(capped.calls.length, 2);

    const broken = await runAgent({ task: "x", model: "no-such-model", toolkit, approve: () => true });
    assert.equal(broken.stop_reason, "error");
    assert.equal(broken.error?.type, "not_found_error");
    await toolkit.close();
  });
});
