import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClaudeCodeRecordSchema } from "../../src/operations/reports.js";
import { CLAUDE_CODE, DAY, getReport, NOW, sandbox } from "./helpers.js";

const TOOL = "ANTHROPIC_ADMINISTRATOR_GET_CLAUDE_CODE_USAGE_REPORT";
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WEEKDAY = dateOf(NOW - 2 * DAY); // Wednesday

describe("Claude Code usage report", () => {
  it("gives one record per actor per day (local and remote apart), deterministic across runs", async () => {
    const a = await sandbox();
    const b = await sandbox();
    const ra = await a.tk.run<any>(TOOL, { starting_at: WEEKDAY, all: true });
    const rb = await b.tk.run<any>(TOOL, { starting_at: WEEKDAY, all: true });
    assert.ok(ra.ok && rb.ok);
    assert.deepEqual(ra.data.data, rb.data.data, "same org, same day, same records");
    const records = ra.data.data;
    assert.ok(records.length > 1);
    const keys = records.map((r: any) => `${r.actor.email_address ?? r.actor.api_key_name}|${r.is_remote}`);
    assert.equal(new Set(keys).size, keys.length, "no actor twice in the same place");
    for (const r of records) {
      assert.ok(ClaudeCodeRecordSchema.safeParse(r).success);
      assert.equal(r.date, `${WEEKDAY}T00:00:00Z`);
      assert.equal(r.organization_id, a.emu.state.organization.id);
      for (const m of r.model_breakdown) {
        assert.equal(typeof m.estimated_cost.amount, "number");
        assert.equal(m.estimated_cost.currency, "USD");
      }
    }
    assert.ok(records.some((r: any) => r.actor.type === "user_actor" && r.actor.email_address.includes("@")));
    assert.ok(records.some((r: any) => r.actor.type === "api_actor"));
    await a.tk.close();
    await b.tk.close();
  });

  it("pages records: default 20, max 1000, next_page until has_more is false", async () => {
    const { emu } = await sandbox();
    const all = await getReport(emu, CLAUDE_CODE, { starting_at: WEEKDAY, limit: 1000 });
    assert.equal(all.status, 200);
    assert.equal(all.body.has_more, false);
    const total = all.body.data.length;
    const first = await getReport(emu, CLAUDE_CODE, { starting_at: WEEKDAY });
    assert.equal(first.body.data.length, Math.min(20, total));
    const collected: any[] = [];
    let page: string | undefined;
    for (;;) {
      const r = await getReport(emu, CLAUDE_CODE, { starting_at: WEEKDAY, limit: 3, ...(page ? { page } : {}) });
      collected.push(...r.body.data);
      if (!r.body.has_more) {
        assert.equal(r.body.next_page, null);
        break;
      }
      page = r.body.next_page;
    }
    assert.deepEqual(collected, all.body.data);
    const over = await getReport(emu, CLAUDE_CODE, { starting_at: WEEKDAY, limit: 1001 });
    assert.equal(over.status, 400);
    assert.equal(over.body.error.type, "invalid_request_error");
  });

  it("takes a date, not a timestamp, and has nothing for future days", async () => {
    const { emu } = await sandbox();
    assert.equal((await getReport(emu, CLAUDE_CODE, { starting_at: "2026-12-01T00:00:00Z" })).status, 400);
    const future = await getReport(emu, CLAUDE_CODE, { starting_at: dateOf(NOW + 3 * DAY) });
    assert.equal(future.status, 200);
    assert.deepEqual(future.body.data, []);
    assert.equal(future.body.has_more, false);
  });
});
