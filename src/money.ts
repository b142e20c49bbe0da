/**
 * Exact money. The cost report sends amounts as decimal strings in cents ("123.456789" = $1.23456789);
 * summing them as floats drifts, so every figure here is a scaled BigInt: value = units / 10^scale.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string ("123.45", "-0.5", "7") exactly; throws on anything else (no exponents). */
export function parseDecimal(text: string | number | bigint): Decimal {
  if (typeof text === "bigint") return { units: text, scale: 0 };
  const s = typeof text === "number" ? numberText(text) : text.trim();
  const m = DECIMAL.exec(s);
  if (!m) throw new Error(`Not a decimal amount: ${JSON.stringify(text)}`);
  const fraction = m[3] ?? "";
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] === "-" ? -units : units, scale: fraction.length };
}

/** A JS number as plain decimal text (integers and short fractions only; exponents are refused). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite amount: ${n}`);
  return String(n);
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
}

/** a × b, exactly. */
export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a ÷ 10^places, exactly (cents → dollars is `shiftDecimal(x, 2)`). */
export function shiftDecimal(a: Decimal, places: number): Decimal {
  return places >= 0 ? { units: a.units, scale: a.scale + places } : { units: a.units * 10n ** BigInt(-places), scale: a.scale };
}

/** The sum of decimal strings (or numbers), exactly: 10,000 × "0.1" is exactly "1000". */
export function sumDecimals(values: Iterable<string | number | Decimal>): Decimal {
  let total: Decimal = { units: 0n, scale: 0 };
  for (const v of values) total = addDecimal(total, typeof v === "object" ? v : parseDecimal(v));
  return total;
}

/** Exact decimal text with trailing zeros trimmed: 1234.5678, 0.1, 12, -3.5. */
export function formatDecimal(a: Decimal): string {
  const negative = a.units < 0n;
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, "0");
  const int = digits.slice(0, digits.length - a.scale);
  const fraction = digits.slice(digits.length - a.scale).replace(/0+$/, "");
  const text = fraction ? `${int}.${fraction}` : int;
  return negative && text !== "0" ? `-${text}` : text;
}

/** Rounds to `places` decimals, half away from zero (how invoices round). */
export function roundDecimal(a: Decimal, places: number): Decimal {
  if (a.scale <= places) return a;
  const factor = 10n ** BigInt(a.scale - places);
  const negative = a.units < 0n;
  const abs = negative ? -a.units : a.units;
  let q = abs / factor;
  if ((abs % factor) * 2n >= factor) q += 1n;
  return { units: negative ? -q : q, scale: places };
}

/** Exact USD text of an amount in cents: "123.456" cents → "1.23456". */
export function centsToUsd(cents: string | Decimal): string {
  return formatDecimal(shiftDecimal(typeof cents === "string" ? parseDecimal(cents) : cents, 2));
}

/** USD for people: "$1,234.57" (rounded to the cent, half away from zero; thousands separated). */
export function formatUsd(usd: string | Decimal): string {
  const rounded = roundDecimal(typeof usd === "string" ? parseDecimal(usd) : usd, 2);
  const cents = rounded.units * 10n ** BigInt(2 - rounded.scale);
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, "0");
  const int = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}$${int}.${digits.slice(-2)}`;
}

/** Compares two decimals: -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}
