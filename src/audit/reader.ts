import { readFile } from "node:fs/promises";
import type { AuditEntry } from "./entry.js";

/** Filters of `searchAudit`; all optional, all must match. */
export interface AuditQuery {
  /** Exact tool name, or a case-insensitive substring of it. */
  tool?: string;
  /** Entries at or after this time (RFC 3339, a date, a Date, or an age such as `15m`, `2h`, `7d`). */
  since?: string | Date;
  /** Entries before this time. */
  until?: string | Date;
  /** `ok`, `error`, or a write outcome: `applied`, `not_applied`, `unknown`. */
  outcome?: string;
  /** At most this many entries, the newest kept (default: all). */
  limit?: number;
}

/** Reads every parseable line of an audit log; a missing file reads as empty. */
export async function readAudit(path: string): Promise<AuditEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return [];
    throw err;
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as AuditEntry);
    } catch {
      // A torn last line (crash mid-write) is skipped rather than failing the whole read.
    }
  }
  return entries;
}

/** The last `n` entries of an audit log, oldest first (`anthropic-admin audit tail`). */
export async function tailAudit(path: string, n = 20): Promise<AuditEntry[]> {
  const entries = await readAudit(path);
  return n <= 0 ? [] : entries.slice(-n);
}

/** Entries matching every given filter, oldest first (`anthropic-admin audit search`). */
export async function searchAudit(path: string, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const since = toMs(query.since, "since");
  const until = toMs(query.until, "until");
  const tool = query.tool?.toLowerCase();
  const found = (await readAudit(path)).filter((e) => {
    if (tool && e.tool !== query.tool && !e.tool.toLowerCase().includes(tool)) return false;
    const t = Date.parse(e.time);
    if (since !== undefined && !(t >= since)) return false;
    if (until !== undefined && !(t < until)) return false;
    if (query.outcome && !outcomeMatches(e, query.outcome)) return false;
    return true;
  });
  return query.limit !== undefined ? found.slice(-Math.max(0, query.limit)) : found;
}

function outcomeMatches(e: AuditEntry, wanted: string): boolean {
  if (wanted === "ok") return e.ok;
  if (wanted === "error") return !e.ok;
  return e.outcome === wanted;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function toMs(value: string | Date | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const age = typeof value === "string" ? /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/.exec(value.trim()) : null;
  if (age) return Date.now() - Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS];
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`audit search: ${name} must be a date or RFC 3339 time, got ${JSON.stringify(String(value))}`);
  return ms;
}
