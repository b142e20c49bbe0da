import type { EmulatorHook } from "./hooks.js";

/** Placeholder until the emulator's rate limiter lands (H4b): no limits, no headers. */
export function createRateLimitHook(_services: Map<string, unknown>): EmulatorHook {
  return { name: "rate-limit" };
}
