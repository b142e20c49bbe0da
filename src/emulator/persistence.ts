import type { EmulatorState } from "./state.js";

/** Placeholder until SQLite persistence lands (H2a): always seeds a fresh organization. */
export function attachPersistence(_state: EmulatorState, _path: string, seed: () => void): { close(): void } {
  seed();
  return { close() {} };
}
