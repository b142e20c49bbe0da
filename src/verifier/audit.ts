import type { AuditEntry } from "../audit/entry.js";
import { redact, redactText } from "../audit/redact.js";
import { type AuditWriter, createAuditWriter } from "../audit/writer.js";
import type { CallContext, Runtime, Step } from "./context.js";
import { asToolkitError } from "./errors.js";

/**
 * The outermost step: every call, success or failure, becomes one JSON line in the audit log
 * (`options.audit.path`) with its input redacted. The Verifier's own reads are logged too,
 * marked `internal`. A failing log write warns once and never fails the call.
 */
export const audit: Step = async (ctx, next) => {
  const config = ctx.runtime.options.audit;
  if (config === false) return next();
  const started = ctx.runtime.now();
  let failure: unknown;
  try {
    await next();
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    const entry = entryOf(ctx, started, failure);
    await writerOf(ctx.runtime, config.path)
      .append(entry)
      .catch((err: unknown) => {
        const code = (err as { code?: string }).code ?? "write failed";
        ctx.runtime.warnOnce("audit:write", `could not append to the audit log ${config.path} (${code}); calls go on unlogged.`);
      });
  }
};

function writerOf(runtime: Runtime, path: string): AuditWriter {
  const id = `audit:writer:${path}`;
  let writer = runtime.state.get(id) as AuditWriter | undefined;
  if (!writer) {
    writer = createAuditWriter(path);
    runtime.state.set(id, writer);
  }
  return writer;
}

function entryOf(ctx: CallContext, started: number, failure: unknown): AuditEntry {
  const { meta } = ctx;
  const ok = failure === undefined;
  const entry: AuditEntry = {
    time: new Date(started).toISOString(),
    tool: ctx.op.tool,
    effect: meta.effect,
    input: redact(ctx.raw ?? {}),
    ok,
    outcome: meta.outcome ?? (ok ? "ok" : "error"),
    attempts: meta.attempts,
    duration_ms: Math.max(0, ctx.runtime.now() - started),
  };
  if (meta.status !== undefined) entry.status = meta.status;
  if (meta.request_id) entry.request_id = meta.request_id;
  if (meta.drift?.length) entry.drift = meta.drift;
  if (meta.dry_run) entry.dry_run = true;
  if (meta.cached) entry.cached = true;
  if (ctx.internal) entry.internal = true;
  if (!ok) {
    const err = asToolkitError(failure);
    entry.error_type = err.type;
    entry.error_message = redactText(err.message);
    if (err.status !== undefined) entry.status = err.status;
    if (err.request_id) entry.request_id = err.request_id;
  }
  return entry;
}
