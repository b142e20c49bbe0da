import type { Hono } from "hono";
import type { ControlEnv } from "./types.js";

/** Placeholder until the control routes land (H2a — accept invites, seed). */
export function mountOrganization(_app: Hono, _env: ControlEnv): void {}
