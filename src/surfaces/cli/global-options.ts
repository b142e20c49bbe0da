import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import type { ToolkitOptions } from "../../verifier/options.js";
import type { CliIo } from "./io.js";

/** Options every command accepts (commander reads them before or after the sub-command). */
export interface GlobalOptions {
  sandbox?: boolean;
  baseUrl?: string;
  policy?: string;
  allowTools?: string[];
  allowWorkspaces?: string[];
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
    .option("--policy <mode>", "guardrail policy: read_only | confirm_destructive | open (default: $ANTHROPIC_ADMIN_POLICY, else confirm_destructive)")
    .option("--allow-tools <names>", "only these tools may run, comma-separated (default: $ANTHROPIC_ADMIN_ALLOW_TOOLS)", commaList)
    .option("--allow-workspaces <ids>", "writes may only touch these workspace ids, comma-separated (default: $ANTHROPIC_ADMIN_ALLOW_WORKSPACES)", commaList)
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
  const common: ToolkitOptions = { ...guardrailOptions(g), warn };
  if (g.sandbox) {
    const apiKey = `sk-ant-api03-sandbox-${randomBytes(12).toString("hex")}`;
    const adminKey = `sk-ant-admin01-sandbox-${randomBytes(12).toString("hex")}`;
    return { ...common, sandbox: { apiKey, adminKey }, apiKey, adminKey };
  }
  return { ...common, baseURL: g.baseUrl };
}

/** Policy, allowlists and audit log from the global flags (the environment fills what they leave out). */
export function guardrailOptions(g: GlobalOptions): Pick<ToolkitOptions, "policy" | "allowTools" | "allowWorkspaces" | "audit"> {
  return {
    policy: g.policy as ToolkitOptions["policy"],
    allowTools: g.allowTools?.map(toolName),
    allowWorkspaces: g.allowWorkspaces,
    audit: g.audit === false ? false : g.auditFile ? { path: g.auditFile } : undefined,
  };
}

/** Splits a comma-separated flag value, dropping blanks. */
function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(",").map((x) => x.trim()).filter(Boolean)];
}

/** Accepts `LIST_MODELS` as short for `ANTHROPIC_ADMINISTRATOR_LIST_MODELS`. */
function toolName(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith("ANTHROPIC_ADMINISTRATOR_") ? upper : `ANTHROPIC_ADMINISTRATOR_${upper}`;
}
