import type { CallMeta } from "../../../verifier/context.js";
import { cell, humanDate } from "./human.js";
import { flattenBuckets, isBucketReport, isClaudeCodeReport, renderBucketReport, renderClaudeCodeReport } from "./report.js";
import { renderPairs, renderTable } from "./table.js";

type Obj = Record<string, unknown>;

/** Columns people look for first; the rest follow in the order the API sends them. */
const PREFERRED = [
  "id",
  "display_name",
  "name",
  "email",
  "user_id",
  "workspace_id",
  "role",
  "workspace_role",
  "status",
  "partial_key_hint",
  "lifecycle",
  "created_at",
  "expires_at",
  "invited_at",
  "added_at",
  "archived_at",
];
const MAX_COLUMNS = 7;
const HIDDEN = new Set(["type"]);

function isScalar(v: unknown): boolean {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}

function format(key: string, value: unknown, now: number, short = false): string {
  if (key.endsWith("_at") && typeof value === "string") return humanDate(value, now, true, short);
  return summarize(value) ?? cell(value);
}

/**
 * A nested value as one readable cell, or undefined when it has no short form: lists of
 * scalars joined, objects by their display name or name.
 */
function summarize(value: unknown): string | undefined {
  if (isScalar(value)) return cell(value);
  if (Array.isArray(value) && value.every(isScalar)) return value.map(cell).join(", ");
  if (value && typeof value === "object") {
    const o = value as Obj;
    const label = o.display_name ?? o.name;
    if (typeof label === "string") return label;
  }
  return undefined;
}

/** Items carrying `limits: [{type, value}]` (rate limits) get one table row per limit. */
function limitsOf(item: Obj): { type: string; value: unknown }[] | undefined {
  const limits = item.limits;
  if (!Array.isArray(limits) || !limits.every((l) => l && typeof l === "object" && "type" in l && "value" in l)) return undefined;
  return limits as { type: string; value: unknown }[];
}

function listColumns(items: Obj[]): string[] {
  const keys: string[] = [];
  for (const item of items.slice(0, 20)) {
    for (const [k, v] of Object.entries(item)) if (!keys.includes(k) && !HIDDEN.has(k) && summarize(v) !== undefined) keys.push(k);
  }
  const rank = (k: string) => {
    const i = PREFERRED.indexOf(k);
    return i === -1 ? PREFERRED.length + keys.indexOf(k) : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_COLUMNS);
}

/** A list page as a table plus a line saying how many and how to get more. */
function renderList(page: Obj, meta: CallMeta | undefined, now: number): string {
  const items = page.data as Obj[];
  if (items.length === 0) return "(none)";
  const columns = listColumns(items);
  const withLimits = items.every((it) => limitsOf(it) !== undefined);
  const rows = items.flatMap((it) => {
    const base = columns.map((c) => format(c, it[c], now, true));
    if (!withLimits) return [base];
    return (limitsOf(it) ?? []).map((l, i) => [...(i === 0 ? base : base.map(() => "")), l.type, cell(l.value)]);
  });
  const headers = [...columns, ...(withLimits ? ["limit", "value"] : [])];
  const table = columns.length
    ? renderTable(
        headers.map((c) => ({ header: c, right: c === "value" })),
        rows,
      )
    : items.map((it) => JSON.stringify(it)).join("\n");
  const lines = [table, `${items.length} item${items.length === 1 ? "" : "s"}${meta?.pages ? ` from ${meta.pages} page${meta.pages === 1 ? "" : "s"}` : ""}`];
  if (meta?.truncated) lines.push("stopped at --max-items; more items exist");
  else if (page.has_more && page.last_id) lines.push(`more: add --all, or --after-id ${String(page.last_id)}`);
  else if (page.next_page) lines.push(`more: add --all, or --page ${String(page.next_page)}`);
  return lines.join("\n");
}

/** One object as key/value lines; nested values as compact JSON. */
function renderObject(obj: Obj, now: number): string {
  return renderPairs(Object.entries(obj).map(([k, v]) => [k, format(k, v, now)]));
}

/** A message's text (tool calls as JSON), for people. */
function renderMessage(msg: Obj): string {
  const blocks = (msg.content as Obj[]) ?? [];
  return blocks
    .map((b) => {
      if (b.type === "text") return String(b.text);
      if (b.type === "tool_use") return `[tool_use ${String(b.name)}] ${JSON.stringify(b.input)}`;
      if (b.type === "thinking") return `[thinking] ${String(b.thinking)}`;
      return `[${String(b.type)}]`;
    })
    .join("\n");
}

/** One line describing a message's stop reason and token usage (printed on stderr). */
export function messageFooter(msg: Obj): string {
  const usage = (msg.usage ?? {}) as Obj;
  return `[${String(msg.model)} · stop_reason ${String(msg.stop_reason)} · ${cell(usage.input_tokens)} in / ${cell(usage.output_tokens)} out tokens]`;
}

/** True for a Messages API message object. */
export function isMessage(data: unknown): data is Obj {
  return !!data && typeof data === "object" && (data as Obj).type === "message" && Array.isArray((data as Obj).content);
}

/** The items `--ndjson` prints one per line. */
export function ndjsonItems(data: unknown): unknown[] {
  if (isBucketReport(data)) return flattenBuckets(data.data);
  const d = (data as Obj | undefined)?.data;
  if (Array.isArray(d)) return d;
  return [data];
}

/** Renders a successful result for people. */
export function renderHuman(data: unknown, meta: CallMeta | undefined, now: number): string {
  if (data === null || data === undefined) return "(no content)";
  if (typeof data !== "object") return String(data);
  if (isMessage(data)) return renderMessage(data);
  if (isBucketReport(data)) return renderBucketReport(data, now);
  if (isClaudeCodeReport(data)) return renderClaudeCodeReport(data, now);
  if (Array.isArray((data as Obj).data)) return renderList(data as Obj, meta, now);
  return renderObject(data as Obj, now);
}
