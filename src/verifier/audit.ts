import type { AuditEntry } from "../audit/entry.js";
import { redact, redactText } from "../audit/redact.js";
import { type AuditWriter, createAuditWriter } from "../audit/writer.js";
import type { CallContext, Runtime, Step } from "./context.js";
import { asToolkitError, ToolkitError, type ToolkitErrorInit } from "./errors.js";

/**
 * The outermost step: every call, success or failure, becomes one JSON line in the audit log
 * (`options.audit.path`) with its input redacted. The Verifier's own reads are logged too,
 * marked `internal`. A failing log write warns once and never fails the call. Runs even with
 * the log off, to redact key-shaped text from errors on their way out.
 */
export const audit: Step = async (ctx, next) => {
  const config = ctx.runtime.options.audit;
  const started = ctx.runtime.now();
  let failure: ToolkitError | undefined;
  try {
    await next();
  } catch (err) {
    // Converted first, so a foreign error (whose text is not ours) is redacted too, and the
    // error logged is the very one rethrown.
    failure = scrubbed(asToolkitError(err));
    throw failure;
  } finally {
    if (config !== false) await write(ctx, config.path, started, failure);
  }
};

async function write(ctx: CallContext, path: string, started: number, failure: ToolkitError | undefined): Promise<void> {
  await writerOf(ctx.runtime, path)
    .append(entryOf(ctx, started, failure))
    .catch((err: unknown) => {
      const code = (err as { code?: string }).code ?? "write failed";
      ctx.runtime.warnOnce("audit:write", `could not append to the audit log ${path} (${code}); calls go on unlogged.`);
    });
}

/**
 * The last guard on the way out: an error whose text carries a key-shaped string (an API message
 * echoing a pasted key, say) leaves with it redacted.
 */
function scrubbed(err: ToolkitError): ToolkitError {
  const text = JSON.stringify(err.toJSON());
  if (redactText(text) === text) return err;
  return new ToolkitError({ ...(redact(err.toJSON()) as ToolkitErrorInit), not_sent: err.not_sent });
}

function writerOf(runtime: Runtime, path: string): AuditWriter {
  const id = `audit:writer:${path}`;
  let writer = runtime.state.get(id) as AuditWriter | undefined;
  if (!writer) {
    writer = createAuditWriter(path);
    runtime.state.set(id, writer);
  }
  return writer;
}

function entryOf(ctx: CallContext, started: number, failure: ToolkitError | undefined): AuditEntry {
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
  if (failure) {
    entry.error_type = failure.type;
    entry.error_message = failure.message;
    if (failure.status !== undefined) entry.status = failure.status;
    if (failure.request_id) entry.request_id = failure.request_id;
  }
  return entry;
}
