import type { Step } from "./context.js";

/** Placeholder until the Verifier work lands (H4b — report minimum poll interval cache). */
export const reportCache: Step = (_ctx, next) => next();
