import type { Hono } from "hono";
import type { ControlEnv } from "./types.js";

/** Placeholder until the control routes land (H2b — mint API keys). */
export function mountApiKeys(_app: Hono, _env: ControlEnv): void {}
