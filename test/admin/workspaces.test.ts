import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_ACTIVE_WORKSPACES, WORKSPACE_PALETTE } from "../../src/emulator/behaviours/workspaces.js";
import { effectOf } from "../../src/operations/derive.js";
import { findOperation } from "../../src/operations/index.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import type { Workspace } from "../../src/operations/workspaces.js";
import { fails, ok, raw, reader, sandbox, workspaceNamed } from "./workspace-fixtures.js";

type Page = { data: Workspace[]; has_more: boolean; first_id: string | null; last_id: string | null };

describe("workspaces", () => {
  it("creates a workspace with server-picked color and documented defaults", async () => {
    const { tk } = await sandbox();
    const r = await tk.run<Workspace>("ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE", { name: "Data Science", tags: { team: "ds" } });
    assert.ok(r.ok);
    assert.equal(r.meta.effect, "write");
    const ws = r.data;
    assert.match(ws.id, /^wrkspc_01[0-9A-Za-z]{22}$/);
    assert.equal(ws.name, "Data Science");
    assert.ok((WORKSPACE_PALETTE as readonly string[]).includes(ws.display_color));
    assert.deepEqual(ws.data_residency, { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" });
    assert.equal(ws.archived_at, null);
    assert.deepEqual(ws.tags, { team: "ds" });
    const got = await ok<Workspace>(tk, "GET_WORKSPACE", { workspace_id: ws.id });
    assert.deepEqual(got, ws);
  });

  it("keeps an explicit color and checks the default geo against the allowed list", async () => {
    const { tk, emu } = await sandbox();
    const ws = await ok<Workspace>(tk, "CREATE_WORKSPACE", {
      name: "EU-ish",
      display_color: "#123ABC",
      data_residency: { allowed_inference_geos: ["us"], default_inference_geo: "us" },
    });
    assert.equal(ws.display_color, "#123ABC");
    assert.deepEqual(ws.data_residency?.allowed_inference_geos, ["us"]);
    const bad = await raw(emu, "POST", "/v1/organizations/workspaces", {
      name: "Bad geo",
      data_residency: { allowed_inference_geos: ["us"], default_inference_geo: "global" },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.type, "invalid_request_error");
    assert.match(bad.body.error.message, /default_inference_geo: "global" is not in allowed_inference_geos/);
  });

  it("hides the Default Workspace and archived ones unless asked, and filters by ids", async () => {
    const { tk, emu } = await sandbox();
    const plain = await ok<Page>(tk, "LIST_WORKSPACES", {});
    assert.deepEqual(
      plain.data.map((w) => w.name),
      ["Research", "Production", "Sandbox"],
    );
    const all = await ok<Page>(tk, "LIST_WORKSPACES", { include_default: true, include_archived: true });
    assert.deepEqual(
      all.data.map((w) => w.name),
      ["Default", "Research", "Production", "Sandbox", "Legacy Pilot"],
    );
    const legacy = workspaceNamed(emu, "Legacy Pilot");
    const research = workspaceNamed(emu, "Research");
    const byIds = await ok<Page>(tk, "LIST_WORKSPACES", { ids: [legacy.id, research.id] });
    assert.deepEqual(byIds.data.map((w) => w.id), [research.id]);
    const byIdsArchived = await ok<Page>(tk, "LIST_WORKSPACES", { ids: [legacy.id, research.id], include_archived: true });
    assert.deepEqual(byIdsArchived.data.map((w) => w.id).sort(), [legacy.id, research.id].sort());
    // ids[] as the SDK encodes it (brackets) reaches the emulator's filter too.
    const wire = await raw(emu, "GET", `/v1/organizations/workspaces?ids[]=${research.id}&include_default=true`);
    assert.deepEqual(wire.body.data.map((w: Workspace) => w.id), [research.id]);
  });

  it("pages with cursors and walks every page with all: true", async () => {
    const { tk } = await sandbox();
    const first = await ok<Page>(tk, "LIST_WORKSPACES", { limit: 2, include_default: true });
    assert.equal(first.data.length, 2);
    assert.equal(first.has_more, true);
    const second = await ok<Page>(tk, "LIST_WORKSPACES", { limit: 2, include_default: true, after_id: first.last_id });
    assert.equal(second.data[0].name, "Production");
    const walked = await tk.run<Page>("ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES", { all: true, limit: 1, include_default: true });
    assert.ok(walked.ok);
    assert.equal(walked.data.data.length, 4);
    assert.equal(walked.meta.pages, 4);
  });

  it("gets the Default Workspace by its real id and answers 404 for unknown ids", async () => {
    const { tk, emu } = await sandbox();
    const def = emu.state.workspaces.all().find((w) => w._default);
    assert.ok(def);
    const got = await ok<Workspace>(tk, "GET_WORKSPACE", { workspace_id: def.id });
    assert.equal(got.name, "Default");
    assert.equal("_default" in got, false);
    await fails(tk, "GET_WORKSPACE", { workspace_id: "wrkspc_nope" }, { status: 404, type: "not_found_error", message: /wrkspc_nope/ });
    await fails(tk, "UPDATE_WORKSPACE", { workspace_id: "wrkspc_nope", name: "x" }, { status: 404, type: "not_found_error" });
    await fails(tk, "ARCHIVE_WORKSPACE", { workspace_id: "wrkspc_nope", confirm: true }, { status: 404, type: "not_found_error" });
  });

  it("updates name, color and tags; a null tag value deletes the tag", async () => {
    const { tk, emu } = await sandbox();
    const prod = workspaceNamed(emu, "Production");
    const ws = await ok<Workspace>(tk, "UPDATE_WORKSPACE", {
      workspace_id: prod.id,
      name: "Prod",
      display_color: "#000000",
      tags: { env: null, owner: "platform" },
    });
    assert.equal(ws.name, "Prod");
    assert.equal(ws.display_color, "#000000");
    assert.deepEqual(ws.tags, { cost_center: "cc-100", owner: "platform" });
  });

  it("refuses tag keys starting with anthropic, in the toolkit and in the emulator", async () => {
    const { tk, emu } = await sandbox();
    const prod = workspaceNamed(emu, "Production");
    const err = await fails(tk, "UPDATE_WORKSPACE", { workspace_id: prod.id, tags: { AnthropicTeam: "x" } }, { type: "invalid_input" });
    assert.match(err?.message ?? "", /tags\.AnthropicTeam: tag keys may not start with "anthropic"/);
    const wire = await raw(emu, "POST", "/v1/organizations/workspaces", { name: "T", tags: { anthropic_x: "1" } });
    assert.equal(wire.status, 400);
    assert.equal(wire.body.error.type, "invalid_request_error");
    assert.match(wire.body.error.message, /anthropic/);
  });

  it("enforces names of 1 to 40 characters", async () => {
    const { tk, emu } = await sandbox();
    await fails(tk, "CREATE_WORKSPACE", { name: "x".repeat(41) }, { type: "invalid_input", message: /name/ });
    const wire = await raw(emu, "POST", "/v1/organizations/workspaces", { name: "" });
    assert.equal(wire.status, 400);
    assert.match(wire.body.error.message, /^name/);
    const at40 = await ok<Workspace>(tk, "CREATE_WORKSPACE", { name: "y".repeat(40) });
    assert.equal(at40.name.length, 40);
  });

  it("refuses to rename or archive the Default Workspace", async () => {
    const { tk, emu } = await sandbox();
    const def = emu.state.workspaces.all().find((w) => w._default);
    assert.ok(def);
    await fails(tk, "UPDATE_WORKSPACE", { workspace_id: def.id, name: "Main" }, { status: 400, type: "invalid_request_error", message: /Default Workspace cannot be renamed/ });
    await fails(tk, "ARCHIVE_WORKSPACE", { workspace_id: def.id, confirm: true }, { status: 400, type: "invalid_request_error", message: /Default Workspace cannot be archived/ });
    await fails(tk, "UPDATE_WORKSPACE", { workspace_id: def.id, user_profile_id: "uprof_1" }, { status: 400, type: "invalid_request_error", message: /user profile/ });
    assert.equal(emu.state.workspaces.get(def.id)?.name, "Default");
  });

  it("keeps external_key_id and user_profile_id write-once", async () => {
    const { tk, emu } = await sandbox();
    const research = workspaceNamed(emu, "Research");
    await ok(tk, "UPDATE_WORKSPACE", { workspace_id: research.id, external_key_id: "ekey_1", user_profile_id: "uprof_1" });
    await ok(tk, "UPDATE_WORKSPACE", { workspace_id: research.id, external_key_id: "ekey_1" });
    await fails(tk, "UPDATE_WORKSPACE", { workspace_id: research.id, external_key_id: "ekey_2" }, { status: 400, type: "invalid_request_error", message: /write-once/ });
    await fails(tk, "UPDATE_WORKSPACE", { workspace_id: research.id, user_profile_id: "uprof_2" }, { status: 400, type: "invalid_request_error", message: /set once/ });
  });

  it("archives irreversibly, archives the workspace's keys, and answers a second archive unchanged", async () => {
    const { tk, emu } = await sandbox();
    const prod = workspaceNamed(emu, "Production");
    const keysBefore = emu.state.apiKeys.all().filter((k) => k.scope.type === "workspace" && k.scope.workspace_id === prod.id);
    assert.ok(keysBefore.some((k) => k.status === "active"));
    const r = await tk.run<Workspace>("ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE", { workspace_id: prod.id, confirm: true });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.meta.effect, "destructive");
    assert.notEqual(r.data.archived_at, null);
    const keysAfter = emu.state.apiKeys.all().filter((k) => k.scope.type === "workspace" && k.scope.workspace_id === prod.id);
    assert.ok(keysAfter.every((k) => k.status === "archived"));
    emu.clock.advance(60_000);
    const again = await ok<Workspace>(tk, "ARCHIVE_WORKSPACE", { workspace_id: prod.id, confirm: true });
    assert.equal(again.archived_at, r.data.archived_at);
    // Archived workspaces are read-only.
    await fails(tk, "UPDATE_WORKSPACE", { workspace_id: prod.id, name: "Back" }, { status: 400, type: "invalid_request_error", message: /archived/ });
    const listed = await ok<Page>(tk, "LIST_WORKSPACES", {});
    assert.equal(listed.data.some((w) => w.id === prod.id), false);
  });

  it("allows at most 100 non-archived workspaces", async () => {
    const { tk, emu } = await sandbox();
    const active = () => emu.state.workspaces.all().filter((w) => !w._default && w.archived_at === null).length;
    let i = 0;
    while (active() < MAX_ACTIVE_WORKSPACES) await ok(tk, "CREATE_WORKSPACE", { name: `bulk-${i++}` });
    const err = await fails(tk, "CREATE_WORKSPACE", { name: "one too many" }, { status: 400, type: "invalid_request_error", message: /100 active workspaces/ });
    assert.ok(err);
    await ok(tk, "ARCHIVE_WORKSPACE", { workspace_id: workspaceNamed(emu, "Sandbox").id, confirm: true });
    const ws = await ok<Workspace>(tk, "CREATE_WORKSPACE", { name: "one too many" });
    assert.equal(ws.name, "one too many");
  });

  it("judges effects and reconciles writes by reading state back", async () => {
    const { tk, emu } = await sandbox();
    const create = findOperation("ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE");
    const update = findOperation("ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE");
    const archive = findOperation("ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE");
    assert.ok(create?.reconcile && update?.reconcile && archive?.reconcile);
    assert.equal(effectOf(archive, {}), "destructive");
    assert.equal(archive.idempotent, true);
    assert.equal(create.idempotent, false);
    const read = reader(tk);
    assert.deepEqual(await create.reconcile({ name: "Not there" }, read), { applied: false });
    const made = await ok<Workspace>(tk, "CREATE_WORKSPACE", { name: "Lost answer" });
    assert.deepEqual(await create.reconcile({ name: "Lost answer", tags: { team: "other" } }, read), { applied: false });
    const found = await create.reconcile({ name: "Lost answer" }, read);
    assert.equal(found.applied, true);
    assert.equal(found.applied && (found.data as Workspace).id, made.id);
    // An archived workspace of the same name is not the one a lost create made.
    await ok(tk, "ARCHIVE_WORKSPACE", { workspace_id: made.id, confirm: true });
    assert.deepEqual(await create.reconcile({ name: "Lost answer" }, read), { applied: false });
    const research = workspaceNamed(emu, "Research");
    assert.deepEqual(await update.reconcile({ workspace_id: research.id, name: "Renamed" }, read), { applied: false });
    await ok(tk, "UPDATE_WORKSPACE", { workspace_id: research.id, name: "Renamed", tags: { team: null } });
    assert.equal((await update.reconcile({ workspace_id: research.id, name: "Renamed", tags: { team: null } }, read)).applied, true);
    assert.deepEqual(await archive.reconcile({ workspace_id: research.id }, read), { applied: false });
    await ok(tk, "ARCHIVE_WORKSPACE", { workspace_id: research.id, confirm: true });
    assert.equal((await archive.reconcile({ workspace_id: research.id }, read)).applied, true);
  });

  it("answers every read of this area without schema drift, in strict mode", async () => {
    const strict = createToolkit({ sandbox: true, audit: false, drift: "strict" });
    const strictEmu = await strict.sandbox();
    assert.ok(strictEmu);
    const prod = workspaceNamed(strictEmu, "Production");
    const member = strictEmu.state.members.all()[0];
    const key = strictEmu.state.apiKeys.all()[0];
    const calls: Array<[string, Record<string, unknown>]> = [
      ["LIST_WORKSPACES", { include_default: true, include_archived: true }],
      ["GET_WORKSPACE", { workspace_id: prod.id }],
      ["LIST_WORKSPACE_MEMBERS", { workspace_id: member.workspace_id }],
      ["GET_WORKSPACE_MEMBER", { workspace_id: member.workspace_id, user_id: member.user_id }],
      ["LIST_API_KEYS", { all: true }],
      ["GET_API_KEY", { api_key_id: key.id }],
      ["LIST_RATE_LIMITS", {}],
      ["LIST_WORKSPACE_RATE_LIMITS", { workspace_id: prod.id, include_inherited: true }],
    ];
    for (const [tool, input] of calls) {
      const r = await strict.run(`ANTHROPIC_ADMINISTRATOR_${tool}`, input);
      assert.ok(r.ok, `${tool}: ${JSON.stringify(!r.ok && r.error)}`);
      assert.equal(r.meta.drift, undefined, tool);
    }
  });

  it("runs every workspace tool through the toolkit client", async () => {
    const { tk } = await sandbox();
    // Loosely typed on purpose: the typed Client's precision depends on every area's registry types.
    const client = tk.client as unknown as Record<string, Record<string, (input: object) => Promise<any>>>;
    const ws = await client.workspaces.create({ name: "Client made" });
    assert.equal(ws.name, "Client made");
    assert.equal((await client.workspaces.get({ workspace_id: ws.id })).id, ws.id);
    assert.equal((await client.workspaces.update({ workspace_id: ws.id, name: "Client renamed" })).name, "Client renamed");
    assert.ok((await client.workspaces.list({ all: true })).data.some((w: Workspace) => w.id === ws.id));
    assert.notEqual((await client.workspaces.archive({ workspace_id: ws.id, confirm: true })).archived_at, null);
  });
});
