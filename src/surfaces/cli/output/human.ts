const UNITS: [number, string][] = [
  [365 * 86_400_000, "year"],
  [30 * 86_400_000, "month"],
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
];

/** `3 days ago`, `in 2 hours`, `just now`. */
export function relative(ms: number, now: number): string {
  const diff = now - ms;
  const abs = Math.abs(diff);
  for (const [size, name] of UNITS) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const unit = `${n} ${name}${n === 1 ? "" : "s"}`;
      return diff >= 0 ? `${unit} ago` : `in ${unit}`;
    }
  }
  return "just now";
}

/**
 * A timestamp for people: `2026-12-04 16:07 UTC (3 days ago)`, or `2026-12-04 (3 days ago)` in
 * `short` form (tables); anything unparsable as given.
 */
export function humanDate(value: unknown, now: number, withRelative = true, short = false): string {
  if (typeof value !== "string") return cell(value);
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  const iso = new Date(t).toISOString();
  const text = short || iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return withRelative ? `${text} (${relative(t, now)})` : text;
}

/** One table cell from any value: null as `-`, objects as compact JSON. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatInt(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return JSON.stringify(value);
}

/** Integers with thousands separators; other numbers as they are. */
export function formatInt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-US") : String(n);
}
