import type { Step } from "./context.js";

/** Placeholder until the Verifier work lands (H4b — rate-limit governor). */
export const governor: Step = (_ctx, next) => next();
