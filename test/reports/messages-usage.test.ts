import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addDecimal, formatDecimal, shiftDecimal, sumDecimals } from "../../src/money.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { DAY, NOW } from "./helpers.js";

const MODEL = "claude-fable-5-2";

describe("usage from messages actually sent", () => {
  it("counts CREATE_MESSAGE calls in the usage and cost reports, per key, model and minute", async () => {
    const now = NOW + 17_000; // not on a bucket boundary, so the current minute is reported
    const tk = createToolkit({ sandbox: { now: () => now }, audit: false, governor: { reportMinIntervalMs: 0 } });
    const emu = await tk.sandbox();
    assert.ok(emu);
    const demoKey = emu.state.apiKeys.all().find((k) => k._secret === emu.apiKey);
    assert.ok(demoKey);
    const today = new Date(Math.floor(now / DAY) * DAY).toISOString();
    const costBefore = await tk.run<any>("ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT", { starting_at: today, limit: 1 });
    assert.ok(costBefore.ok);

    const before = emu.state.usage.length;
    let input = 0;
    let output = 0;
    for (const text of ["Hello there", "How many workspaces do we have?", "Summarise our spend"]) {
      const r = await tk.run<any>("ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE", {
        model: MODEL,
        max_tokens: 64,
        messages: [{ role: "user", content: text }],
      });
      assert.ok(r.ok, JSON.stringify(r));
      input += r.data.usage.input_tokens;
      output += r.data.usage.output_tokens;
    }
    assert.equal(emu.state.usage.length, before + 3, "the messages behaviour recorded each call");
    assert.ok(input > 0 && output > 0);

    const report = await tk.run<any>("ANTHROPIC_ADMINISTRATOR_GET_USAGE_REPORT", {
      starting_at: new Date(now).toISOString(),
      bucket_width: "1m",
      limit: 1,
      models: [MODEL],
      group_by: ["api_key_id", "workspace_id", "model", "service_tier", "context_window"],
    });
    assert.ok(report.ok, JSON.stringify(report));
    const [bucket] = report.data.data;
    assert.equal(bucket.starting_at, new Date(Math.floor(now / 60_000) * 60_000).toISOString().replace(".000", ""));
    assert.equal(bucket.results.length, 1);
    const row = bucket.results[0];
    assert.equal(row.api_key_id, demoKey.id);
    assert.equal(row.workspace_id, null, "the demo key lives in the Default Workspace");
    assert.equal(row.model, MODEL);
    assert.equal(row.service_tier, "standard");
    assert.equal(row.context_window, "0-200k");
    assert.equal(row.uncached_input_tokens, input);
    assert.equal(row.output_tokens, output);

    // The same calls, priced: fable 5.2 lists at $0.80 / $4 per million input / output tokens.
    const costAfter = await tk.run<any>("ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT", { starting_at: today, limit: 1 });
    assert.ok(costAfter.ok);
    const centsOf = (page: any) => sumDecimals(page.data[0].results.map((r: any) => r.amount));
    // cents = (input × 0.8 + output × 4) / 10,000 = (input × 8 + output × 40) / 100,000
    const expected = shiftDecimal({ units: BigInt(input * 8 + output * 40), scale: 0 }, 5);
    const was = centsOf(costBefore.data);
    const delta = addDecimal(centsOf(costAfter.data), { units: -was.units, scale: was.scale });
    assert.equal(formatDecimal(delta), formatDecimal(expected));
    await tk.close();
  });
});
