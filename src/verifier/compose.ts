import type { CallContext, Step } from "./context.js";

/**
 * Chains steps of shape `(ctx, next)`. Unlike hono's compose, `next` may be called more than
 * once: the retry and pagination steps re-run the rest of the chain per attempt or page.
 */
export function compose(steps: readonly Step[]): (ctx: CallContext) => Promise<void> {
  const run = (i: number, ctx: CallContext): Promise<void> => {
    const step = steps[i];
    if (!step) return Promise.resolve();
    return step(ctx, () => run(i + 1, ctx));
  };
  return (ctx) => run(0, ctx);
}
