import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { createEmulator } from "../../src/emulator/emulator.js";
import { adminCall, type Json } from "../helpers/admin-call.js";


const dir = mkdtempSync(join(tmpdir(), "anthropic-admin-persist-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const call = adminCall;

describe("persistence: statePath keeps the organization in SQLite", () => {
  it("seeds once, then reloads changes across restarts", async () => {
    const path = join(dir, "org", "state.db");
    const first = createEmulator({ statePath: path });
    const orgId = first.state.organization.id;
    const usersBefore = first.state.users.all().map((u) => u.id);
    const dev = first.state.users.all().find((u) => u.role === "developer");
    const billing = first.state.users.all().find((u) => u.role === "billing");
    assert.ok(dev && billing);
    const inv = await call(first, "POST", "/v1/organizations/invites", { email: "kept@example.com", role: "user" });
    assert.equal(inv.status, 200);
    assert.equal((await call(first, "POST", `/v1/organizations/users/${dev.id}`, { role: "claude_code_user" })).status, 200);
    assert.equal((await call(first, "DELETE", `/v1/organizations/users/${billing.id}`)).status, 200);
    first.state.extra.set("test:area", { counts: new Map([["a", 1]]), tags: new Set(["x"]) });

    // Written through, before close: another connection already sees the invite.
    const peek = new Database(path, { readonly: true });
    const row = peek.prepare("SELECT json FROM invites WHERE id = ?").get(inv.body.id) as { json: string } | undefined;
    peek.close();
    assert.ok(row, "invite row written without close");
    assert.equal(JSON.parse(row.json).email, "kept@example.com");
    await first.close();

    const second = createEmulator({ statePath: path });
    assert.equal(second.state.organization.id, orgId, "the same organization, not a new seed");
    assert.notEqual(second.adminKey, first.adminKey, "a new run with its own keys");
    const list = await call(second, "GET", "/v1/organizations/users?limit=1000");
    assert.equal(list.status, 200, "this run's admin key authenticates");
    assert.deepEqual(list.body.data.map((u: Json) => u.id), usersBefore.filter((id) => id !== billing.id), "order kept, removal kept");
    assert.equal((await call(second, "GET", `/v1/organizations/users/${dev.id}`)).body.role, "claude_code_user");
    const got = await call(second, "GET", `/v1/organizations/invites/${inv.body.id}`);
    assert.equal(got.body.status, "pending");
    assert.equal(second.state.models.size, first.state.models.size, "models come back");
    const extra = second.state.extra.get("test:area") as { counts: Map<string, number>; tags: Set<string> };
    assert.equal(extra.counts.get("a"), 1);
    assert.ok(extra.tags.has("x"));

    // The standard demo key of the new run works too (it re-points the seeded demo key).
    const models = await second.fetch("http://emu.local/v1/models", { headers: { "x-api-key": second.apiKey, "anthropic-version": "2023-06-01" } });
    assert.equal(models.status, 200);

    // New ids after a reload do not collide with ids handed out before.
    const next = await call(second, "POST", "/v1/organizations/invites", { email: "after@example.com", role: "developer" });
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.ok(!first.state.invites.get(next.body.id) && !first.state.users.get(next.body.id));
    await second.close();

    const third = createEmulator({ statePath: path });
    assert.ok(third.state.invites.get(next.body.id), "a change of the second run is there on the third");
    await third.close();
  });

  it("persists usage events appended by Messages calls", async () => {
    const path = join(dir, "usage.db");
    const first = createEmulator({ statePath: path });
    const before = first.state.usage.length;
    const res = await first.fetch("http://emu.local/v1/messages", {
      method: "POST",
      headers: { "x-api-key": first.apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model: "claude-opus-5", max_tokens: 16, messages: [{ role: "user", content: "hello" }] }),
    });
    assert.equal(res.status, 200);
    assert.equal(first.state.usage.length, before + 1);
    await first.close();
    const second = createEmulator({ statePath: path });
    assert.equal(second.state.usage.length, before + 1);
    assert.deepEqual(second.state.usage.at(-1), first.state.usage.at(-1));
    await second.close();
  });

  it("reset() starts the file over from the seed", async () => {
    const path = join(dir, "reset.db");
    const emu = createEmulator({ statePath: path });
    const inv = await call(emu, "POST", "/v1/organizations/invites", { email: "temp@example.com", role: "user" });
    emu.reset();
    assert.equal(emu.state.invites.get(inv.body.id), undefined);
    await emu.close();
    const again = createEmulator({ statePath: path });
    assert.equal(again.state.invites.get(inv.body.id), undefined, "the reset is what was kept");
    assert.equal(again.state.users.size, 12);
    await again.close();
  });

  it("writes a 20,000-member organization in one transaction and reloads it quickly", async () => {
    const path = join(dir, "big.db");
    let t0 = performance.now();
    const first = createEmulator({ statePath: path, scale: { users: 20_000 } });
    const seedMs = performance.now() - t0;
    await first.close();
    t0 = performance.now();
    const second = createEmulator({ statePath: path, scale: { users: 20_000 } });
    const loadMs = performance.now() - t0;
    console.log(`persistence: seed+write 20,000 members ${seedMs.toFixed(0)} ms, reload ${loadMs.toFixed(0)} ms`);
    assert.equal(second.state.users.size, 20_012);
    assert.deepEqual(second.state.users.all().at(-1), first.state.users.all().at(-1));
    assert.ok(seedMs < 10_000 && loadMs < 10_000);
    await second.close();
  });
});
