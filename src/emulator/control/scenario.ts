import type { Hono } from "hono";
import { clearScenario, installScenario, parseScenario, scenarioStatus } from "../responder/scenario.js";
import type { ControlEnv } from "./types.js";

/**
 * `/_emulator/scenario`: script the Messages responder for agent tests. POST installs a
 * scenario (`{turns:[{content, stop_reason?}], on_exhausted?}`), GET shows progress, DELETE
 * goes back to the echo responder.
 */
export function mountScenario(app: Hono, env: ControlEnv): void {
  app.get("/_emulator/scenario", (c) => c.json(scenarioStatus(env.state)));
  app.post("/_emulator/scenario", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ type: "error", error: { type: "invalid_request_error", message: "The request body is not valid JSON." } }, 400);
    }
    try {
      installScenario(env.state, parseScenario(body));
    } catch (err) {
      return c.json({ type: "error", error: { type: "invalid_request_error", message: (err as Error).message } }, 400);
    }
    return c.json(scenarioStatus(env.state));
  });
  app.delete("/_emulator/scenario", (c) => {
    clearScenario(env.state);
    return c.json(scenarioStatus(env.state));
  });
}
