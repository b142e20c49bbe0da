import type { Hono } from "hono";
import { MAX_BUCKETS_KEY } from "../reports/buckets.js";
import { SYNTHETIC_KEY } from "../reports/rows.js";
import type { ControlEnv } from "./types.js";

/**
 * `/_emulator/reports`: report levers. `max_buckets` makes usage and cost pages above that many
 * buckets fail with 400 `report_page_too_large` (to exercise a client's shrink-and-retry);
 * null lifts it. GET also tells how much usage history there is.
 */
export function mountReports(app: Hono, env: ControlEnv): void {
  const view = () => ({
    max_buckets: (env.state.extra.get(MAX_BUCKETS_KEY) as number | undefined) ?? null,
    synthetic_rows: ((env.state.extra.get(SYNTHETIC_KEY) as unknown[] | undefined) ?? []).length,
    recorded_events: env.state.usage.length,
  });
  app.get("/_emulator/reports", (c) => c.json(view()));
  app.post("/_emulator/reports", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { max_buckets?: unknown };
    if (body.max_buckets === null) env.state.extra.delete(MAX_BUCKETS_KEY);
    else if (typeof body.max_buckets === "number" && Number.isInteger(body.max_buckets) && body.max_buckets >= 1) {
      env.state.extra.set(MAX_BUCKETS_KEY, body.max_buckets);
    } else if (body.max_buckets !== undefined) {
      return c.json({ type: "error", error: { type: "invalid_request_error", message: "max_buckets: a positive integer, or null to lift the cap" } }, 400);
    }
    return c.json(view());
  });
}
