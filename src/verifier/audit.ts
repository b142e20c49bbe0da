import type { Step } from "./context.js";

/** Placeholder until the Verifier work lands (H4b — audit log). */
export const audit: Step = (_ctx, next) => next();
