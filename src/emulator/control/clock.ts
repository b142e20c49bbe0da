import type { Hono } from "hono";
import type { ControlEnv } from "./types.js";

/** `/_emulator/clock`: read, move or freeze the emulator's clock (invite expiry, report buckets). */
export function mountClock(app: Hono, env: ControlEnv): void {
  app.get("/_emulator/clock", (c) => c.json({ now: env.state.clock.iso() }));
  app.post("/_emulator/clock", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { advance_ms?: number; advance_days?: number; set?: string | null };
    if (typeof body.advance_ms === "number") env.state.clock.advance(body.advance_ms);
    if (typeof body.advance_days === "number") env.state.clock.advance(body.advance_days * 86_400_000);
    if (body.set !== undefined) env.state.clock.set(body.set === null ? undefined : Date.parse(body.set));
    return c.json({ now: env.state.clock.iso() });
  });
}
