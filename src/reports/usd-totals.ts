import { addDecimal, centsToUsd, type Decimal, formatDecimal, parseDecimal, shiftDecimal } from "../money.js";

type CostRow = { amount?: unknown } & Record<string, unknown>;
type CostBucket = { results?: CostRow[] } & Record<string, unknown>;
type CostPage = { data?: CostBucket[] } & Record<string, unknown>;

const ZERO: Decimal = { units: 0n, scale: 0 };

/**
 * Adds exact USD figures to a cost report page without touching its wire fields:
 * `amount_usd` on each result (cents ÷ 100, exact decimal string), `total_usd` on each bucket and
 * on the page as a whole. Rows with an unparseable amount are left as they are and not counted.
 */
export function withUsdTotals(report: unknown): unknown {
  if (!report || typeof report !== "object" || !Array.isArray((report as CostPage).data)) return report;
  const page = report as CostPage;
  let pageCents = ZERO;
  const data = (page.data ?? []).map((bucket) => {
    if (!bucket || typeof bucket !== "object" || !Array.isArray(bucket.results)) return bucket;
    let bucketCents = ZERO;
    const results = bucket.results.map((row) => {
      const cents = parseAmount(row?.amount);
      if (!cents) return row;
      bucketCents = addDecimal(bucketCents, cents);
      return { ...row, amount_usd: centsToUsd(cents) };
    });
    pageCents = addDecimal(pageCents, bucketCents);
    return { ...bucket, results, total_usd: formatDecimal(shiftDecimal(bucketCents, 2)) };
  });
  return { ...page, data, total_usd: formatDecimal(shiftDecimal(pageCents, 2)) };
}

function parseAmount(amount: unknown): Decimal | undefined {
  if (typeof amount !== "string" && typeof amount !== "number") return undefined;
  try {
    return parseDecimal(amount);
  } catch {
    return undefined;
  }
}
