import type { Hono } from "hono";
import { mountApiKeys } from "./api-keys.js";
import { mountClock } from "./clock.js";
import { mountFaults } from "./faults.js";
import { mountOrganization } from "./organization.js";
import { mountReports } from "./reports.js";
import { mountScenario } from "./scenario.js";
import type { ControlEnv } from "./types.js";

/**
 * The `/_emulator/` control surface: what only a person can do in real life (accept an invite,
 * mint an API key), and test levers (clock, reset, faults). Never mixed with Anthropic's paths.
 */
export function mountControl(app: Hono, env: ControlEnv): void {
  app.get("/_emulator", (c) =>
    c.json({
      organization: env.state.organization,
      counts: {
        users: env.state.users.size,
        invites: env.state.invites.size,
        workspaces: env.state.workspaces.size,
        api_keys: env.state.apiKeys.size,
        usage_events: env.state.usage.length,
      },
      now: env.state.clock.iso(),
    }),
  );
  app.post("/_emulator/reset", (c) => {
    env.reset();
    return c.json({ reset: true });
  });
  mountClock(app, env);
  mountOrganization(app, env);
  mountApiKeys(app, env);
  mountFaults(app, env);
  mountReports(app, env);
  mountScenario(app, env);
}
