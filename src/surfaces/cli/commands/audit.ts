import type { Command } from "commander";
import type { AuditEntry } from "../../../audit/entry.js";
import { type GlobalOptions, outputMode } from "../global-options.js";
import { type CliIo, out } from "../io.js";
import { cell, humanDate } from "../output/human.js";
import { renderTable } from "../output/table.js";
import { usage } from "../run-operation.js";

/** Where the toolkit writes the audit log unless told otherwise (see verifier/options.ts). */
const DEFAULT_AUDIT_PATH = ".anthropic-admin/audit.jsonl";

function printEntries(entries: AuditEntry[], g: GlobalOptions, path: string, io: CliIo): void {
  const mode = outputMode(g);
  if (mode === "json") return void out(io, JSON.stringify(entries, null, 2));
  if (mode === "ndjson") {
    for (const e of entries) out(io, JSON.stringify(e));
    return;
  }
  if (entries.length === 0) return void out(io, `(no entries in ${path})`);
  const now = io.now();
  out(
    io,
    renderTable(
      [
        { header: "time" },
        { header: "tool" },
        { header: "effect" },
        { header: "outcome" },
        { header: "status", right: true },
        { header: "ms", right: true },
        { header: "request_id" },
        { header: "error" },
      ],
      entries.map((e) => [
        humanDate(e.time, now),
        e.tool.replace(/^ANTHROPIC_ADMINISTRATOR_/, ""),
        e.effect,
        `${e.outcome}${e.dry_run ? " (dry run)" : ""}${e.internal ? " (internal)" : ""}`,
        cell(e.status),
        cell(e.duration_ms),
        cell(e.request_id),
        e.error_type ? `${e.error_type}: ${e.error_message ?? ""}` : "",
      ]),
    ),
  );
  out(io, `${entries.length} entr${entries.length === 1 ? "y" : "ies"} from ${path}`);
}

/** `audit tail [-n N]` and `audit search --tool T --since 1h --outcome O`: read the local audit log. */
export function addAuditCommands(program: Command, io: CliIo): void {
  const audit = program
    .command("audit")
    .summary("Read the local audit log of calls")
    .description(`Read the audit log every call appends to (--audit-file, default ${DEFAULT_AUDIT_PATH}); inputs are stored with secrets redacted.`);

  audit
    .command("tail")
    .summary("The last calls")
    .option("-n, --lines <n>", "how many entries (default 20)")
    .action(async (flags: { lines?: string }, self: Command) => {
      const g = self.optsWithGlobals() as GlobalOptions;
      const n = flags.lines === undefined ? 20 : Number(flags.lines);
      if (!Number.isInteger(n) || n < 0) return usage(io, `-n: expected a whole number, received ${JSON.stringify(flags.lines)}`);
      const path = g.auditFile ?? DEFAULT_AUDIT_PATH;
      const { tailAudit } = await import("../../../audit/reader.js");
      printEntries(await tailAudit(path, n), g, path, io);
    });

  audit
    .command("search")
    .summary("Calls matching a tool, a time range or an outcome")
    .option("--tool <name>", "tool name or part of it, e.g. CREATE_WORKSPACE or workspace")
    .option("--since <when>", "at or after: an age such as 15m, 2h, 7d, or an RFC 3339 time")
    .option("--until <when>", "before: an age or an RFC 3339 time")
    .option("--outcome <outcome>", "ok, error, applied, not_applied or unknown")
    .option("--limit <n>", "at most this many, the newest kept")
    .action(async (flags: { tool?: string; since?: string; until?: string; outcome?: string; limit?: string }, self: Command) => {
      const g = self.optsWithGlobals() as GlobalOptions;
      const limit = flags.limit === undefined ? undefined : Number(flags.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) return usage(io, `--limit: expected a whole number, received ${JSON.stringify(flags.limit)}`);
      const path = g.auditFile ?? DEFAULT_AUDIT_PATH;
      const { searchAudit } = await import("../../../audit/reader.js");
      let entries: AuditEntry[];
      try {
        entries = await searchAudit(path, { tool: flags.tool, since: flags.since, until: flags.until, outcome: flags.outcome, limit });
      } catch (e) {
        return usage(io, (e as Error).message);
      }
      printEntries(entries, g, path, io);
    });
}
