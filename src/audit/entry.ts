import type { DriftFinding } from "../verifier/context.js";

/** One line of the audit log (JSON lines). */
export interface AuditEntry {
  /** RFC 3339 time the call started. */
  time: string;
  tool: string;
  effect: string;
  /** The caller's input, secrets redacted. */
  input: unknown;
  ok: boolean;
  /** `applied`, `not_applied` or `unknown` for writes when known; otherwise `ok` or `error`. */
  outcome: string;
  status?: number;
  request_id?: string;
  attempts: number;
  duration_ms: number;
  drift?: DriftFinding[];
  error_type?: string;
  error_message?: string;
  dry_run?: boolean;
  cached?: boolean;
  /** A read the Verifier made for itself (reconcile, preview, model list). */
  internal?: boolean;
}
