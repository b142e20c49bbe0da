import type { Hono } from "hono";
import type { ControlEnv } from "./types.js";

/** Placeholder until the control routes land (H4a — fault rules). */
export function mountFaults(_app: Hono, _env: ControlEnv): void {}
