import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic, { BadRequestError, NotFoundError } from "@anthropic-ai/sdk";
import { createEmulator } from "../../src/emulator/emulator.js";

/** The official SDK pointed at the in-process emulator with the admin key. */
function sdk() {
  const emulator = createEmulator();
  const client = new Anthropic({ apiKey: emulator.adminKey, baseURL: "http://emu.local", fetch: emulator.fetch, maxRetries: 0 });
  return { emulator, client };
}

async function rejects(p: Promise<unknown>): Promise<Error & { status?: number; errorCode?: string; type?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail("expected a rejection");
}

describe("official SDK: client.organization (people)", () => {
  it("retrieve() returns the organization", async () => {
    const { client, emulator } = sdk();
    const org = await client.organization.retrieve();
    assert.deepEqual(org, emulator.state.organization);
    assert.equal(org.type, "organization");
  });

  it("users.list auto-pages, filters, and retrieve/update/remove round-trip", async () => {
    const { client, emulator } = sdk();
    const seen: string[] = [];
    for await (const user of client.organization.users.list({ limit: 5 })) seen.push(user.id);
    assert.deepEqual(seen, emulator.state.users.all().map((u) => u.id));
    const devs = await client.organization.users.list({ roles: ["developer", "billing"] });
    assert.ok(devs.data.length > 0 && devs.data.every((u) => u.role === "developer" || u.role === "billing"));
    const byEmail = await client.organization.users.list({ email: "Alan.Turing@example.com" });
    assert.equal(byEmail.data.length, 1);
    const alan = byEmail.data[0];

    const got = await client.organization.users.retrieve(alan.id);
    assert.deepEqual(got, alan);
    const updated = await client.organization.users.update(alan.id, { role: "billing" });
    assert.equal(updated.role, "billing");
    assert.equal(updated.id, alan.id);
    const removed = await client.organization.users.remove(alan.id);
    assert.deepEqual(removed, { id: alan.id, type: "user_deleted" });
    const err = await rejects(client.organization.users.retrieve(alan.id));
    assert.ok(err instanceof NotFoundError);
    assert.equal(err.status, 404);
  });

  it("maps the documented error codes to the SDK's typed errors", async () => {
    const { client, emulator } = sdk();
    const admin = emulator.state.users.all().find((u) => u.role === "admin");
    assert.ok(admin);
    const noAdminRemoval = await rejects(client.organization.users.remove(admin.id));
    assert.ok(noAdminRemoval instanceof BadRequestError);
    const noAdminGrant = await rejects(client.organization.users.update(emulator.state.users.all()[2].id, { role: "admin" as "user" }));
    assert.ok(noAdminGrant instanceof BadRequestError);

    const dev = emulator.state.users.all().find((u) => u.role === "developer");
    assert.ok(dev);
    for (const u of [...emulator.state.users.all()]) if (u.id !== dev.id) emulator.state.users.remove(u.id);
    const last = await rejects(client.organization.users.remove(dev.id));
    assert.equal(last.constructor.name, "CannotRemoveLastMemberError");
    assert.equal(last.errorCode, "cannot_remove_last_member");
  });

  it("invites.create/list/retrieve/delete round-trip with typed errors", async () => {
    const { client, emulator } = sdk();
    const created = await client.organization.invites.create({ email: "sdk@example.com", role: "developer" });
    assert.equal(created.status, "pending");
    assert.equal(created.type, "invite");
    assert.deepEqual(created.rbac_group_ids, []);

    const listed: string[] = [];
    for await (const inv of client.organization.invites.list({ limit: 2, statuses: ["pending"] })) listed.push(inv.id);
    assert.ok(listed.includes(created.id));
    assert.equal(listed.length, 4, "three seeded pending invites and ours");
    const byEmail = await client.organization.invites.list({ email: "SDK@example.com", roles: ["developer"] });
    assert.deepEqual(byEmail.data.map((i) => i.id), [created.id]);

    assert.deepEqual(await client.organization.invites.retrieve(created.id), created);
    const dup = await rejects(client.organization.invites.create({ email: "sdk@example.com", role: "user" }));
    assert.equal(dup.constructor.name, "InviteAlreadyExistsError");
    assert.equal(dup.errorCode, "invite_already_exists");
    const member = await rejects(client.organization.invites.create({ email: emulator.state.users.all()[1].email, role: "user" }));
    assert.equal(member.constructor.name, "AlreadyMemberError");
    assert.equal(member.errorCode, "already_member");

    const deleted = await client.organization.invites.delete(created.id);
    assert.deepEqual(deleted, { id: created.id, type: "invite_deleted" });
    assert.equal((await client.organization.invites.retrieve(created.id)).status, "deleted");
    const again = await rejects(client.organization.invites.delete(created.id));
    assert.ok(again instanceof BadRequestError);
    const unknown = await rejects(client.organization.invites.retrieve("invite_01unknown"));
    assert.ok(unknown instanceof NotFoundError);
  });

  it("refuses a standard key on these endpoints with a permission error", async () => {
    const { emulator } = sdk();
    const standard = new Anthropic({ apiKey: emulator.apiKey, baseURL: "http://emu.local", fetch: emulator.fetch, maxRetries: 0 });
    const err = await rejects(standard.organization.users.list());
    assert.equal(err.status, 403);
  });
});
