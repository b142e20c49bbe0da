import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Emulator } from "../../src/emulator/emulator.js";
import { SYNTHETIC_KEY, type UsageRow } from "../../src/emulator/reports/rows.js";
import { compareDecimal, sumDecimals } from "../../src/money.js";
import { FAST_MODE_BETA, USAGE_GROUP_BY } from "../../src/operations/reports.js";
import type { Toolkit } from "../../src/surfaces/toolkit.js";
import { DAY, event, NOW, sandbox, tokens } from "./helpers.js";

const USAGE = "ANTHROPIC_ADMINISTRATOR_GET_USAGE_REPORT";
const COST = "ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT";
const start = new Date(NOW - 10 * DAY).toISOString();
const beta = { anthropic_beta: FAST_MODE_BETA };

let tk: Toolkit;
let emu: Emulator;

async function usage(input: Record<string, unknown>): Promise<any> {
  const r = await tk.run<any>(USAGE, { starting_at: start, ...input });
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

function sumOf(results: any[]) {
  return {
    uncached_input_tokens: results.reduce((s, r) => s + r.uncached_input_tokens, 0),
    cache_read_input_tokens: results.reduce((s, r) => s + r.cache_read_input_tokens, 0),
    output_tokens: results.reduce((s, r) => s + r.output_tokens, 0),
    c5: results.reduce((s, r) => s + r.cache_creation.ephemeral_5m_input_tokens, 0),
    c1: results.reduce((s, r) => s + r.cache_creation.ephemeral_1h_input_tokens, 0),
    web: results.reduce((s, r) => s + r.server_tool_use.web_search_requests, 0),
  };
}

describe("usage and cost grouping", () => {
  before(async () => {
    ({ tk, emu } = await sandbox());
  });

  it("has seeded 90 days of synthetic usage for the demo organization", async () => {
    const data = await usage({ starting_at: new Date(NOW - 89 * DAY).toISOString(), limit: 31 });
    assert.ok(data.data.every((b: any) => b.results.length === 1 && tokens(b.results[0]) > 0), "every day has usage");
    const rows = emu.state.extra.get(SYNTHETIC_KEY) as UsageRow[];
    assert.ok(rows.length > 1000);
    assert.ok(rows.every((r, i) => i === 0 || rows[i - 1].at <= r.at), "sorted by time (reports binary-search it)");
    assert.ok(rows.every((r) => r.at < NOW && r.at >= Math.floor(NOW / DAY) * DAY - 90 * DAY), "90 days back, nothing in the future");
    const older = await usage({ starting_at: new Date(NOW - 120 * DAY).toISOString(), limit: 7 });
    assert.ok(older.data.every((b: any) => b.results.length === 0), "nothing before the history starts");
  });

  it("grouped rows sum to the ungrouped row, for every dimension and for all at once", async () => {
    const plain = await usage({ limit: 7 });
    const groupings: string[][] = [...USAGE_GROUP_BY.map((d) => [d]), [...USAGE_GROUP_BY]];
    for (const group_by of groupings) {
      const grouped = await usage({ limit: 7, group_by, ...beta });
      for (let i = 0; i < 7; i++) {
        assert.deepEqual(sumOf(grouped.data[i].results), sumOf(plain.data[i].results), `${group_by.join(",")} day ${i}`);
      }
      if (group_by.length === 1 && group_by[0] !== "account_id" && group_by[0] !== "service_account_id") {
        assert.ok(grouped.data.some((b: any) => b.results.length > 1), `${group_by[0]} really splits`);
      }
    }
  });

  it("1m, 1h and 1d widths agree: minutes sum to their hour, hours to their day", async () => {
    const dayStart = Math.floor((NOW - 3 * DAY) / DAY) * DAY;
    const day = await usage({ starting_at: new Date(dayStart).toISOString(), limit: 1 });
    const hours = await usage({ starting_at: new Date(dayStart).toISOString(), bucket_width: "1h", limit: 24 });
    assert.deepEqual(sumOf(hours.data.flatMap((b: any) => b.results)), sumOf(day.data[0].results));
    const busy = hours.data.findIndex((b: any) => b.results.length > 0);
    const hourStart = dayStart + busy * 3_600_000;
    const minutes = await usage({ starting_at: new Date(hourStart).toISOString(), bucket_width: "1m", limit: 60 });
    assert.equal(minutes.data.length, 60);
    assert.deepEqual(sumOf(minutes.data.flatMap((b: any) => b.results)), sumOf(hours.data[busy].results));
    for (let offset = 3; offset < 60; offset += 8) {
      const slice = await usage({ starting_at: new Date(hourStart + offset * 60_000).toISOString(), bucket_width: "1m", limit: 60 - offset });
      assert.deepEqual(slice.data, minutes.data.slice(offset), `a window starting ${offset} minutes in sees the same minutes`);
    }
  });

  it("leaves dimension fields null unless grouped, and emits speed only when grouped by it", async () => {
    const plain = await usage({ limit: 1 });
    const row = plain.data[0].results[0];
    for (const d of ["api_key_id", "workspace_id", "model", "service_tier", "context_window", "inference_geo", "account_id", "service_account_id"]) {
      assert.equal(row[d], null, d);
    }
    assert.equal("speed" in row, false);
    const byModel = await usage({ limit: 1, group_by: ["model"] });
    assert.ok(byModel.data[0].results.every((r: any) => typeof r.model === "string" && r.workspace_id === null && !("speed" in r)));
    const bySpeed = await usage({ limit: 7, group_by: ["speed"], ...beta });
    const speeds = new Set(bySpeed.data.flatMap((b: any) => b.results.map((r: any) => r.speed)));
    assert.deepEqual([...speeds].sort(), ["fast", "standard"]);
  });

  it("refuses speed without the fast-mode beta header", async () => {
    const r = await tk.run<any>(USAGE, { starting_at: start, group_by: ["speed"] });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.type, "invalid_request_error");
      assert.match(r.error.message, new RegExp(FAST_MODE_BETA));
    }
  });

  it("shows the Default Workspace as workspace_id null and Console usage as api_key_id null", async () => {
    const defaultWs = emu.state.workspaces.all().find((w) => w._default);
    assert.ok(defaultWs);
    const byWs = await usage({ limit: 7, group_by: ["workspace_id", "api_key_id"] });
    const rows = byWs.data.flatMap((b: any) => b.results);
    assert.ok(rows.every((r: any) => r.workspace_id !== defaultWs.id), "the Default Workspace id never appears");
    assert.ok(rows.some((r: any) => r.workspace_id === null && r.api_key_id !== null), "keyed usage in the Default Workspace");
    assert.ok(rows.some((r: any) => r.workspace_id === null && r.api_key_id === null), "Console usage has no key");
    assert.ok(rows.some((r: any) => typeof r.workspace_id === "string"), "other workspaces appear by id");
    const onlyDefault = await usage({ limit: 7, workspace_ids: [defaultWs.id], group_by: ["workspace_id"] });
    const nulls = onlyDefault.data.flatMap((b: any) => b.results);
    assert.ok(nulls.length > 0 && nulls.every((r: any) => r.workspace_id === null), "filtering by the default id selects it");
  });

  it("filters by every documented filter", async () => {
    const all = await usage({ limit: 7, group_by: [...USAGE_GROUP_BY], ...beta });
    const rows = all.data.flatMap((b: any) => b.results);
    const pick = (field: string) => rows.find((r: any) => r[field] !== null)?.[field] as string;
    const filters: Array<[string, string]> = [
      ["api_key_ids", "api_key_id"],
      ["workspace_ids", "workspace_id"],
      ["models", "model"],
      ["service_tiers", "service_tier"],
      ["context_window", "context_window"],
      ["inference_geos", "inference_geo"],
      ["speeds", "speed"],
    ];
    for (const [param, field] of filters) {
      const value = pick(field);
      const filtered = await usage({ limit: 7, [param]: [value], group_by: [...USAGE_GROUP_BY], ...beta });
      const got = filtered.data.flatMap((b: any) => b.results);
      assert.ok(got.length > 0, `${param} finds rows`);
      assert.ok(got.every((r: any) => r[field] === value), `${param} keeps only ${value}`);
      const expected = rows.filter((r: any) => r[field] === value);
      assert.deepEqual(sumOf(got), sumOf(expected), `${param} totals`);
    }
    const none = await usage({ limit: 7, account_ids: ["user_nobody"] });
    assert.ok(none.data.every((b: any) => b.results.length === 0), "account filter with no OAuth usage");
    const sa = await usage({ limit: 7, service_account_ids: ["svcacct_nobody"] });
    assert.ok(sa.data.every((b: any) => b.results.length === 0));
  });

  it("cost rows grouped by workspace, description or both sum exactly to the ungrouped amount", async () => {
    const run = async (group_by?: string[]) => {
      const r = await tk.run<any>(COST, { starting_at: start, limit: 7, ...(group_by ? { group_by } : {}) });
      assert.ok(r.ok, JSON.stringify(r));
      return r.data;
    };
    const plain = await run();
    for (const g of [["workspace_id"], ["description"], ["workspace_id", "description"]]) {
      const grouped = await run(g);
      for (let i = 0; i < 7; i++) {
        const a = sumDecimals(grouped.data[i].results.map((r: any) => r.amount));
        const b = sumDecimals(plain.data[i].results.map((r: any) => r.amount));
        assert.equal(compareDecimal(a, b), 0, `${g.join(",")} day ${i}`);
      }
      assert.equal(grouped.total_usd, plain.total_usd);
    }
    const described = (await run(["description"])).data.flatMap((b: any) => b.results);
    const input = described.find((r: any) => r.token_type === "uncached_input_tokens" && r.model === "claude-sonnet-5-5" && r.service_tier === "standard" && r.context_window === "0-200k");
    assert.equal(input.description, "Claude Sonnet 5.5 Usage - Input Tokens");
    assert.equal(input.cost_type, "tokens");
    assert.equal(input.currency, "USD");
    assert.ok(described.some((r: any) => r.cost_type === "web_search" && r.token_type === null && r.model === null));
    assert.ok(described.some((r: any) => r.service_tier === "batch" && / \(Batch\)$/.test(r.description)));
    assert.ok(!described.some((r: any) => r.service_tier === "priority"), "Priority Tier is not in the cost report");
    assert.ok(plain.data[0].results.every((r: any) => r.description === null && r.model === null && r.workspace_id === null));
  });

  it("records with the Default Workspace id are reported under null", async () => {
    const defaultWs = emu.state.workspaces.all().find((w) => w._default);
    assert.ok(defaultWs);
    const at = NOW - 60 * DAY + 1234;
    emu.state.usage.push(event({ at, workspace_id: defaultWs.id, model: "claude-fable-5-2", output_tokens: 99 }));
    const data = await usage({ starting_at: new Date(at).toISOString(), bucket_width: "1m", limit: 1, group_by: ["workspace_id", "model"], models: ["claude-fable-5-2"] });
    assert.deepEqual(
      data.data[0].results.map((r: any) => [r.workspace_id, r.model, r.output_tokens]),
      [[null, "claude-fable-5-2", 99]],
    );
  });
});
