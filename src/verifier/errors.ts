import { redactText } from "../audit/redact.js";
import { errorTypeForStatus } from "../operations/error-types.js";

/** Error types of our own, beside Anthropic's `error.type` values which pass through unchanged. */
export type ToolkitErrorType =
  | "invalid_input"
  | "configuration_error"
  | "policy_denied"
  | "confirmation_required"
  | "connection_error"
  | "timeout"
  | "schema_drift"
  | "outcome_unknown"
  | "spend_limit_reached"
  | "unknown_tool"
  // Anthropic's own error types
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "conflict_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "timeout_error"
  | "overloaded_error"
  | (string & {});

/** One field-level problem found by input validation. */
export interface InputIssue {
  /** Dotted path of the field, e.g. `messages.0.role`; empty for the input as a whole. */
  path: string;
  expected: string;
  received: string;
  message: string;
}

export interface ToolkitErrorInit {
  type: ToolkitErrorType;
  message: string;
  status?: number;
  request_id?: string;
  retryable?: boolean;
  issues?: InputIssue[];
  /** Anthropic's `error.details` (e.g. `error_code`), passed through. */
  details?: Record<string, unknown>;
  /** What the caller can do about it, one sentence. */
  hint?: string;
  /** Milliseconds the server asked us to wait, when it said. */
  retry_after_ms?: number;
  /** True when the request certainly never reached the server (safe to resend a write). */
  not_sent?: boolean;
}

/** The one error class every surface sees; carries no secret by construction (messages are ours or the API's). */
export class ToolkitError extends Error {
  readonly type: ToolkitErrorType;
  readonly status?: number;
  readonly request_id?: string;
  readonly retryable: boolean;
  readonly issues?: InputIssue[];
  readonly details?: Record<string, unknown>;
  readonly hint?: string;
  readonly retry_after_ms?: number;
  readonly not_sent?: boolean;

  constructor(init: ToolkitErrorInit) {
    super(init.message);
    this.name = "ToolkitError";
    this.type = init.type;
    this.status = init.status;
    this.request_id = init.request_id;
    this.retryable = init.retryable ?? false;
    this.issues = init.issues;
    this.details = init.details;
    this.hint = init.hint;
    this.retry_after_ms = init.retry_after_ms;
    this.not_sent = init.not_sent;
  }

  /** The plain object placed in `{ ok: false, error }` results. */
  toJSON(): ErrorBody {
    const body: ErrorBody = { type: this.type, message: this.message, retryable: this.retryable };
    if (this.status !== undefined) body.status = this.status;
    if (this.request_id) body.request_id = this.request_id;
    if (this.issues) body.issues = this.issues;
    if (this.details) body.details = this.details;
    if (this.hint) body.hint = this.hint;
    if (this.retry_after_ms !== undefined) body.retry_after_ms = this.retry_after_ms;
    return body;
  }
}

/** The error part of a failed tool result. */
export interface ErrorBody {
  type: ToolkitErrorType;
  message: string;
  retryable: boolean;
  status?: number;
  request_id?: string;
  issues?: InputIssue[];
  details?: Record<string, unknown>;
  hint?: string;
  retry_after_ms?: number;
}

/** Statuses worth another attempt (rate limits only when the server says when; see retry step). */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504, 529]);

/** Parses `retry-after-ms`, then `retry-after` (seconds or HTTP date) into milliseconds. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && /^\s*[\d.]+\s*$/.test(raw)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The one status-to-error factory: turns a non-2xx answer into a ToolkitError that keeps
 * Anthropic's `error.type`, status, request_id and `details`.
 */
export function errorFromResponse(status: number, headers: Headers, body: unknown, now: number): ToolkitError {
  const envelope = (body && typeof body === "object" ? body : {}) as {
    error?: { type?: string; message?: string; details?: Record<string, unknown> };
    request_id?: string;
  };
  const apiType = envelope.error?.type;
  const type: ToolkitErrorType = apiType ?? errorTypeForStatus(status);
  const request_id = envelope.request_id ?? headers.get("request-id") ?? undefined;
  const details = envelope.error?.details;
  const wait = retryAfterMs(headers, now);
  const shouldRetry = headers.get("x-should-retry");
  let retryable = RETRYABLE_STATUS.has(status);
  if (shouldRetry === "true") retryable = true;
  if (shouldRetry === "false") retryable = false;
  const message = envelope.error?.message ?? `HTTP ${status}`;
  if (status === 429 && details?.error_code === "enforced_spend_limit_reached") {
    return new ToolkitError({
      type: "spend_limit_reached",
      message: `Spending is capped for this organization's usage tier: ${message}. The cap lasts until ${nextMonthStart(now)} (00:00 UTC on the 1st).`,
      status,
      request_id,
      details,
      retryable: false,
      hint: "Raise the spend limit or usage tier in the Console, or wait for the next month.",
    });
  }
  return new ToolkitError({ type, message, status, request_id, details, retryable, retry_after_ms: wait });
}

function nextMonthStart(now: number): string {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString();
}

/**
 * Wraps anything thrown into a ToolkitError without leaking stack traces to callers. The message
 * of a foreign error is not ours (a failing key command or function may quote the key), so
 * key-shaped text is redacted from it.
 */
export function asToolkitError(err: unknown): ToolkitError {
  if (err instanceof ToolkitError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ToolkitError({ type: "api_error", message: `Unexpected failure: ${redactText(message)}`, retryable: false });
}
