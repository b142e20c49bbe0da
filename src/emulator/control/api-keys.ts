import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import { ApiError, errorEnvelope, invalidRequest, notFound } from "../api-error.js";
import { apiKeyView } from "../behaviours/api-keys.js";
import { defaultWorkspace } from "../behaviours/workspaces.js";
import { newApiKeyRecord } from "../seed/workspaces.js";
import type { ControlEnv } from "./types.js";

interface MintBody {
  name?: unknown;
  workspace_id?: unknown;
  user_id?: unknown;
  expires_at?: unknown;
}

/**
 * `/_emulator/api-keys`: what only the Console can do. `POST /_emulator/api-keys` mints a key
 * (`{name, workspace_id?, user_id?, expires_at?}`; workspace defaults to the Default Workspace,
 * user to the first organization admin) and answers the record plus the secret once as `key`.
 * `POST /_emulator/api-keys/{id}/expire` makes a key expire now.
 */
export function mountApiKeys(app: Hono, env: ControlEnv): void {
  app.post("/_emulator/api-keys", (c) =>
    guarded(c, env, async () => {
      const body = (await c.req.json().catch(() => ({}))) as MintBody;
      const { state } = env;
      if (typeof body.name !== "string" || body.name.length < 1 || body.name.length > 500) {
        throw invalidRequest("name: a string of 1 to 500 characters is required.");
      }
      const wsId = typeof body.workspace_id === "string" ? body.workspace_id : defaultWorkspace(state)?.id;
      const ws = wsId ? state.workspaces.get(wsId) : undefined;
      if (!ws) throw notFound(`Workspace ${String(wsId)} not found.`);
      if (ws.archived_at !== null) throw invalidRequest(`Workspace ${ws.id} is archived; keys cannot be created in it.`);
      const user =
        typeof body.user_id === "string" ? state.users.get(body.user_id) : state.users.all().find((u) => u.role === "admin");
      if (typeof body.user_id === "string" && !user) throw notFound(`User ${body.user_id} is not a member of this organization.`);
      let expiresAt: string | null = null;
      if (body.expires_at !== undefined && body.expires_at !== null) {
        const ms = typeof body.expires_at === "string" ? Date.parse(body.expires_at) : Number.NaN;
        if (Number.isNaN(ms)) throw invalidRequest("expires_at: an RFC 3339 timestamp is required.");
        expiresAt = state.clock.iso(ms);
      }
      // Minted secrets come from the OS random source: they are real credentials for this emulator.
      const secret = `sk-ant-api03-${randomBytes(30).toString("base64url")}`;
      const record = newApiKeyRecord(state, {
        id: env.newId("apikey"),
        name: body.name,
        secret,
        workspaceId: ws.id,
        userId: user?.id ?? null,
        createdAt: state.clock.now(),
        expiresAt,
      });
      state.apiKeys.insert(record);
      return c.json({ ...apiKeyView(state, record), key: secret });
    }),
  );

  app.post("/_emulator/api-keys/:id/expire", (c) =>
    guarded(c, env, async () => {
      const { state } = env;
      const key = state.apiKeys.get(c.req.param("id"));
      if (!key) throw notFound(`API key ${c.req.param("id")} not found.`);
      if (key.status === "archived") throw invalidRequest(`API key ${key.id} is archived; it cannot expire.`);
      const updated = state.apiKeys.update({ ...key, status: "expired", expires_at: state.clock.iso() });
      return c.json(apiKeyView(state, updated));
    }),
  );
}

/** Answers ApiErrors with Anthropic's envelope, so control-surface callers parse one error shape. */
async function guarded(c: Context, env: ControlEnv, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const requestId = env.newId("req");
    return c.json(errorEnvelope(err, requestId), err.status as 400);
  }
}
