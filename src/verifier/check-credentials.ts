import type { KeyKind } from "../operations/types.js";
import type { Step } from "./context.js";
import { ToolkitError } from "./errors.js";

const VARIABLE: Record<KeyKind, string> = { api: "ANTHROPIC_API_KEY", admin: "ANTHROPIC_ADMIN_KEY" };
const NAME: Record<KeyKind, string> = { api: "standard API key", admin: "Admin API key" };

/**
 * Refuses before sending when the needed key is missing or of the wrong kind (a standard key
 * where an admin key is needed, or the reverse). Messages name the variable, never the key.
 */
export const checkCredentials: Step = async (ctx, next) => {
  const kind = ctx.op.key;
  const key = await ctx.runtime.getKey(kind);
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

/** The environment variable that configures a key kind. */
export function keyVariable(kind: KeyKind): string {
  return VARIABLE[kind];
}
