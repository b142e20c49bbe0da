import type { AnyOperation, Effect, KeyKind } from "../operations/types.js";
import type { Transport } from "../transport/transport.js";
import type { ToolkitError } from "./errors.js";
import type { ResolvedOptions } from "./options.js";

/** One schema-drift finding in a response. */
export interface DriftFinding {
  kind: "unknown_field" | "unknown_enum_value" | "missing_field" | "wrong_type";
  /** Dotted path in the response body. */
  path: string;
  detail: string;
}

/** What a result reports beside its data. */
export interface CallMeta {
  tool: string;
  effect: Effect;
  /** HTTP attempts made (0 when nothing was sent). */
  attempts: number;
  duration_ms: number;
  request_id?: string;
  status?: number;
  /** For writes: whether the write took effect, as proven by the answer or by reconciliation. */
  outcome?: "applied" | "not_applied" | "unknown";
  /** Verdicts of reconciliations after ambiguous write failures, in order (see docs/decisions/retry-policy.md). */
  reconciliations?: Array<"applied" | "not_applied">;
  drift?: DriftFinding[];
  /** Pages fetched when walking all pages. */
  pages?: number;
  /** True when `max_items` stopped a walk before the last page. */
  truncated?: boolean;
  dry_run?: boolean;
  /** True when a report was answered from the minimum-interval cache. */
  cached?: boolean;
  /** True when a successful write was confirmed by reading it back. */
  confirmed?: boolean;
}

/** Toolkit-only fields a tool call may carry beside the API's own input. */
export interface CallControl {
  /** Walk every page (lists and reports). */
  all?: boolean;
  /** Stop a walk after this many items (default 10,000). */
  max_items?: number;
  /** Acknowledge a destructive call (policy `confirm_destructive`). */
  confirm?: boolean;
  /** Return the exact request a write would send, without sending it. */
  dry_run?: boolean;
  /** Called after each page of a walk (the CLI prints a progress line). */
  onProgress?: (pages: number, items: number) => void;
}

/** A server-sent event of a streamed message, as the SDK parses it. */
export type StreamEvent = { type: string } & Record<string, unknown>;

/** Per-toolkit services every step may use. Clock, sleep, randomness and transport are injected. */
export interface Runtime {
  options: ResolvedOptions;
  transport: Transport;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Current key of a kind, or undefined when none is configured. */
  getKey: (kind: KeyKind) => Promise<string | undefined>;
  /** Drops any cached key of that kind so the next `getKey` re-reads its source. */
  refreshKey: (kind: KeyKind) => void;
  /** Logs a warning once per process-wide toolkit instance for a given kind. */
  warnOnce: (kind: string, message: string) => void;
  /** Runs another operation through the pipeline (reconcile and read-back use it). */
  call: (tool: string, input: Record<string, unknown>) => Promise<unknown>;
  /** Per-instance state owned by steps (governor buckets, caches), keyed by step name. */
  state: Map<string, unknown>;
}

/** Everything one call carries through the pipeline. */
export interface CallContext {
  op: AnyOperation;
  /** The input as the caller gave it. */
  raw: unknown;
  /** Validated API fields (for the current page while walking). */
  input: Record<string, unknown>;
  control: CallControl;
  runtime: Runtime;
  meta: CallMeta;
  /** Success body (aggregated when walking all pages). */
  data?: unknown;
  /** Headers of the last HTTP answer. */
  headers?: Headers;
  error?: ToolkitError;
  signal?: AbortSignal;
  /** Streaming: called with each server-sent event as it arrives. */
  onEvent?: (event: StreamEvent) => void;
  /** True for calls the Verifier makes for itself (reconcile reads); they are not audited separately. */
  internal?: boolean;
}

/** One pipeline step. */
export type Step = (ctx: CallContext, next: () => Promise<void>) => Promise<void>;
