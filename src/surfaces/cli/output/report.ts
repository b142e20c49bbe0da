import { centsToUsd, formatUsd, sumDecimals } from "../../../money.js";
import { cell, formatInt, humanDate } from "./human.js";
import { type Column, renderTable } from "./table.js";

type Obj = Record<string, unknown>;
type Bucket = { starting_at: string; ending_at: string; results: Obj[] };

/** Dimension fields of usage and cost results, in the order they are shown. */
const DIMENSIONS = [
  "workspace_id",
  "api_key_id",
  "account_id",
  "service_account_id",
  "model",
  "description",
  "cost_type",
  "token_type",
  "service_tier",
  "context_window",
  "inference_geo",
  "speed",
];

/** True for a usage or cost report page: `data[]` of time buckets with `results[]`. */
export function isBucketReport(data: unknown): data is { data: Bucket[]; has_more?: boolean; next_page?: string | null } {
  const d = (data as Obj | undefined)?.data;
  return Array.isArray(d) && d.length > 0 && d.every((b) => b && typeof b === "object" && Array.isArray((b as Obj).results));
}

/** True for a Claude Code report page: records with `actor` and `core_metrics`. */
export function isClaudeCodeReport(data: unknown): data is { data: Obj[]; has_more?: boolean; next_page?: string | null } {
  const d = (data as Obj | undefined)?.data;
  return Array.isArray(d) && d.length > 0 && d.every((r) => r && typeof r === "object" && "core_metrics" in (r as Obj));
}

/** One item per result, each carrying its bucket's start and end (for `--ndjson`). */
export function flattenBuckets(buckets: Bucket[]): Obj[] {
  return buckets.flatMap((b) => b.results.map((r) => ({ starting_at: b.starting_at, ending_at: b.ending_at, ...r })));
}

/** Cents (exact decimal) as dollars for people: "123456.7" → "$1,234.57". */
const usd = (cents: Parameters<typeof centsToUsd>[0]): string => formatUsd(centsToUsd(cents));

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function cacheWrite(r: Obj): number {
  const c = r.cache_creation as Obj | null | undefined;
  return c ? num(c.ephemeral_5m_input_tokens) + num(c.ephemeral_1h_input_tokens) : 0;
}

/** A usage or cost report as a table: one row per bucket and group, a totals row, empty buckets counted. */
export function renderBucketReport(page: { data: Bucket[]; has_more?: boolean; next_page?: string | null }, now: number): string {
  const results = flattenBuckets(page.data);
  const isCost = results.some((r) => "amount" in r);
  const dims = DIMENSIONS.filter((d) => results.some((r) => r[d] !== null && r[d] !== undefined));
  const empty = page.data.filter((b) => b.results.length === 0).length;
  const columns: Column[] = [{ header: "bucket" }, ...dims.map((d) => ({ header: d }))];
  const rows: string[][] = [];
  let footer: string[];
  const dimCells = (r: Obj) => dims.map((d) => cell(r[d]));
  const bucketCell = (r: Obj) => humanDate(r.starting_at, now, false);
  if (isCost) {
    columns.push({ header: "amount (USD)", right: true });
    for (const r of results) rows.push([bucketCell(r), ...dimCells(r), usd(String(r.amount ?? "0"))]);
    const total = sumDecimals(results.map((r) => String(r.amount ?? "0")));
    footer = ["total", ...dims.map(() => ""), usd(total)];
  } else {
    const metrics: [string, (r: Obj) => number][] = [
      ["input", (r) => num(r.uncached_input_tokens)],
      ["cache read", (r) => num(r.cache_read_input_tokens)],
      ["cache write", cacheWrite],
      ["output", (r) => num(r.output_tokens)],
    ];
    if (results.some((r) => num((r.server_tool_use as Obj | undefined)?.web_search_requests) > 0)) {
      metrics.push(["web searches", (r) => num((r.server_tool_use as Obj | undefined)?.web_search_requests)]);
    }
    const tokenTotal = (r: Obj) => metrics.slice(0, 4).reduce((a, [, f]) => a + f(r), 0);
    columns.push(...metrics.map(([h]) => ({ header: h, right: true })), { header: "total tokens", right: true });
    for (const r of results) rows.push([bucketCell(r), ...dimCells(r), ...metrics.map(([, f]) => formatInt(f(r))), formatInt(tokenTotal(r))]);
    const sum = (f: (r: Obj) => number) => formatInt(results.reduce((a, r) => a + f(r), 0));
    footer = ["total", ...dims.map(() => ""), ...metrics.map(([, f]) => sum(f)), sum(tokenTotal)];
  }
  const first = page.data[0]?.starting_at;
  const last = page.data[page.data.length - 1]?.ending_at;
  const lines = [rows.length ? renderTable(columns, rows, footer) : "(no usage in this range)"];
  lines.push(
    `${page.data.length} bucket${page.data.length === 1 ? "" : "s"} from ${humanDate(first, now, false)} to ${humanDate(last, now, false)}${empty ? `, ${empty} empty` : ""}`,
  );
  if (page.has_more) lines.push(`more buckets: add --all, or --page ${page.next_page}`);
  return lines.join("\n");
}

/** A Claude Code usage report as a table with totals of sessions, lines, commits, tokens and estimated cost. */
export function renderClaudeCodeReport(page: { data: Obj[]; has_more?: boolean; next_page?: string | null }, now: number): string {
  const columns: Column[] = [
    { header: "date" },
    { header: "actor" },
    { header: "terminal" },
    { header: "sessions", right: true },
    { header: "lines +/-", right: true },
    { header: "commits", right: true },
    { header: "PRs", right: true },
    { header: "tokens", right: true },
    { header: "est. cost", right: true },
  ];
  const totals = { sessions: 0, added: 0, removed: 0, commits: 0, prs: 0, tokens: 0, cents: [] as (string | number)[] };
  const rows = page.data.map((r) => {
    const actor = (r.actor ?? {}) as Obj;
    const core = (r.core_metrics ?? {}) as Obj;
    const loc = (core.lines_of_code ?? {}) as Obj;
    const breakdown = Array.isArray(r.model_breakdown) ? (r.model_breakdown as Obj[]) : [];
    const tokens = breakdown.reduce((a, m) => {
      const t = (m.tokens ?? {}) as Obj;
      return a + num(t.input) + num(t.output) + num(t.cache_read) + num(t.cache_creation);
    }, 0);
    const cents = breakdown.map((m) => num((m.estimated_cost as Obj | undefined)?.amount));
    totals.sessions += num(core.num_sessions);
    totals.added += num(loc.added);
    totals.removed += num(loc.removed);
    totals.commits += num(core.commits_by_claude_code);
    totals.prs += num(core.pull_requests_by_claude_code);
    totals.tokens += tokens;
    totals.cents.push(...cents);
    return [
      humanDate(r.date, now, false),
      cell(actor.email_address ?? actor.api_key_name),
      cell(r.terminal_type),
      formatInt(num(core.num_sessions)),
      `+${formatInt(num(loc.added))}/-${formatInt(num(loc.removed))}`,
      formatInt(num(core.commits_by_claude_code)),
      formatInt(num(core.pull_requests_by_claude_code)),
      formatInt(tokens),
      usd(sumDecimals(cents)),
    ];
  });
  const footer = [
    "total",
    "",
    "",
    formatInt(totals.sessions),
    `+${formatInt(totals.added)}/-${formatInt(totals.removed)}`,
    formatInt(totals.commits),
    formatInt(totals.prs),
    formatInt(totals.tokens),
    usd(sumDecimals(totals.cents)),
  ];
  const lines = [renderTable(columns, rows, footer), `${rows.length} record${rows.length === 1 ? "" : "s"}`];
  if (page.has_more) lines.push(`more records: add --all, or --page ${page.next_page}`);
  return lines.join("\n");
}
