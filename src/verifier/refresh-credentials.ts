import type { KeyKind } from "../operations/types.js";
import { redactText } from "../audit/redact.js";
import type { CallContext, Step } from "./context.js";
import { ToolkitError } from "./errors.js";
import { describeKeySource } from "./key-source.js";

const NAME: Record<KeyKind, string> = { api: "standard API key", admin: "Admin API key" };
const VARIABLE: Record<KeyKind, string> = { api: "ANTHROPIC_API_KEY", admin: "ANTHROPIC_ADMIN_KEY" };

/**
 * On a 401, drops the cached key, re-reads its source once and, when the key changed (a rotated
 * key file, a new environment value, a command that mints a fresh key), sends again. Otherwise it
 * fails with an error that names which key failed and where it came from, never the key itself.
 */
export const refreshCredentials: Step = async (ctx, next) => {
  const kind = ctx.op.key;
  // The key this attempt goes out with, read before sending: by the time its 401 comes back, a
  // concurrent call may already have refreshed the shared cache, and comparing against that
  // newer key would wrongly conclude that re-reading changed nothing.
  const used = await ctx.runtime.getKey(kind).catch(() => undefined);
  try {
    await next();
  } catch (err) {
    if (!isAuthFailure(err)) throw err;
    let after: string | undefined;
    try {
      after = await ctx.runtime.getKey(kind);
      // Only re-read the source when nobody has yet; otherwise the fresh key is already cached.
      if (after === used) {
        ctx.runtime.refreshKey(kind);
        after = await ctx.runtime.getKey(kind);
      }
    } catch (readErr) {
      throw namedError(ctx, err, `re-reading it failed (${safeReason(readErr)})`);
    }
    if (!after) throw namedError(ctx, err, "re-reading its source gave no key");
    if (after === used) throw namedError(ctx, err, "re-reading its source gave the same key");
    try {
      await next();
    } catch (retryErr) {
      if (isAuthFailure(retryErr)) throw namedError(ctx, retryErr, "the re-read key was refused too");
      throw retryErr;
    }
  }
};

function isAuthFailure(err: unknown): err is ToolkitError {
  return err instanceof ToolkitError && err.status === 401;
}

function sourceText(ctx: CallContext): string {
  const kind = ctx.op.key;
  const source = kind === "api" ? ctx.runtime.options.apiKey : ctx.runtime.options.adminKey;
  if (source === undefined && ctx.runtime.options.sandbox) return "the sandbox emulator's demo key";
  return describeKeySource(source);
}

function namedError(ctx: CallContext, err: ToolkitError, what: string): ToolkitError {
  const kind = ctx.op.key;
  return new ToolkitError({
    type: "authentication_error",
    message: `The ${NAME[kind]} (from ${sourceText(ctx)}) was refused with 401 ${err.type}: ${redactText(err.message)}; ${what}.`,
    status: 401,
    request_id: err.request_id,
    details: err.details,
    retryable: false,
    hint: `Check or rotate the ${NAME[kind]} (${VARIABLE[kind]} or the ${kind === "api" ? "apiKey" : "adminKey"} option); it may be revoked, expired or mistyped.`,
  });
}

function safeReason(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === "string") return code;
  return err instanceof Error ? redactText(err.message).slice(0, 200) : "unknown error";
}
