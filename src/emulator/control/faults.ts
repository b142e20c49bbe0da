import type { Hono } from "hono";
import { parseFaultRules } from "../faults/rules.js";
import { faultService } from "../faults/service.js";
import type { ControlEnv } from "./types.js";

/**
 * `/_emulator/faults`: list rules with their counters and the log of fired faults (GET), add
 * rules in the `--faults FILE` format (POST: one rule, a list, or `{seed, rules}`), remove all
 * rules, revoked keys and the log (DELETE), or one rule (DELETE /_emulator/faults/:id).
 */
export function mountFaults(app: Hono, env: ControlEnv): void {
  const svc = () => faultService(env.services);
  app.get("/_emulator/faults", (c) => c.json({ rules: svc().list(), fired: svc().log, revoked_keys: svc().revoked.size }));
  app.post("/_emulator/faults", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(controlError("The body must be JSON: a fault rule, a list of rules, or {seed, rules}."), 400);
    }
    try {
      const added = svc().load(parseFaultRules(body));
      return c.json({ added });
    } catch (err) {
      return c.json(controlError((err as Error).message), 400);
    }
  });
  app.delete("/_emulator/faults", (c) => {
    svc().clear();
    return c.json({ cleared: true });
  });
  app.delete("/_emulator/faults/:id", (c) => {
    const removed = svc().remove(c.req.param("id"));
    return removed ? c.json({ removed: c.req.param("id") }) : c.json(controlError(`No fault rule ${c.req.param("id")}.`), 404);
  });
}

function controlError(message: string) {
  return { type: "error", error: { type: "invalid_request_error", message } };
}
