import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addDecimal,
  centsToUsd,
  formatDecimal,
  formatUsd,
  parseDecimal,
  roundDecimal,
  sumDecimals,
} from "../../src/money.js";
import { withUsdTotals } from "../../src/reports/usd-totals.js";

describe("exact money", () => {
  it("sums 10,000 amounts of \"0.1\" cents to exactly 1000 (floats drift)", () => {
    const amounts = Array.from({ length: 10_000 }, () => "0.1");
    assert.equal(formatDecimal(sumDecimals(amounts)), "1000");
    assert.notEqual(amounts.reduce((s, a) => s + Number(a), 0), 1000, "the float sum really drifts");
    assert.equal(centsToUsd(sumDecimals(amounts)), "10");
  });

  it("parses, adds and formats without losing digits", () => {
    assert.equal(formatDecimal(addDecimal(parseDecimal("123.456789"), parseDecimal("0.000211"))), "123.457");
    assert.equal(formatDecimal(parseDecimal("-0.50")), "-0.5");
    assert.equal(formatDecimal(parseDecimal("0007")), "7");
    assert.equal(centsToUsd("123456.78"), "1234.5678");
    assert.equal(centsToUsd("5"), "0.05");
    assert.throws(() => parseDecimal("1e3"));
    assert.throws(() => parseDecimal("12.3.4"));
  });

  it("formats USD for people, rounding half away from zero", () => {
    assert.equal(formatUsd("1234.5678"), "$1,234.57");
    assert.equal(formatUsd("1234567.005"), "$1,234,567.01");
    assert.equal(formatUsd("0.004"), "$0.00");
    assert.equal(formatUsd("12"), "$12.00");
    assert.equal(formatUsd("-3.456"), "-$3.46");
    assert.equal(formatDecimal(roundDecimal(parseDecimal("2.345"), 2)), "2.35");
  });

  it("withUsdTotals adds amount_usd, bucket and page totals, keeping the wire fields", () => {
    const page = {
      data: [
        { starting_at: "a", ending_at: "b", results: [{ amount: "123.45", currency: "USD" }, { amount: "0.55", currency: "USD" }] },
        { starting_at: "b", ending_at: "c", results: [] },
        { starting_at: "c", ending_at: "d", results: [{ amount: "100000", currency: "USD" }] },
      ],
      has_more: false,
      next_page: null,
    };
    const out = withUsdTotals(page) as any;
    assert.equal(out.data[0].results[0].amount, "123.45");
    assert.equal(out.data[0].results[0].amount_usd, "1.2345");
    assert.equal(out.data[0].total_usd, "1.24");
    assert.equal(out.data[1].total_usd, "0");
    assert.equal(out.data[2].total_usd, "1000");
    assert.equal(out.total_usd, "1001.24");
    assert.equal(out.has_more, false);
    assert.equal((page.data[0].results[0] as any).amount_usd, undefined, "input not mutated");
    assert.equal(withUsdTotals("not a page"), "not a page");
  });
});
