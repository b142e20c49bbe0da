import type { EmulatorHook } from "../hooks.js";

/** Placeholder until fault injection lands (H4a): no faults. */
export function createFaultHook(_services: Map<string, unknown>): EmulatorHook {
  return { name: "faults" };
}
