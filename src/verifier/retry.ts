import type { Step } from "./context.js";

/** Placeholder until the Verifier work lands (H4a — retries and safe writes). */
export const retryAndReconcile: Step = (_ctx, next) => next();
