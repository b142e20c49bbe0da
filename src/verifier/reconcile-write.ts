import { pathParams } from "../operations/derive.js";
import { operations } from "../operations/index.js";
import type { AnyOperation } from "../operations/types.js";
import type { CallContext } from "./context.js";
import { asToolkitError, ToolkitError } from "./errors.js";

/** A read a person (or agent) can run to see whether a write took effect. */
export interface Check {
  tool: string;
  input: Record<string, unknown>;
}

/** What reading state said about a write. */
export type Verdict =
  | { kind: "applied"; data: unknown }
  | { kind: "not_applied" }
  /** The reconcile read failed or threw; `check` is the read it was attempting. */
  | { kind: "failed"; error: ToolkitError; check?: Check };

/** What the operation's `snapshot` read before the first attempt (see {@link takeSnapshot}). */
export type Before =
  /** Nothing to compare with: the operation has no snapshot, or its read failed. */
  | { kind: "none" }
  | { kind: "taken"; value: unknown }
  /** The snapshot proved the target does not exist: fail with this error, send nothing. */
  | { kind: "missing"; error: ToolkitError };

/**
 * Runs the operation's `snapshot` before a write's first attempt, through the pipeline like a
 * reconcile read. A `not_found_error` proves the target is missing; any other failure is ignored
 * (the reconcile then judges without a snapshot, as before snapshots existed).
 */
export async function takeSnapshot(ctx: CallContext): Promise<Before> {
  const snapshot = ctx.op.snapshot;
  if (!snapshot || ctx.internal) return { kind: "none" };
  try {
    return { kind: "taken", value: await snapshot({ ...ctx.input }, (tool, input) => ctx.runtime.call(tool, input)) };
  } catch (err) {
    const error = asToolkitError(err);
    return error.type === "not_found_error" ? { kind: "missing", error } : { kind: "none" };
  }
}

/**
 * Asks the operation's `reconcile` whether the write took effect, reading through the toolkit's own
 * pipeline (so reads are retried and checked too). `before` is the snapshot taken before the first
 * attempt. Never throws: a failed read is a verdict.
 */
export async function reconcileWrite(ctx: CallContext, before: Before = { kind: "none" }): Promise<Verdict> {
  const reconcile = ctx.op.reconcile;
  if (!reconcile) return { kind: "failed", error: new ToolkitError({ type: "outcome_unknown", message: "no reconcile" }) };
  let last: Check | undefined;
  const read = (tool: string, input: Record<string, unknown>) => {
    last = { tool, input };
    return ctx.runtime.call(tool, input);
  };
  try {
    const result = await reconcile({ ...ctx.input }, read, before.kind === "taken" ? before.value : undefined);
    return result.applied ? { kind: "applied", data: result.data } : { kind: "not_applied" };
  } catch (err) {
    return { kind: "failed", error: asToolkitError(err), check: last };
  }
}

/**
 * The error for a write whose effect cannot be established: says what failed and exactly which
 * read shows whether the change happened, so nobody resends it blindly.
 */
export function outcomeUnknownError(ctx: CallContext, cause: unknown, reason: string, check?: Check): ToolkitError {
  const c = cause instanceof ToolkitError ? cause : asToolkitError(cause);
  const what = check ?? suggestCheck(ctx.op, ctx.input);
  const checkText = what
    ? `Check with ${what.tool} ${JSON.stringify(what.input)} whether the change is there before sending it again.`
    : `Check the organization's state for the change before sending ${ctx.op.tool} again.`;
  return new ToolkitError({
    type: "outcome_unknown",
    message: `${ctx.op.tool} may or may not have taken effect: ${c.message} (${c.type}${c.status ? ` ${c.status}` : ""}); ${reason}. ${checkText}`,
    status: c.status,
    request_id: c.request_id ?? ctx.meta.request_id,
    retryable: false,
    details: { cause_type: c.type, ...(what ? { check_tool: what.tool, check_input: what.input } : {}) },
    hint: checkText,
  });
}

/**
 * A read of the same resource when the operation has no reconcile (or it failed before reading):
 * the group's `get` when its path params are in the input, else the group's `list`.
 */
export function suggestCheck(op: AnyOperation, input: Record<string, unknown>): Check | undefined {
  const reads = operations.filter((o) => o.group === op.group && o.method === "GET" && o !== op);
  const ranked = [...reads.filter((o) => o.verb === "get"), ...reads.filter((o) => o.verb === "list"), ...reads];
  for (const candidate of ranked) {
    const params = pathParams(candidate);
    if (params.every((p) => input[p] !== undefined)) {
      return { tool: candidate.tool, input: Object.fromEntries(params.map((p) => [p, input[p]])) };
    }
  }
  return undefined;
}
