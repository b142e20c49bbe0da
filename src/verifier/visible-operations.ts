import { worstEffect } from "../operations/derive.js";
import type { AnyOperation } from "../operations/types.js";
import type { ResolvedOptions } from "./options.js";

/**
 * The operations a toolkit shows under its guardrails: under `read_only` only reads (tools that
 * can write are hidden, not just refused), and with `allowTools` only the listed tools.
 */
export function visibleOperations(
  ops: readonly AnyOperation[],
  options: Pick<ResolvedOptions, "policy" | "allowTools">,
): AnyOperation[] {
  const allowed = options.allowTools ? new Set(options.allowTools) : undefined;
  return ops.filter((op) => {
    if (allowed && !allowed.has(op.tool)) return false;
    if (options.policy === "read_only" && worstEffect(op) !== "read") return false;
    return true;
  });
}
