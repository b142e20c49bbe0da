import { ToolkitError } from "./errors.js";

/** The retry budget of one call (options.retry after defaults). */
export interface RetryPolicy {
  maxAttempts: number;
  deadlineMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** How one failed attempt bears on the next one. */
export interface FailureClass {
  /** Another attempt may succeed (the status or the failure is transient). */
  retry: boolean;
  /**
   * `no` when the failure proves the request did not take effect (the server refused it, or it was
   * never sent); `maybe` when it may have been applied (timeout or reset after sending, 5xx, or any
   * failure once the request left).
   */
  applied: "no" | "maybe";
  /** Never resend, even when retryable and reconciled (the API says so, e.g. `workspace_created_incomplete`). */
  noResend?: boolean;
}

/** 429 codes that no amount of waiting within a call fixes. */
const CAP_CODES = new Set(["enforced_spend_limit_reached", "contract_spend_limit_reached"]);
/** 503 codes after which the API asks not to resend (the change happened, partially). */
const NO_RESEND_CODES = new Set(["workspace_created_incomplete"]);
/** Answers that prove the request was refused before it changed anything. */
const REFUSED_STATUS = new Set([429, 529]);

/**
 * Classifies a failed attempt. `sent` tells whether the request reached the transport in this
 * attempt (a failure before sending proves nothing was applied).
 */
export function classifyFailure(err: unknown, sent: boolean): FailureClass {
  if (!(err instanceof ToolkitError)) return { retry: false, applied: sent ? "maybe" : "no" };
  if (err.type === "spend_limit_reached") return { retry: false, applied: "no" };
  const code = typeof err.details?.error_code === "string" ? err.details.error_code : undefined;
  if (err.status !== undefined) {
    const status = err.status;
    if (status === 401) return { retry: false, applied: "no" };
    if (status === 429 && code && CAP_CODES.has(code)) return { retry: false, applied: "no" };
    // errorFromResponse folded x-should-retry into `retryable`; it wins over the status rules.
    const retry = err.retryable;
    if (REFUSED_STATUS.has(status) || (status >= 400 && status < 500 && status !== 408)) return { retry, applied: "no" };
    return { retry, applied: "maybe", noResend: code !== undefined && NO_RESEND_CODES.has(code) };
  }
  // No HTTP answer: connection error or timeout from the transport.
  if (err.not_sent || !sent) return { retry: err.retryable, applied: "no" };
  return { retry: err.retryable, applied: "maybe" };
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1): the server's
 * `retry-after-ms` / `retry-after` when it gave one, else full-jitter exponential backoff
 * `random() × min(maxDelay, base × 2^(attempt−1))`.
 */
export function retryDelay(attempt: number, err: unknown, policy: RetryPolicy, random: () => number): number {
  const asked = err instanceof ToolkitError ? err.retry_after_ms : undefined;
  if (asked !== undefined && asked > 0) return asked;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** A copy of an error with a hint added (ToolkitError fields are read-only). */
export function withHint(err: ToolkitError, hint: string): ToolkitError {
  return new ToolkitError({ ...err.toJSON(), not_sent: err.not_sent, hint: err.hint ? `${err.hint} ${hint}` : hint });
}
