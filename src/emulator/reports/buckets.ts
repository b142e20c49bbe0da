import { invalidRequest } from "../api-error.js";
import type { EmulatorState } from "../state.js";

export type BucketWidth = "1m" | "1h" | "1d";

export const WIDTH_MS: Record<BucketWidth, number> = { "1m": 60_000, "1h": 3_600_000, "1d": 86_400_000 };

/** `limit` default and maximum per bucket width (documented). */
export const LIMITS: Record<BucketWidth, { default: number; max: number }> = {
  "1d": { default: 7, max: 31 },
  "1h": { default: 24, max: 168 },
  "1m": { default: 60, max: 1440 },
};

/** state.extra key: refuse report pages of more than this many buckets (tests the client's shrink-and-retry). */
export const MAX_BUCKETS_KEY = "reports:maxBuckets";

/** One page of buckets: their starts, and where the next page begins. */
export interface BucketWindow {
  width: BucketWidth;
  /** Start of each bucket on this page, ms, oldest first. */
  starts: number[];
  /** End of the time this page covers (exclusive), ms. */
  end: number;
  has_more: boolean;
  next_page: string | null;
}

/** Snaps an instant down to the start of its minute, hour or day (UTC). */
export function snap(ms: number, width: BucketWidth): number {
  return Math.floor(ms / WIDTH_MS[width]) * WIDTH_MS[width];
}

/** RFC 3339 without fractional seconds, as the report writes bucket bounds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `page_` + base64 of the next bucket's start (what the API's tokens decode to). */
export function encodePage(ms: number): string {
  return `page_${Buffer.from(isoSeconds(ms)).toString("base64")}`;
}

function decodePage(token: string): number {
  const raw = token.startsWith("page_") ? Buffer.from(token.slice(5), "base64").toString("utf8") : "";
  const ms = Date.parse(raw);
  if (!raw || !Number.isFinite(ms)) throw invalidRequest(`page: invalid page token ${JSON.stringify(token)}; pass next_page from the previous response unchanged`);
  return ms;
}

function parseTime(field: string, value: unknown): number {
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw invalidRequest(`${field}: expected an RFC 3339 timestamp, got ${JSON.stringify(value)}`);
  return ms;
}

/**
 * The buckets of one report page, exactly as documented: `starting_at` snapped to the width,
 * buckets [start, start + width) oldest first, `limit` at a time; a bucket is included while it
 * starts before `ending_at` (default: now); `has_more` while the next bucket still does.
 */
export function bucketWindow(
  input: { starting_at?: unknown; ending_at?: unknown; bucket_width?: unknown; limit?: unknown; page?: unknown },
  state: EmulatorState,
  now: number,
  limits: Partial<Record<BucketWidth, { default: number; max: number }>> = LIMITS,
): BucketWindow {
  const width = (input.bucket_width ?? "1d") as BucketWidth;
  const bounds = limits[width];
  if (!bounds) {
    const allowed = Object.keys(limits).join(", ");
    throw invalidRequest(`bucket_width: ${JSON.stringify(input.bucket_width)} is not supported here; use ${allowed}`);
  }
  const limit = input.limit === undefined ? bounds.default : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > bounds.max) {
    throw invalidRequest(`limit: must be between 1 and ${bounds.max} for bucket_width ${width}, got ${input.limit}`);
  }
  const maxBuckets = state.extra.get(MAX_BUCKETS_KEY);
  if (typeof maxBuckets === "number" && limit > maxBuckets) {
    throw invalidRequest(
      `The requested report page is too large: ${limit} buckets asked, at most ${maxBuckets} allowed; retry with a smaller limit.`,
      "report_page_too_large",
    );
  }
  const start = snap(parseTime("starting_at", input.starting_at), width);
  const end = input.ending_at === undefined ? now : parseTime("ending_at", input.ending_at);
  if (input.ending_at !== undefined && end <= start) {
    throw invalidRequest("ending_at: must be after starting_at");
  }
  let first = start;
  if (input.page !== undefined) {
    first = decodePage(String(input.page));
    if (first < start || (first - start) % WIDTH_MS[width] !== 0) {
      throw invalidRequest("page: the page token does not belong to this starting_at and bucket_width; keep the other arguments unchanged");
    }
  }
  const starts: number[] = [];
  let cursor = first;
  while (starts.length < limit && cursor < end) {
    starts.push(cursor);
    cursor += WIDTH_MS[width];
  }
  const has_more = cursor < end;
  return { width, starts, end: cursor, has_more, next_page: has_more ? encodePage(cursor) : null };
}
