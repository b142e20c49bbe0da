import { checkPolicy, guardrailsFromEnvironment } from "./guardrail-env.js";
import type { KeySource } from "./key-source.js";

/** Guardrail policy: what a caller may do without more ceremony. */
export type Policy = "read_only" | "confirm_destructive" | "open";

/** Options of `createToolkit`; every field is optional. */
export interface ToolkitOptions {
  /** Standard API key source (default: env ANTHROPIC_API_KEY). */
  apiKey?: KeySource;
  /** Admin API key source (default: env ANTHROPIC_ADMIN_KEY). */
  adminKey?: KeySource;
  /** API base URL (default: env ANTHROPIC_BASE_URL, else https://api.anthropic.com). */
  baseURL?: string;
  /** A fetch implementation for the transport (tests, proxies). */
  fetch?: typeof fetch;
  /** Run against an in-process emulator with no socket; `true` or emulator options. */
  sandbox?: boolean | Record<string, unknown>;
  /** Guardrail policy (default: env ANTHROPIC_ADMIN_POLICY, else `confirm_destructive`). */
  policy?: Policy;
  /** Only these tools may be called (and listed). */
  allowTools?: string[];
  /** Writes may only touch these workspace ids; organization-level Admin writes (new workspaces, invites, users) are refused while it is set. */
  allowWorkspaces?: string[];
  /** Audit log: `false` turns it off; `path` sets the JSON-lines file (default `.anthropic-admin/audit.jsonl`). */
  audit?: false | { path?: string };
  /** `strict` turns schema drift into an error (default `tolerant`). */
  drift?: "tolerant" | "strict";
  /** Confirm successful writes by reading them back where cheap (default true). */
  readBack?: boolean;
  retry?: { maxAttempts?: number; deadlineMs?: number; baseDelayMs?: number; maxDelayMs?: number };
  governor?: { enabled?: boolean; concurrency?: number; reportMinIntervalMs?: number };
  /** Per-attempt timeout in milliseconds (default 600,000). */
  timeoutMs?: number;
  /** Where warnings go (default: stderr). */
  warn?: (message: string) => void;
  /** Injected clock, sleep and randomness (tests). */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Options after defaults are applied. */
export interface ResolvedOptions {
  apiKey: KeySource | undefined;
  adminKey: KeySource | undefined;
  baseURL: string;
  fetch: typeof fetch | undefined;
  sandbox: boolean | Record<string, unknown>;
  policy: Policy;
  allowTools: string[] | undefined;
  allowWorkspaces: string[] | undefined;
  audit: false | { path: string };
  drift: "tolerant" | "strict";
  readBack: boolean;
  retry: { maxAttempts: number; deadlineMs: number; baseDelayMs: number; maxDelayMs: number };
  governor: { enabled: boolean; concurrency: number; reportMinIntervalMs: number };
  timeoutMs: number;
  warn: (message: string) => void;
}

/** Applies defaults and the documented environment variables. */
export function resolveOptions(o: ToolkitOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const sandbox = o.sandbox ?? false;
  const fromEnv = guardrailsFromEnvironment(env);
  return {
    apiKey: o.apiKey ?? (env.ANTHROPIC_API_KEY ? { env: "ANTHROPIC_API_KEY" } : undefined),
    adminKey: o.adminKey ?? (env.ANTHROPIC_ADMIN_KEY ? { env: "ANTHROPIC_ADMIN_KEY" } : undefined),
    baseURL: (o.baseURL ?? env.ANTHROPIC_BASE_URL ?? "https://api.anthropic.com").replace(/\/+$/, ""),
    fetch: o.fetch,
    sandbox,
    policy: o.policy !== undefined ? checkPolicy(o.policy, "policy") : (fromEnv.policy ?? "confirm_destructive"),
    allowTools: o.allowTools ?? fromEnv.allowTools,
    allowWorkspaces: o.allowWorkspaces ?? fromEnv.allowWorkspaces,
    audit: o.audit === false ? false : { path: o.audit?.path ?? ".anthropic-admin/audit.jsonl" },
    drift: o.drift ?? "tolerant",
    readBack: o.readBack ?? true,
    retry: {
      maxAttempts: o.retry?.maxAttempts ?? 5,
      deadlineMs: o.retry?.deadlineMs ?? 120_000,
      baseDelayMs: o.retry?.baseDelayMs ?? 500,
      maxDelayMs: o.retry?.maxDelayMs ?? 8_000,
    },
    governor: {
      enabled: o.governor?.enabled ?? true,
      concurrency: o.governor?.concurrency ?? 8,
      reportMinIntervalMs: o.governor?.reportMinIntervalMs ?? 60_000,
    },
    timeoutMs: o.timeoutMs ?? 600_000,
    warn: o.warn ?? ((m) => process.stderr.write(`anthropic-admin: warning: ${m}\n`)),
  };
}
