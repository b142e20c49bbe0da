import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_BUCKETS_KEY } from "../../src/emulator/reports/buckets.js";
import { tokenCostCents, UNPRICED_TIERS, WEB_SEARCH_CENTS } from "../../src/emulator/reports/prices.js";
import { addDecimal, centsToUsd, type Decimal, formatDecimal, formatUsd, mulDecimal, sumDecimals } from "../../src/money.js";
import { DAY, NOW, sandbox } from "./helpers.js";

const COST = "ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT";
const USAGE = "ANTHROPIC_ADMINISTRATOR_GET_USAGE_REPORT";
const TODAY = Math.floor(NOW / DAY) * DAY;
const range = { starting_at: new Date(TODAY - 30 * DAY).toISOString(), ending_at: new Date(TODAY).toISOString() };

/** Prices one usage result (grouped by model, tier and context window) with the emulator's table. */
function priced(r: any): Decimal {
  if (UNPRICED_TIERS.has(r.service_tier)) return { units: 0n, scale: 0 };
  const parts: Array<[number, Parameters<typeof tokenCostCents>[2]]> = [
    [r.uncached_input_tokens, "uncached_input_tokens"],
    [r.output_tokens, "output_tokens"],
    [r.cache_read_input_tokens, "cache_read_input_tokens"],
    [r.cache_creation.ephemeral_5m_input_tokens, "cache_creation.ephemeral_5m_input_tokens"],
    [r.cache_creation.ephemeral_1h_input_tokens, "cache_creation.ephemeral_1h_input_tokens"],
  ];
  let cents = mulDecimal(WEB_SEARCH_CENTS, { units: BigInt(r.server_tool_use.web_search_requests), scale: 0 });
  for (const [n, type] of parts) cents = addDecimal(cents, tokenCostCents(n, r.model, type, r.context_window, r.service_tier));
  return cents;
}

describe("spend review through the tools", () => {
  it("30 days of cost by workspace (all: true) equals the priced usage of the same days", async () => {
    const { tk } = await sandbox();
    const cost = await tk.run<any>(COST, { ...range, group_by: ["workspace_id"], all: true });
    assert.ok(cost.ok, JSON.stringify(cost));
    assert.equal(cost.meta.pages, 5, "7 + 7 + 7 + 7 + 2 daily buckets");
    assert.equal(cost.data.data.length, 30);
    assert.equal(cost.data.has_more, false);
    const usage = await tk.run<any>(USAGE, {
      ...range,
      bucket_width: "1d",
      group_by: ["workspace_id", "model", "service_tier", "context_window"],
      all: true,
    });
    assert.ok(usage.ok, JSON.stringify(usage));
    assert.equal(usage.data.data.length, 30);

    let grand: Decimal = { units: 0n, scale: 0 };
    for (let day = 0; day < 30; day++) {
      const c: any = cost.data.data[day];
      const u: any = usage.data.data[day];
      assert.equal(c.starting_at, u.starting_at);
      const expected = new Map<string | null, Decimal>();
      for (const r of u.results) expected.set(r.workspace_id, addDecimal(expected.get(r.workspace_id) ?? { units: 0n, scale: 0 }, priced(r)));
      const got = new Map<string | null, string>(c.results.map((r: any) => [r.workspace_id, r.amount]));
      assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), `workspaces on ${c.starting_at}`);
      for (const [ws, cents] of expected) {
        assert.equal(got.get(ws), formatDecimal(cents), `${ws ?? "Default Workspace"} on ${c.starting_at}`);
        const row = c.results.find((r: any) => r.workspace_id === ws);
        assert.equal(row.amount_usd, centsToUsd(cents));
        grand = addDecimal(grand, cents);
      }
      assert.equal(c.total_usd, centsToUsd(sumDecimals(c.results.map((r: any) => r.amount))));
    }
    assert.equal(cost.data.total_usd, centsToUsd(grand), "exact USD total over the 30 days");
    assert.match(formatUsd(cost.data.total_usd), /^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    await tk.close();
  });

  it("all: true walks every page, the same as following next_page by hand", async () => {
    const { tk } = await sandbox();
    const walked = await tk.run<any>(USAGE, { ...range, bucket_width: "1d", limit: 4, all: true });
    assert.ok(walked.ok);
    assert.equal(walked.meta.pages, 8);
    const byHand: any[] = [];
    let page: string | undefined;
    for (;;) {
      const r = await tk.run<any>(USAGE, { ...range, bucket_width: "1d", limit: 4, ...(page ? { page } : {}) });
      assert.ok(r.ok);
      byHand.push(...r.data.data);
      if (!r.data.has_more) break;
      page = r.data.next_page;
    }
    assert.deepEqual(walked.data.data, byHand);
    assert.equal(byHand.length, 30);
    await tk.close();
  });

  it("a page refused as too large is asked again with a smaller limit", async () => {
    const { tk, emu } = await sandbox();
    const reference = await tk.run<any>(COST, { ...range, group_by: ["workspace_id"], limit: 31, all: true });
    assert.ok(reference.ok);
    assert.equal(reference.meta.pages, 1);
    emu.state.extra.set(MAX_BUCKETS_KEY, 4);
    const single = await tk.run<any>(COST, { ...range, group_by: ["description"], limit: 10 });
    assert.equal(single.ok, false);
    if (!single.ok) assert.equal(single.error.details?.error_code, "report_page_too_large");
    const healed = await tk.run<any>(COST, { ...range, group_by: ["workspace_id"], limit: 30, all: true });
    assert.ok(healed.ok, JSON.stringify(healed));
    assert.equal(healed.data.data.length, 30);
    assert.ok((healed.meta.pages ?? 0) >= 8, "pages of at most 4 buckets");
    assert.deepEqual(
      healed.data.data.map((b: any) => b.results),
      reference.data.data.map((b: any) => b.results),
    );
    assert.equal(healed.data.total_usd, reference.data.total_usd);
    await tk.close();
  });
});
