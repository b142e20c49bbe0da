import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";

const T = (name: string) => `ANTHROPIC_ADMINISTRATOR_${name}`;

describe("request rules the emulator and the toolkit keep", () => {
  it("a workspace-bound key may send anthropic-workspace-id only for its own workspace", async () => {
    const emulator = createEmulator();
    const key = emulator.state.apiKeys.all().find((k) => k._secret === emulator.apiKey);
    assert.ok(key && key.scope.type === "workspace");
    const get = (workspace: string) =>
      emulator.fetch("http://emu.local/v1/models?limit=1", {
        headers: { "x-api-key": emulator.apiKey, "anthropic-version": "2023-06-01", "anthropic-workspace-id": workspace },
      });
    const own = await get(key.scope.workspace_id);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get("anthropic-workspace-id"), key.scope.workspace_id);
    const other = await get("wrkspc_01someoneelse");
    assert.equal(other.status, 400);
    const body = (await other.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, "invalid_request_error");
    assert.match(body.error.message, /anthropic-workspace-id: wrkspc_01someoneelse is not the workspace this API key belongs to/);
  });

  it("system turns take text only; the toolkit refuses other blocks before sending", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const ok = await toolkit.run(T("CREATE_MESSAGE"), {
      model: "claude-haiku-4-5",
      max_tokens: 50,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
    });
    assert.equal(ok.ok, true);
    const bad = await toolkit.run(T("CREATE_MESSAGE"), {
      model: "claude-haiku-4-5",
      max_tokens: 50,
      messages: [
        { role: "system", content: [{ type: "image", source: { type: "url", url: "https://example.com/a.png" } }] },
        { role: "user", content: "hi" },
      ],
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.error.type, "invalid_input");
      assert.equal(bad.error.issues?.[0].path, "messages.0.content");
      assert.equal(bad.meta?.attempts, 0);
    }
    await toolkit.close();
  });

  it("workspace_geo cannot change: refused before sending, and by the emulator", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const emulator = await toolkit.sandbox();
    assert.ok(emulator);
    const ws = emulator.state.workspaces.all().find((w) => !w._default && !w.archived_at);
    assert.ok(ws);
    const r = await toolkit.run(T("UPDATE_WORKSPACE"), { workspace_id: ws.id, data_residency: { workspace_geo: "eu" } });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.issues?.[0].path, "data_residency.workspace_geo");
    const res = await emulator.fetch(`http://emu.local/v1/organizations/workspaces/${ws.id}`, {
      method: "POST",
      headers: { "x-api-key": emulator.adminKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ data_residency: { workspace_geo: "eu" } }),
    });
    assert.equal(res.status, 400);
    assert.equal(emulator.state.workspaces.get(ws.id)?.data_residency.workspace_geo, "us");
    await toolkit.close();
  });
});
