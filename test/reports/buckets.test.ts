import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_BUCKETS_KEY } from "../../src/emulator/reports/buckets.js";
import { bareEmulator, COST, DAY, event, getReport, HOUR, NOW, USAGE } from "./helpers.js";

const TODAY = Math.floor(NOW / DAY) * DAY;

describe("report buckets", () => {
  it("snaps starting_at to the start of its minute, hour or day (UTC)", async () => {
    const emu = bareEmulator();
    const at = "2026-12-01T10:37:42.123456Z";
    const cases: Array<[string, string, string]> = [
      ["1m", "2026-12-01T10:37:00Z", "2026-12-01T10:38:00Z"],
      ["1h", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"],
      ["1d", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"],
    ];
    for (const [width, start, end] of cases) {
      const { status, body } = await getReport(emu, USAGE, { starting_at: at, bucket_width: width, limit: 1 });
      assert.equal(status, 200);
      assert.equal(body.data[0].starting_at, start, width);
      assert.equal(body.data[0].ending_at, end, width);
    }
    const offset = await getReport(emu, USAGE, { starting_at: "2026-12-01T01:30:00+02:00", limit: 1 });
    assert.equal(offset.body.data[0].starting_at, "2026-11-30T00:00:00Z", "offsets are converted to UTC before snapping");
  });

  it("includes empty buckets, oldest first, and puts events in [start, end)", async () => {
    const emu = bareEmulator([
      event({ at: TODAY - 3 * DAY, output_tokens: 5 }),
      event({ at: TODAY - 2 * DAY - 1, output_tokens: 7 }), // last ms of day -3
      event({ at: TODAY - 1 * DAY, output_tokens: 11 }), // first ms of day -1
    ]);
    const { body } = await getReport(emu, USAGE, { starting_at: new Date(TODAY - 4 * DAY).toISOString(), limit: 5 });
    assert.deepEqual(
      body.data.map((b: any) => b.starting_at),
      [4, 3, 2, 1, 0].map((d) => new Date(TODAY - d * DAY).toISOString().replace(".000", "")),
    );
    assert.deepEqual(body.data.map((b: any) => b.results.length), [0, 1, 0, 1, 0]);
    assert.equal(body.data[1].results[0].output_tokens, 12);
    assert.equal(body.data[3].results[0].output_tokens, 11);
    assert.deepEqual(body.data[0].results, []);
  });

  it("applies the documented default and maximum limit per width", async () => {
    const emu = bareEmulator();
    const start = new Date(NOW - 40 * DAY).toISOString();
    const widths: Array<[string, number, number]> = [
      ["1d", 7, 31],
      ["1h", 24, 168],
      ["1m", 60, 1440],
    ];
    for (const [width, def, max] of widths) {
      const d = await getReport(emu, USAGE, { starting_at: start, bucket_width: width });
      assert.equal(d.body.data.length, def, `${width} default`);
      const m = await getReport(emu, USAGE, { starting_at: start, bucket_width: width, limit: max });
      assert.equal(m.body.data.length, max, `${width} max`);
      const over = await getReport(emu, USAGE, { starting_at: start, bucket_width: width, limit: max + 1 });
      assert.equal(over.status, 400, `${width} above max`);
      assert.equal(over.body.error.type, "invalid_request_error");
      assert.match(over.body.error.message, /limit/);
    }
    const cost = await getReport(emu, COST, { starting_at: start });
    assert.equal(cost.body.data.length, 7);
    assert.equal((await getReport(emu, COST, { starting_at: start, limit: 31 })).body.data.length, 31);
    assert.equal((await getReport(emu, COST, { starting_at: start, limit: 32 })).status, 400);
    const hourly = await getReport(emu, COST, { starting_at: start, bucket_width: "1h" });
    assert.equal(hourly.status, 400, "cost report is daily only");
    assert.equal(hourly.body.error.type, "invalid_request_error");
  });

  it("walks next_page until has_more is false, covering every bucket once", async () => {
    const emu = bareEmulator([event({ at: NOW - 30 * HOUR, output_tokens: 1 })]);
    const starting_at = new Date(NOW - 50 * HOUR).toISOString();
    const ending_at = new Date(NOW - 3 * HOUR).toISOString();
    const seen: string[] = [];
    let page: string | undefined;
    let pages = 0;
    for (;;) {
      const q: Record<string, string | number> = { starting_at, ending_at, bucket_width: "1h", limit: 10 };
      if (page) q.page = page;
      const { status, body } = await getReport(emu, USAGE, q);
      assert.equal(status, 200);
      pages++;
      seen.push(...body.data.map((b: any) => b.starting_at));
      if (!body.has_more) {
        assert.equal(body.next_page, null);
        break;
      }
      assert.match(body.next_page, /^page_/);
      const decoded = Buffer.from(body.next_page.slice(5), "base64").toString();
      assert.equal(Date.parse(decoded), Date.parse(body.data.at(-1).ending_at), "token = base64 of the next bucket start");
      page = body.next_page;
    }
    assert.equal(pages, 5);
    assert.equal(seen.length, 48, "13:00 two days back to 12:00 today: the partial last hour is included");
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(Date.parse(seen.at(-1) ?? ""), Math.floor((NOW - 3 * HOUR) / HOUR) * HOUR);
  });

  it("defaults ending_at to now: has_more stops at the current bucket", async () => {
    const emu = bareEmulator();
    const { body } = await getReport(emu, USAGE, { starting_at: new Date(TODAY - 2 * DAY).toISOString(), limit: 7 });
    assert.equal(body.data.length, 3, "two full days and today's bucket");
    assert.equal(body.has_more, false);
    const paged = await getReport(emu, USAGE, { starting_at: new Date(TODAY - 2 * DAY).toISOString(), limit: 2 });
    assert.equal(paged.body.has_more, true);
    assert.equal(Buffer.from(paged.body.next_page.slice(5), "base64").toString(), new Date(TODAY).toISOString().replace(".000", ""));
  });

  it("rejects a bad page token, an ending_at before starting_at, and a malformed time", async () => {
    const emu = bareEmulator();
    const start = new Date(NOW - 5 * DAY).toISOString();
    assert.equal((await getReport(emu, USAGE, { starting_at: start, page: "garbage" })).status, 400);
    assert.equal((await getReport(emu, USAGE, { starting_at: start, ending_at: new Date(NOW - 6 * DAY).toISOString() })).status, 400);
    assert.equal((await getReport(emu, USAGE, { starting_at: "yesterday" })).status, 400);
  });

  it("refuses pages above reports:maxBuckets with report_page_too_large", async () => {
    const emu = bareEmulator();
    emu.state.extra.set(MAX_BUCKETS_KEY, 5);
    const start = new Date(NOW - 20 * DAY).toISOString();
    const big = await getReport(emu, COST, { starting_at: start, limit: 10 });
    assert.equal(big.status, 400);
    assert.equal(big.body.error.details.error_code, "report_page_too_large");
    assert.equal((await getReport(emu, COST, { starting_at: start, limit: 5 })).status, 200);
  });

  it("sets and lifts the page cap through /_emulator/reports", async () => {
    const emu = bareEmulator();
    const post = (body: unknown) =>
      emu.fetch("http://emu.local/_emulator/reports", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    assert.equal((await (await post({ max_buckets: 3 })).json()).max_buckets, 3);
    const start = new Date(NOW - 20 * DAY).toISOString();
    const refused = await getReport(emu, USAGE, { starting_at: start, limit: 4 });
    assert.equal(refused.body.error.details.error_code, "report_page_too_large");
    assert.equal((await post({ max_buckets: 0 })).status, 400);
    assert.equal((await (await post({ max_buckets: null })).json()).max_buckets, null);
    assert.equal((await getReport(emu, USAGE, { starting_at: start, limit: 4 })).status, 200);
  });
});
