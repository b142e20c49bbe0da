import type { EmulatorState } from "../state.js";

/** What control-surface routes can reach. */
export interface ControlEnv {
  state: EmulatorState;
  newId: (prefix: string) => string;
  random: () => number;
  /** Rebuilds the organization from its seed. */
  reset: () => void;
  /** Free-form per-module services (fault registry, rate limiter), keyed by module name. */
  services: Map<string, unknown>;
}
