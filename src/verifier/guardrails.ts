import type { Step } from "./context.js";

/** Placeholder until the Verifier work lands (H4b — guardrails). */
export const guardrails: Step = (_ctx, next) => next();
