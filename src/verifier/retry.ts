import { effectOf } from "../operations/derive.js";
import { classifyFailure, type FailureClass, retryDelay, withHint } from "./backoff.js";
import type { CallContext, Step } from "./context.js";
import { asToolkitError, ToolkitError } from "./errors.js";
import { readBack } from "./read-back.js";
import { type Before, outcomeUnknownError, reconcileWrite, takeSnapshot } from "./reconcile-write.js";

/**
 * The one owner of retries (the transport's are off, so they never nest).
 *
 * Reads and idempotent writes are retried on transient failures (connection errors, timeouts,
 * 408, 429 unless capped, 5xx, 529; `x-should-retry` wins) with full-jitter backoff or the
 * server's `retry-after-ms` / `retry-after`, bounded by `options.retry.maxAttempts` and
 * `deadlineMs`. A write that is not idempotent is resent only when the failure proves it was not
 * applied; after an ambiguous failure the operation's `reconcile` reads state first, compared
 * with the operation's `snapshot` taken before the first attempt. Resend-safe writes (a Messages
 * completion) are retried like reads, a stream only while no event has reached the caller. Sets
 * `meta.outcome` for writes; see docs/decisions/retry-policy.md.
 */
export const retryAndReconcile: Step = async (ctx, next) => {
  const { runtime } = ctx;
  const policy = runtime.options.retry;
  const write = effectOf(ctx.op, ctx.input) !== "read";
  // A resend-safe write (a Messages completion) is retried like a read; a stream only while no
  // event was delivered (the transport marks a stream interrupted after events not retryable).
  const resendSafe = write && ctx.op.resendSafe === true;
  const guarded = write && !ctx.op.idempotent && !resendSafe;
  const started = runtime.now();
  let mayHaveApplied = false;
  const before = write ? await takeSnapshot(ctx) : ({ kind: "none" } as Before);
  if (before.kind === "missing") {
    // Reading the target before sending proved it does not exist: the write cannot apply, and a
    // later 404 must not read as "deleted by us".
    ctx.meta.outcome = "not_applied";
    throw withHint(before.error, "Nothing was sent: reading it before the write found no such object.");
  }
  for (let attempt = 1; ; attempt++) {
    const sentBefore = ctx.meta.attempts;
    ctx.meta.status = undefined;
    try {
      await next();
      if (write) {
        ctx.meta.outcome = "applied";
        await readBack(ctx, before);
      }
      return;
    } catch (err) {
      // A 2xx arrived and a later check (strict drift) failed: the write happened.
      if (write && isSuccess(ctx.meta.status)) {
        ctx.meta.outcome = "applied";
        throw err;
      }
      const cls = classifyFailure(err, ctx.meta.attempts > sentBefore);
      // Events already handed to the caller cannot be taken back: never resend that stream.
      if (resendSafe && eventsDelivered(err) > 0) cls.retry = false;
      const delay = retryDelay(attempt, err, policy, runtime.random);
      const stop = stopReason(ctx, cls, attempt, delay, started, err);
      if (guarded && cls.applied === "maybe") {
        if (!ctx.op.reconcile) {
          ctx.meta.outcome = "unknown";
          throw outcomeUnknownError(ctx, err, "the request may have reached the API, the call cannot be resent safely and the tool has no way to check");
        }
        // Give the server time to finish a request still in flight before reading state.
        if (!stop) await pause(ctx, delay, err);
        const settled = await settle(ctx, err, before);
        if (settled) return;
        if (stop || cls.noResend) throw giveUp(ctx, err, attempt, stop ?? "the API asked not to resend this request");
        continue;
      }
      if (cls.applied === "maybe") mayHaveApplied = true;
      if (!stop) {
        await pause(ctx, delay, err);
        continue;
      }
      if (write && mayHaveApplied && resendSafe) {
        // A completion changes no organization state: nothing to reconcile and no outcome to
        // claim; the error itself says what happened (e.g. a stream interrupted after N events).
        throw giveUp(ctx, err, attempt, stop);
      }
      if (write && mayHaveApplied) {
        if (!ctx.op.reconcile) {
          ctx.meta.outcome = "unknown";
          throw outcomeUnknownError(ctx, err, `an earlier attempt may have been applied (${stop})`);
        }
        if (await settle(ctx, err, before)) return;
      }
      if (write) ctx.meta.outcome = "not_applied";
      throw giveUp(ctx, err, attempt, stop);
    }
  }
};

/**
 * Reads state after an ambiguous failure. Returns true when the write turned out applied (the
 * call then succeeds with the object read back); records `not_applied` and returns false when it
 * was not; throws `outcome_unknown` when the read itself failed.
 */
async function settle(ctx: CallContext, cause: unknown, before: Before): Promise<boolean> {
  const verdict = await reconcileWrite(ctx, before);
  if (verdict.kind === "failed") {
    ctx.meta.outcome = "unknown";
    throw outcomeUnknownError(ctx, cause, `reading state to check failed (${verdict.error.message})`, verdict.check);
  }
  ctx.meta.reconciliations = [...(ctx.meta.reconciliations ?? []), verdict.kind];
  if (verdict.kind === "applied") {
    ctx.meta.outcome = "applied";
    ctx.meta.confirmed = true;
    ctx.data = verdict.data;
    return true;
  }
  ctx.meta.outcome = "not_applied";
  return false;
}

/** Why no further attempt is made, or undefined when one may be. */
function stopReason(
  ctx: CallContext,
  cls: FailureClass,
  attempt: number,
  delay: number,
  started: number,
  err: unknown,
): string | undefined {
  const policy = ctx.runtime.options.retry;
  if (!cls.retry) return "not retryable";
  if (ctx.signal?.aborted) return "the call was aborted";
  if (attempt >= policy.maxAttempts) return `gave up after ${attempt} attempts (retry.maxAttempts)`;
  const elapsed = ctx.runtime.now() - started;
  if (elapsed + delay > policy.deadlineMs) {
    const asked = err instanceof ToolkitError ? err.retry_after_ms : undefined;
    if (asked !== undefined && asked > 0) {
      return `the server asked to wait ${Math.ceil(asked / 1000)} s, past the call's ${Math.round(policy.deadlineMs / 1000)} s deadline (retry.deadlineMs); try again after that`;
    }
    return `gave up after ${attempt} attempts: the call's ${Math.round(policy.deadlineMs / 1000)} s deadline (retry.deadlineMs) would pass`;
  }
  return undefined;
}

/** The final error; a hint says why retrying stopped when retries were possible at all. */
function giveUp(ctx: CallContext, err: unknown, attempt: number, reason: string): unknown {
  if (!(err instanceof ToolkitError)) return err;
  if (reason === "not retryable" && attempt === 1) return err;
  const outcome = ctx.meta.outcome === "not_applied" ? " The write was not applied." : "";
  return withHint(err, `Retrying stopped: ${reason}.${outcome}`);
}

/** Waits before the next attempt; an abort during the wait ends the call with the last error. */
async function pause(ctx: CallContext, ms: number, lastError: unknown): Promise<void> {
  try {
    await ctx.runtime.sleep(ms, ctx.signal);
  } catch {
    throw asToolkitError(lastError);
  }
}

/** Stream events the transport had delivered before a streamed attempt failed (0 when none). */
function eventsDelivered(err: unknown): number {
  const n = err instanceof ToolkitError ? err.details?.events_delivered : undefined;
  return typeof n === "number" ? n : 0;
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}
