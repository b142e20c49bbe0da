import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../../src/surfaces/toolkit.js";

// The type assertions here are checked by `npm run typecheck` (CI); the calls run in the sandbox.
describe("typed client derived from the registry", () => {
  it("types inputs and results per operation", async () => {
    const tk = createToolkit({ sandbox: true, audit: false });
    const ws = await tk.client.workspaces.create({ name: "Typed" });
    const name: string = ws.name;
    assert.equal(name, "Typed");
    const users = await tk.client.users.list({ roles: ["developer"], all: true });
    const email: string = users.data[0].email;
    assert.match(email, /@/);
    const key = (await tk.client.apiKeys.list({ limit: 1 })).data[0];
    const status: "active" | "archived" | "expired" | "inactive" = key.status;
    assert.ok(["active", "archived", "expired", "inactive"].includes(status));
    // @ts-expect-error messages.countTokens requires `messages`
    await assert.rejects(tk.client.messages.countTokens({ model: "claude-haiku-4-5" }), /messages/);
    // @ts-expect-error there is no such group
    assert.equal(tk.client.noSuchGroup, undefined);
    await tk.close();
  });
});
