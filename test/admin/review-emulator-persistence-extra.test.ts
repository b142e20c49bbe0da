import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";
import type { OrganizationRateLimit, WorkspaceRateLimit } from "../../src/operations/rate-limits.js";
import { raw } from "./workspace-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "anthropic-admin-review-extra-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function workspace(emu: Emulator, name: string) {
  const ws = emu.state.workspaces.all().find((w) => w.name === name);
  assert.ok(ws, `no workspace ${name}`);
  return ws;
}

describe("review: state.extra changes reach the state file without close()", () => {
  it("keeps a workspace rate-limit override when the first process never closes", async () => {
    const path = join(dir, "override.db");
    const first = createEmulator({ statePath: path });
    const research = workspace(first, "Research");
    const org = await raw(first, "GET", "/v1/organizations/rate_limits?group_type=token_count");
    assert.equal(org.status, 200);
    const rl = org.body.data[0] as OrganizationRateLimit;
    const set = await raw(first, "POST", `/v1/organizations/workspaces/${research.id}/rate_limits/${rl.id}`, {
      limits: [{ type: "requests_per_minute", value: 77 }],
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));

    // No first.close(): as if the process had died here.
    const second = createEmulator({ statePath: path });
    try {
      assert.equal(second.state.organization.id, first.state.organization.id, "reloaded, not reseeded");
      const listed = await raw(second, "GET", `/v1/organizations/workspaces/${research.id}/rate_limits`);
      assert.equal(listed.status, 200);
      const entries = listed.body.data as WorkspaceRateLimit[];
      assert.deepEqual(
        entries.map((e) => [e.rate_limit_id, e.limits.map((l) => [l.type, l.value, l.source?.type])]),
        [[rl.id, [["requests_per_minute", 77, "workspace"]]]],
      );
    } finally {
      await second.close();
    }

    // Clearing the override is written through as well.
    const cleared = await raw(first, "POST", `/v1/organizations/workspaces/${research.id}/rate_limits/${rl.id}`, {
      limits: [{ type: "requests_per_minute", value: null }],
    });
    assert.equal(cleared.status, 200);
    const third = createEmulator({ statePath: path });
    try {
      const listed = await raw(third, "GET", `/v1/organizations/workspaces/${research.id}/rate_limits`);
      assert.deepEqual(listed.body.data, [], "the cleared override is gone after a reload");
    } finally {
      await third.close();
      await first.close();
    }
  });

  it("keeps extra values set or deleted as a whole (organization type), never transient ones", async () => {
    const path = join(dir, "org-type.db");
    const first = createEmulator({ statePath: path });
    first.state.extra.set("organization:type", "enterprise");
    first.state.extra.set("test:doomed", { a: 1 });
    await Promise.resolve();
    first.state.extra.delete("test:doomed");
    first.state.extra.set("auth:review-probe", "never on disk");
    await new Promise((resolve) => setImmediate(resolve));

    const second = createEmulator({ statePath: path });
    try {
      assert.equal(second.state.extra.get("organization:type"), "enterprise");
      assert.equal(second.state.extra.has("test:doomed"), false, "a deleted key is deleted on disk too");
      assert.equal(second.state.extra.has("auth:review-probe"), false, "transient keys stay out of the file");
    } finally {
      await second.close();
      await first.close();
    }
  });
});
