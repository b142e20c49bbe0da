import { redactText } from "../audit/redact.js";
import type { KeyKind } from "../operations/types.js";
import type { CallContext, Step } from "./context.js";
import { ToolkitError } from "./errors.js";
import { describeKeySource } from "./key-source.js";

const VARIABLE: Record<KeyKind, string> = { api: "ANTHROPIC_API_KEY", admin: "ANTHROPIC_ADMIN_KEY" };
const NAME: Record<KeyKind, string> = { api: "standard API key", admin: "Admin API key" };

/**
 * Refuses before sending when the needed key is missing or of the wrong kind (a standard key
 * where an admin key is needed, or the reverse). Messages name the variable, never the key.
 */
export const checkCredentials: Step = async (ctx, next) => {
  const kind = ctx.op.key;
  const key = await readConfiguredKey(ctx);
  if (!key) {
    throw new ToolkitError({
      type: "configuration_error",
      message: `${ctx.op.tool} needs the ${NAME[kind]}, and none is configured. Set ${VARIABLE[kind]} (or pass ${kind === "api" ? "apiKey" : "adminKey"} to createToolkit).`,
      retryable: false,
      hint: `Set ${VARIABLE[kind]}.`,
    });
  }
  if (kind === "admin" && /^sk-ant-api\d\d-/.test(key)) {
    throw new ToolkitError({
      type: "configuration_error",
      message: `${ctx.op.tool} needs an Admin API key (sk-ant-admin01-…), but ${VARIABLE.admin} holds a standard API key. Create an Admin key in the Console (Settings → Admin keys) and set ${VARIABLE.admin}.`,
      retryable: false,
      hint: `Set ${VARIABLE.admin} to an Admin API key.`,
    });
  }
  if (kind === "api" && key.startsWith("sk-ant-admin")) {
    throw new ToolkitError({
      type: "configuration_error",
      message: `${ctx.op.tool} needs a standard API key, but ${VARIABLE.api} holds an Admin API key, which cannot send messages or list models. Set ${VARIABLE.api} to a standard key (sk-ant-api03-…).`,
      retryable: false,
      hint: `Set ${VARIABLE.api} to a standard API key.`,
    });
  }
  await next();
};

/**
 * Reads the key, turning a failing source (a key command that exits non-zero, a missing key file,
 * a key function that throws) into a configuration error. Such failures carry text that is not
 * ours (a command's stderr, its full command line) and may quote a key, so only a safe reason
 * goes into the message.
 */
async function readConfiguredKey(ctx: CallContext): Promise<string | undefined> {
  const kind = ctx.op.key;
  try {
    return await ctx.runtime.getKey(kind);
  } catch (err) {
    const option = kind === "api" ? "apiKey" : "adminKey";
    throw new ToolkitError({
      type: "configuration_error",
      message: `${ctx.op.tool} needs the ${NAME[kind]}, but reading it from ${sourceText(ctx)} failed: ${safeReason(err)}. Nothing was sent.`,
      retryable: false,
      hint: `Fix the ${option} source (or set ${VARIABLE[kind]}) so that it yields the key.`,
    });
  }
}

function sourceText(ctx: CallContext): string {
  const kind = ctx.op.key;
  const source = kind === "api" ? ctx.runtime.options.apiKey : ctx.runtime.options.adminKey;
  if (source === undefined && ctx.runtime.options.sandbox) return "the sandbox emulator's demo key";
  return describeKeySource(source);
}

/** Why reading failed, without the command line, its output or anything key-shaped. */
function safeReason(err: unknown): string {
  const e = (err && typeof err === "object" ? err : {}) as { code?: unknown; signal?: unknown; killed?: unknown; cmd?: unknown };
  // execFile failures: the message quotes the whole command line and its stderr, so it is never used.
  if (typeof e.cmd === "string") {
    if (e.killed === true || typeof e.signal === "string") {
      return `the command was stopped${typeof e.signal === "string" ? ` by ${e.signal}` : ""} (it may have timed out)`;
    }
    if (typeof e.code === "number") return `the command exited with status ${e.code}`;
  }
  // Spawn and file errors (ENOENT, EACCES…): the code says enough, and their messages list arguments.
  if (typeof e.code === "string") return e.code;
  if (err instanceof Error) return redactText(err.message.split("\n")[0] ?? "").slice(0, 200) || "unknown error";
  return "unknown error";
}

/** The environment variable that configures a key kind. */
export function keyVariable(kind: KeyKind): string {
  return VARIABLE[kind];
}
