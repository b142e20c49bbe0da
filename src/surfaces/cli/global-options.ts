import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import type { ToolkitOptions } from "../../verifier/options.js";
import type { CliIo } from "./io.js";

/** Options every command accepts (commander reads them before or after the sub-command). */
export interface GlobalOptions {
  sandbox?: boolean;
  baseUrl?: string;
  policy?: string;
  auditFile?: string;
  /** `--no-audit` sets this false. */
  audit?: boolean;
  json?: boolean;
  ndjson?: boolean;
}

export const POLICIES = ["read_only", "confirm_destructive", "open"] as const;

/** Declares the global options on the root command. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option("--sandbox", "run against a built-in emulated organization in this process (no keys needed, nothing leaves the machine)")
    .option("--base-url <url>", "API base URL (default: $ANTHROPIC_BASE_URL, else https://api.anthropic.com)")
    .option("--policy <mode>", "guardrail policy: read_only | confirm_destructive | open (default confirm_destructive)")
    .option("--audit-file <path>", "audit log file, JSON lines (default .anthropic-admin/audit.jsonl)")
    .option("--no-audit", "do not write the audit log")
    .option("--json", "print the result as JSON")
    .option("--ndjson", "print one JSON item per line (lists and reports)");
}

/** Output mode chosen by the global flags. */
export function outputMode(g: GlobalOptions): "table" | "json" | "ndjson" {
  if (g.ndjson) return "ndjson";
  if (g.json) return "json";
  return "table";
}

/**
 * Toolkit options from the global flags. Keys come from ANTHROPIC_API_KEY / ANTHROPIC_ADMIN_KEY
 * (read by the toolkit, never printed). In the sandbox, keys of the process's own in-process
 * emulator are used so real keys in the environment are never sent anywhere.
 */
export function toolkitOptions(g: GlobalOptions, io: CliIo): ToolkitOptions {
  const warn = (message: string) => io.stderr.write(`anthropic-admin: warning: ${message}\n`);
  const audit: ToolkitOptions["audit"] = g.audit === false ? false : g.auditFile ? { path: g.auditFile } : undefined;
  const common: ToolkitOptions = { policy: g.policy as ToolkitOptions["policy"], audit, warn };
  if (g.sandbox) {
    const apiKey = `sk-ant-api03-sandbox-${randomBytes(12).toString("hex")}`;
    const adminKey = `sk-ant-admin01-sandbox-${randomBytes(12).toString("hex")}`;
    return { ...common, sandbox: { apiKey, adminKey }, apiKey, adminKey };
  }
  return { ...common, baseURL: g.baseUrl };
}
