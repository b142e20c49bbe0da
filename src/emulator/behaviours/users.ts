import type { Behaviours } from "./types.js";

/** Filled in by the area's emulator work. */
export const usersBehaviours: Behaviours = {};
