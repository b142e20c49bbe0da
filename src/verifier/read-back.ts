import type { CallContext } from "./context.js";
import { type Before, reconcileWrite } from "./reconcile-write.js";

/**
 * Confirms a successful write by reading it back through the operation's `reconcile`
 * (`options.readBack`, default on). Sets `meta.confirmed`: true when the state shows the change,
 * false when it does not (and warns). A read-back that cannot run leaves `confirmed` unset and
 * warns; it never turns a successful write into a failure. `before` is the snapshot taken before
 * the first attempt, so a create is not confirmed by an object that was already there.
 */
export async function readBack(ctx: CallContext, before?: Before): Promise<void> {
  if (!ctx.runtime.options.readBack || !ctx.op.reconcile || ctx.internal || ctx.meta.dry_run) return;
  const verdict = await reconcileWrite(ctx, before);
  if (verdict.kind === "applied") {
    ctx.meta.confirmed = true;
    return;
  }
  if (verdict.kind === "not_applied") {
    ctx.meta.confirmed = false;
    ctx.runtime.warnOnce(`read-back:${ctx.op.tool}`, `${ctx.op.tool} answered success but reading it back did not show the change yet.`);
    return;
  }
  ctx.runtime.warnOnce(`read-back-failed:${ctx.op.tool}`, `Could not read back ${ctx.op.tool} to confirm it: ${verdict.error.message}`);
}
