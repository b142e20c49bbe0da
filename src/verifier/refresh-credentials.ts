import type { Step } from "./context.js";

/** Placeholder until the Verifier work lands (H4b — 401 re-read). */
export const refreshCredentials: Step = (_ctx, next) => next();
