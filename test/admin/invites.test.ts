import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";
import { createInvite, deleteInvite } from "../../src/operations/invites.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { ToolkitError } from "../../src/verifier/errors.js";
import { adminCall, type Json } from "../helpers/admin-call.js";

const DAY = 86_400_000;

const call = adminCall;

const invite = (emu: Emulator, email: string, role = "developer") => call(emu, "POST", "/v1/organizations/invites", { email, role });
const listIds = async (emu: Emulator, query = "") =>
  (await call(emu, "GET", `/v1/organizations/invites?limit=1000${query}`)).body.data.map((i: Json) => i.id) as string[];

describe("invites: emulator rules", () => {
  it("creates a pending invite that expires exactly 21 days later", async () => {
    const emu = createEmulator({ now: () => Date.parse("2026-12-01T10:00:00Z") });
    const r = await invite(emu, "new.person@example.com");
    assert.equal(r.status, 200);
    assert.equal(r.body.status, "pending");
    assert.equal(r.body.type, "invite");
    assert.match(r.body.id, /^invite_01/);
    assert.equal(r.body.accepted_at, null);
    assert.deepEqual(r.body.rbac_group_ids, []);
    assert.equal(Date.parse(r.body.expires_at) - Date.parse(r.body.invited_at), 21 * DAY);
    assert.equal(r.body.invited_at, "2026-12-01T10:00:00.000000Z");
  });

  it("allows one pending invite per email (invite_already_exists, case-insensitive)", async () => {
    const emu = createEmulator();
    const first = await invite(emu, "dup@example.com");
    const again = await invite(emu, "DUP@Example.com", "user");
    assert.equal(again.status, 400);
    assert.equal(again.body.error.type, "invalid_request_error");
    assert.equal(again.body.error.details.error_code, "invite_already_exists");
    assert.match(again.body.error.message, new RegExp(first.body.id));
  });

  it("refuses to invite a member (already_member, naming the user)", async () => {
    const emu = createEmulator();
    const member = emu.state.users.all()[3];
    const r = await invite(emu, member.email.toUpperCase());
    assert.equal(r.status, 400);
    assert.equal(r.body.error.details.error_code, "already_member");
    assert.match(r.body.error.message, new RegExp(member.id));
  });

  it("never grants admin, and keeps Console and Enterprise role sets apart", async () => {
    const emu = createEmulator();
    const admin = await invite(emu, "boss@example.com", "admin");
    assert.equal(admin.status, 400);
    assert.equal(admin.body.error.type, "invalid_request_error");
    assert.match(admin.body.error.message, /admin cannot be assigned/);
    const managed = await invite(emu, "m@example.com", "managed");
    assert.equal(managed.status, 400);
    assert.match(managed.body.error.message, /Console organization/);
    const groups = await call(emu, "POST", "/v1/organizations/invites", { email: "g@example.com", role: "user", rbac_group_ids: ["rbac_group_1"] });
    assert.equal(groups.status, 400);
    assert.match(groups.body.error.message, /rbac_group_ids/);
    emu.state.extra.set("organization:type", "enterprise");
    assert.equal((await invite(emu, "m@example.com", "managed")).status, 200);
    assert.equal((await invite(emu, "d@example.com", "developer")).status, 400);
    assert.equal(emu.state.invites.all().filter((i) => i.email.endsWith("@example.com") && i.role === "admin").length, 0);
  });

  it("expires invites from the emulator clock; an expired invite frees the email", async () => {
    const emu = createEmulator();
    const r = await invite(emu, "late@example.com");
    emu.clock.advance(21 * DAY - 1000);
    assert.equal((await call(emu, "GET", `/v1/organizations/invites/${r.body.id}`)).body.status, "pending");
    emu.clock.advance(1000);
    assert.equal((await call(emu, "GET", `/v1/organizations/invites/${r.body.id}`)).body.status, "expired");
    assert.ok(!(await listIds(emu, "&statuses[]=pending")).includes(r.body.id));
    assert.ok((await listIds(emu, "&statuses[]=expired")).includes(r.body.id));
    const again = await invite(emu, "late@example.com");
    assert.equal(again.status, 200, "an expired invite does not block a new one");
  });

  it("deletes only pending invites; deleted invites are never listed", async () => {
    const emu = createEmulator();
    const r = await invite(emu, "bye@example.com");
    const del = await call(emu, "DELETE", `/v1/organizations/invites/${r.body.id}`);
    assert.equal(del.status, 200);
    assert.deepEqual(del.body, { id: r.body.id, type: "invite_deleted" });
    assert.equal((await call(emu, "GET", `/v1/organizations/invites/${r.body.id}`)).body.status, "deleted");
    for (const q of ["", "&statuses[]=pending", "&statuses[]=accepted&statuses[]=expired&statuses[]=pending"]) {
      assert.ok(!(await listIds(emu, q)).includes(r.body.id), q);
    }
    const twice = await call(emu, "DELETE", `/v1/organizations/invites/${r.body.id}`);
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /is deleted; only pending/);
    const seeded = emu.state.invites.all();
    const accepted = seeded.find((i) => i.status === "accepted");
    const expired = seeded.find((i) => i.status === "pending" && Date.parse(i.expires_at) < emu.clock.now());
    assert.ok(accepted && expired);
    for (const inv of [accepted, expired]) {
      const x = await call(emu, "DELETE", `/v1/organizations/invites/${inv.id}`);
      assert.equal(x.status, 400);
      assert.equal(x.body.error.type, "invalid_request_error");
    }
    const unknown = await call(emu, "DELETE", "/v1/organizations/invites/invite_01nope");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.type, "not_found_error");
    assert.equal((await call(emu, "GET", "/v1/organizations/invites/invite_01nope")).status, 404);
  });

  it("filters by email, roles and statuses; the default is accepted, expired and pending", async () => {
    const emu = createEmulator();
    const all = (await call(emu, "GET", "/v1/organizations/invites?limit=100")).body.data as Json[];
    assert.deepEqual(new Set(all.map((i) => i.status)), new Set(["accepted", "expired", "pending"]));
    assert.equal(all.filter((i) => i.status === "pending").length, 3);
    assert.equal(all.filter((i) => i.status === "expired").length, 1);
    const byEmail = (await call(emu, "GET", "/v1/organizations/invites?email=HEDY.LAMARR@example.com")).body.data;
    assert.equal(byEmail.length, 1);
    const devs = (await call(emu, "GET", "/v1/organizations/invites?roles[]=developer")).body.data as Json[];
    assert.ok(devs.length >= 2 && devs.every((i) => i.role === "developer"));
    const mixed = (await call(emu, "GET", "/v1/organizations/invites?statuses[]=accepted&statuses[]=expired")).body.data as Json[];
    assert.deepEqual(mixed.map((i) => i.status).sort(), ["accepted", "expired"]);
    const bad = await call(emu, "GET", "/v1/organizations/invites?statuses[]=deleted");
    assert.equal(bad.status, 400);
  });
});

describe("invites: control surface", () => {
  const control = async (emu: Emulator, path: string, body?: unknown) => {
    const res = await emu.fetch(`http://emu.local/_emulator${path}`, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it("accepting an invite creates the member with its email and role", async () => {
    const emu = createEmulator();
    const r = await invite(emu, "joiner@example.com", "claude_code_user");
    const acc = await control(emu, `/invites/${r.body.id}/accept`, { name: "Jo Iner" });
    assert.equal(acc.status, 200);
    assert.equal(acc.body.invite.status, "accepted");
    assert.ok(acc.body.invite.accepted_at);
    assert.equal(acc.body.user.email, "joiner@example.com");
    assert.equal(acc.body.user.role, "claude_code_user");
    assert.equal(acc.body.user.name, "Jo Iner");
    const found = await call(emu, "GET", "/v1/organizations/users?email=joiner@example.com");
    assert.equal(found.body.data[0].id, acc.body.user.id);
    const twice = await control(emu, `/invites/${r.body.id}/accept`);
    assert.equal(twice.status, 400);
    assert.equal(twice.body.type, "error");
    assert.equal(twice.body.error.type, "invalid_request_error");
    assert.equal((await invite(emu, "joiner@example.com")).body.error.details.error_code, "already_member");
  });

  it("refuses to accept expired, deleted and unknown invites", async () => {
    const emu = createEmulator();
    const late = await invite(emu, "late@example.com");
    const gone = await invite(emu, "gone@example.com");
    await call(emu, "DELETE", `/v1/organizations/invites/${gone.body.id}`);
    emu.clock.advance(22 * DAY);
    for (const id of [late.body.id, gone.body.id]) {
      const r = await control(emu, `/invites/${id}/accept`);
      assert.equal(r.status, 400, id);
      assert.match(r.body.error.message, /only a pending invite/);
    }
    const unknown = await control(emu, "/invites/invite_01nope/accept");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.type, "not_found_error");
    assert.equal(emu.state.users.all().filter((u) => u.email === "late@example.com").length, 0);
  });

  it("adds members directly and reseeds at a given scale", async () => {
    const emu = createEmulator();
    const added = await control(emu, "/users", { email: "direct@example.com", role: "developer" });
    assert.equal(added.status, 200);
    assert.equal(added.body.role, "developer");
    assert.equal((await control(emu, "/users", { email: "DIRECT@example.com" })).body.error.details.error_code, "already_member");
    assert.equal((await control(emu, "/users", { email: "not-an-email" })).status, 400);
    const seeded = await control(emu, "/seed", { users: 250 });
    assert.equal(seeded.status, 200);
    assert.equal(seeded.body.seeded.users, 12 + 250);
    assert.equal(emu.state.users.size, 262);
    assert.ok(!emu.state.users.all().some((u) => u.email === "direct@example.com"), "reseeding starts over");
    assert.equal((await control(emu, "/seed", { users: -1 })).status, 400);
  });
});

describe("invites: through the toolkit", () => {
  it("runs create, list, get and delete, and reconciles create and delete", async () => {
    const tk = createToolkit({ sandbox: true, audit: false });
    const read = async (tool: string, input: Record<string, unknown>) => {
      const r = await tk.run(tool, input);
      if (!r.ok) throw new ToolkitError(r.error);
      return r.data;
    };
    const input = { email: "tool@example.com", role: "developer" };
    assert.deepEqual(await createInvite.reconcile?.(input, read), { applied: false });
    const created = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_CREATE_INVITE", input);
    assert.ok(created.ok, JSON.stringify(created));
    assert.equal(created.data.status, "pending");
    const rec = await createInvite.reconcile?.(input, read);
    assert.equal(rec?.applied, true);
    if (rec?.applied) assert.equal((rec.data as Json).id, created.data.id);
    assert.deepEqual(await createInvite.reconcile?.({ ...input, role: "user" }, read), { applied: false }, "another role is not ours");

    const listed = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_LIST_INVITES", { statuses: ["pending"], all: true });
    assert.ok(listed.ok);
    assert.ok(listed.data.data.some((i: Json) => i.id === created.data.id));
    const got = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_GET_INVITE", { invite_id: created.data.id });
    assert.ok(got.ok);
    assert.equal(got.data.email, "tool@example.com");

    assert.deepEqual(await deleteInvite.reconcile?.({ invite_id: created.data.id }, read), { applied: false });
    const del = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_DELETE_INVITE", { invite_id: created.data.id, confirm: true });
    assert.ok(del.ok, JSON.stringify(del));
    assert.deepEqual(del.data, { id: created.data.id, type: "invite_deleted" });
    assert.equal((await deleteInvite.reconcile?.({ invite_id: created.data.id }, read))?.applied, true);

    const dup = await tk.run("ANTHROPIC_ADMINISTRATOR_CREATE_INVITE", { email: "hedy.lamarr@example.com", role: "user" });
    assert.equal(dup.ok, false);
    if (!dup.ok) assert.equal(dup.error.details?.error_code, "invite_already_exists");
    await tk.close();
  });
});

describe("invites: safe writes after an ambiguous failure", () => {
  it("a connection reset after the invite was created is reconciled as applied, never sent twice", async () => {
    const tk = createToolkit({ sandbox: true, audit: false, sleep: async () => {}, warn: () => {} });
    const emu = await tk.sandbox();
    assert.ok(emu);
    const rule = await emu.fetch("http://emu.local/_emulator/faults", {
      method: "POST",
      body: JSON.stringify({ match: { tool: "CREATE_INVITE" }, fault: { kind: "reset", phase: "after" }, count: 1 }),
    });
    assert.equal(rule.status, 200);
    const r = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_CREATE_INVITE", { email: "flaky@example.com", role: "user" });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.meta.outcome, "applied");
    assert.equal(r.data.email, "flaky@example.com");
    assert.equal(emu.state.invites.all().filter((i) => i.email === "flaky@example.com").length, 1);
  });

  it("a 500 after removing a member is reconciled as applied", async () => {
    const tk = createToolkit({ sandbox: true, audit: false, sleep: async () => {}, warn: () => {} });
    const emu = await tk.sandbox();
    assert.ok(emu);
    await emu.fetch("http://emu.local/_emulator/faults", {
      method: "POST",
      body: JSON.stringify({ match: { tool: "REMOVE_USER" }, fault: { kind: "status", status: 500, phase: "after" }, count: 1 }),
    });
    const dev = emu.state.users.all().find((u) => u.role === "developer");
    assert.ok(dev);
    const r = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_REMOVE_USER", { user_id: dev.id, confirm: true });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.meta.outcome, "applied");
    assert.deepEqual(r.data, { id: dev.id, type: "user_deleted" });
    assert.equal(emu.state.users.get(dev.id), undefined);
  });
});
