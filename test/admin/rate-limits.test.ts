import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import { findOperation } from "../../src/operations/index.js";
import type { OrganizationRateLimit, WorkspaceRateLimit } from "../../src/operations/rate-limits.js";
import { fails, ok, reader, sandbox, workspaceNamed } from "./workspace-fixtures.js";

type Page<T> = { data: T[]; next_page: string | null };

describe("rate limits", () => {
  it("lists every organization group in one page without limit", async () => {
    const { tk } = await sandbox();
    const page = await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", {});
    assert.equal(page.next_page, null);
    const types = new Set(page.data.map((e) => e.group.type));
    for (const t of ["model_group", "batch", "token_count", "files"]) assert.ok(types.has(t as never), t);
    for (const e of page.data) {
      assert.equal(e.type, "rate_limit");
      assert.match(e.group.id, /^rlg_01[0-9A-Za-z]{22}$/);
      assert.equal(e.group_type, e.group.type, "group_type is emitted as a harmless extra");
      assert.ok(e.limits.length > 0);
      if (e.group.type === "model_group") {
        assert.ok(e.group.display_name);
        assert.ok(e.models && e.models.length > 0);
      } else assert.equal(e.models, null);
    }
    const names = page.data.map((e) => e.group.display_name).filter(Boolean);
    assert.ok(names.includes("Claude Sonnet 5.x"));
    // Retired models are not rate limited.
    assert.equal(page.data.some((e) => e.models?.includes("claude-sonnet-4-5-20250929")), false);
  });

  it("keeps group ids the same across organizations and entry ids per organization", async () => {
    const a = createEmulator({ seed: 1 });
    const b = createEmulator({ seed: 2 });
    const read = async (e: typeof a) => {
      const res = await e.fetch("http://e/v1/organizations/rate_limits", { headers: { "x-api-key": e.adminKey, "anthropic-version": "2023-06-01" } });
      return ((await res.json()) as Page<OrganizationRateLimit>).data;
    };
    const [la, lb] = [await read(a), await read(b)];
    assert.deepEqual(la.map((e) => e.group.id), lb.map((e) => e.group.id));
    assert.notDeepEqual(la.map((e) => e.id), lb.map((e) => e.id));
  });

  it("filters by group_type and by model id or alias; an unknown model is 404", async () => {
    const { tk } = await sandbox();
    const batch = await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", { group_type: "batch" });
    assert.deepEqual(batch.data.map((e) => e.group.type), ["batch"]);
    const byAlias = await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", { model: "claude-haiku-4-5" });
    assert.equal(byAlias.data.length, 1);
    assert.ok(byAlias.data[0].models?.includes("claude-haiku-4-5-20251001"));
    await fails(tk, "LIST_RATE_LIMITS", { model: "claude-nonexistent" }, { status: 404, type: "not_found_error", message: /claude-nonexistent/ });
    await fails(tk, "LIST_RATE_LIMITS", { model: "claude-sonnet-4-5" }, { status: 404, type: "not_found_error" });
  });

  it("pages with next_page when a limit is given, and walks all pages", async () => {
    const { tk } = await sandbox();
    const all = await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", {});
    const first = await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", { limit: 2 });
    assert.equal(first.data.length, 2);
    assert.ok(first.next_page);
    const second = await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", { limit: 2, page: first.next_page });
    assert.equal(second.data[0].id, all.data[2].id);
    const walked = await tk.run<Page<OrganizationRateLimit>>("ANTHROPIC_ADMINISTRATOR_LIST_RATE_LIMITS", { limit: 2, all: true });
    assert.ok(walked.ok);
    assert.deepEqual(walked.data.data.map((e) => e.id), all.data.map((e) => e.id));
    assert.equal(walked.meta.pages, Math.ceil(all.data.length / 2));
    await fails(tk, "LIST_RATE_LIMITS", { page: "garbage" }, { status: 400, type: "invalid_request_error", message: /page/ });
  });

  it("lists a workspace's overrides, and inherited values on request", async () => {
    const { tk, emu } = await sandbox();
    const prod = workspaceNamed(emu, "Production");
    const own = await ok<Page<WorkspaceRateLimit>>(tk, "LIST_WORKSPACE_RATE_LIMITS", { workspace_id: prod.id });
    assert.equal(own.data.length, 1);
    assert.equal(own.next_page, null);
    const [entry] = own.data;
    assert.equal(entry.type, "workspace_rate_limit");
    assert.equal(entry.workspace_id, prod.id);
    assert.deepEqual(entry.limits, [{ type: "requests_per_minute", value: 1000, org_limit: 4000, source: { type: "workspace" } }]);
    const inherited = await ok<Page<WorkspaceRateLimit>>(tk, "LIST_WORKSPACE_RATE_LIMITS", { workspace_id: prod.id, include_inherited: true });
    const orgCount = (await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", {})).data.length;
    assert.equal(inherited.data.length, orgCount);
    const same = inherited.data.find((e) => e.rate_limit_id === entry.rate_limit_id);
    assert.ok(same?.limits.some((l) => l.source?.type === "organization" && l.value === l.org_limit));
    const research = workspaceNamed(emu, "Research");
    assert.equal((await ok<Page<WorkspaceRateLimit>>(tk, "LIST_WORKSPACE_RATE_LIMITS", { workspace_id: research.id })).data.length, 0);
    const onlyBatch = await ok<Page<WorkspaceRateLimit>>(tk, "LIST_WORKSPACE_RATE_LIMITS", { workspace_id: research.id, include_inherited: true, group_type: "batch" });
    assert.deepEqual(onlyBatch.data.map((e) => e.group.type), ["batch"]);
    await fails(tk, "LIST_WORKSPACE_RATE_LIMITS", { workspace_id: "wrkspc_nope" }, { status: 404, type: "not_found_error" });
  });

  it("sets and clears a workspace override, checking limiters and archived workspaces", async () => {
    const { tk, emu } = await sandbox();
    const research = workspaceNamed(emu, "Research");
    const org = await ok<Page<OrganizationRateLimit>>(tk, "LIST_RATE_LIMITS", { group_type: "token_count" });
    const rl = org.data[0];
    const set = await ok<WorkspaceRateLimit>(tk, "UPDATE_WORKSPACE_RATE_LIMIT", {
      workspace_id: research.id,
      rate_limit_id: rl.id,
      limits: [{ type: "requests_per_minute", value: 50 }],
    });
    assert.deepEqual(set.limits, [{ type: "requests_per_minute", value: 50, org_limit: rl.limits[0].value, source: { type: "workspace" } }]);
    const listed = await ok<Page<WorkspaceRateLimit>>(tk, "LIST_WORKSPACE_RATE_LIMITS", { workspace_id: research.id });
    assert.equal(listed.data[0].rate_limit_id, rl.id);
    const op = findOperation("ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE_RATE_LIMIT");
    assert.ok(op?.reconcile);
    const read = reader(tk);
    assert.equal((await op.reconcile({ workspace_id: research.id, rate_limit_id: rl.id, limits: [{ type: "requests_per_minute", value: 50 }] }, read)).applied, true);
    assert.equal((await op.reconcile({ workspace_id: research.id, rate_limit_id: rl.id, limits: [{ type: "requests_per_minute", value: null }] }, read)).applied, false);
    const cleared = await ok<WorkspaceRateLimit>(tk, "UPDATE_WORKSPACE_RATE_LIMIT", { workspace_id: research.id, rate_limit_id: rl.id, limits: [{ type: "requests_per_minute", value: null }] });
    assert.equal(cleared.limits[0].source?.type, "organization");
    assert.equal((await ok<Page<WorkspaceRateLimit>>(tk, "LIST_WORKSPACE_RATE_LIMITS", { workspace_id: research.id })).data.length, 0);
    await fails(tk, "UPDATE_WORKSPACE_RATE_LIMIT", { workspace_id: research.id, rate_limit_id: rl.id, limits: [{ type: "tokens_per_day", value: 5 }] }, { status: 400, type: "invalid_request_error", message: /tokens_per_day is not a limiter/ });
    await fails(tk, "UPDATE_WORKSPACE_RATE_LIMIT", { workspace_id: research.id, rate_limit_id: "ratelimit_nope", limits: [{ type: "requests_per_minute", value: 5 }] }, { status: 404, type: "not_found_error" });
    const legacy = workspaceNamed(emu, "Legacy Pilot");
    await fails(tk, "UPDATE_WORKSPACE_RATE_LIMIT", { workspace_id: legacy.id, rate_limit_id: rl.id, limits: [{ type: "requests_per_minute", value: 5 }] }, { status: 400, type: "invalid_request_error", message: /archived/ });
  });
});
