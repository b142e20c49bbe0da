import type { Context, Hono } from "hono";
import { ApiError, errorEnvelope, invalidRequest } from "../api-error.js";
import { inviteStatus, inviteView, requireInvite } from "../behaviours/invites.js";
import { findUserByEmail, nameFromEmail } from "../behaviours/users.js";
import { seedScaleUsers } from "../seed/people.js";
import { ORGANIZATION_ROLES } from "../../operations/roles.js";
import { publicView } from "../state.js";
import type { ControlEnv } from "./types.js";

/** Most members `/_emulator/seed` adds at once. */
const MAX_SEED_USERS = 1_000_000;

/**
 * People levers only a person has in real life, under `/_emulator/`:
 * - `POST /_emulator/invites/{invite_id}/accept` `{name?}`: the invitee accepts; creates the member.
 * - `POST /_emulator/users` `{email, role?, name?}`: adds a member directly (tests; any role, even admin).
 * - `POST /_emulator/seed` `{users?}`: rebuilds the demo organization plus `users` extra members.
 * Failures use the API's error envelope.
 */
export function mountOrganization(app: Hono, env: ControlEnv): void {
  app.post("/_emulator/invites/:invite_id/accept", (c) =>
    guarded(c, env, async () => {
      const body = await readBody(c);
      const { state } = env;
      const now = state.clock.now();
      const invite = requireInvite(state, c.req.param("invite_id"));
      const status = inviteStatus(invite, now);
      if (status !== "pending") throw invalidRequest(`Invite ${invite.id} is ${status}; only a pending invite can be accepted.`);
      const existing = findUserByEmail(state, invite.email);
      if (existing) throw invalidRequest(`${invite.email} already belongs to a member (${existing.id}).`, "already_member");
      const user = state.users.insert({
        id: env.newId("user"),
        type: "user",
        email: invite.email,
        name: typeof body.name === "string" && body.name.trim() ? body.name.trim() : nameFromEmail(invite.email),
        role: invite.role,
        added_at: state.clock.iso(now),
      });
      const accepted = state.invites.update({ ...invite, status: "accepted", accepted_at: state.clock.iso(now) });
      return { invite: inviteView(accepted, now), user: publicView(user) };
    }),
  );

  app.post("/_emulator/users", (c) =>
    guarded(c, env, async () => {
      const body = await readBody(c);
      const { state } = env;
      if (typeof body.email !== "string" || !/^[^@\s]+@[^@\s]+$/.test(body.email.trim())) {
        throw invalidRequest("email: a valid email address is required");
      }
      const email = body.email.trim();
      const role = body.role ?? "user";
      if (typeof role !== "string" || !(ORGANIZATION_ROLES as readonly string[]).includes(role)) {
        throw invalidRequest(`role: expected one of ${ORGANIZATION_ROLES.join(", ")}`);
      }
      const existing = findUserByEmail(state, email);
      if (existing) throw invalidRequest(`${email} already belongs to a member (${existing.id}).`, "already_member");
      const user = state.users.insert({
        id: env.newId("user"),
        type: "user",
        email,
        name: typeof body.name === "string" && body.name.trim() ? body.name.trim() : nameFromEmail(email),
        role,
        added_at: state.clock.iso(),
      });
      return publicView(user);
    }),
  );

  app.post("/_emulator/seed", (c) =>
    guarded(c, env, async () => {
      const body = await readBody(c);
      const users = body.users ?? 0;
      if (typeof users !== "number" || !Number.isInteger(users) || users < 0 || users > MAX_SEED_USERS) {
        throw invalidRequest(`users: expected an integer from 0 to ${MAX_SEED_USERS}`);
      }
      const started = performance.now();
      env.reset();
      if (users > 0) seedScaleUsers(env.state, users, env.random, env.state.clock.now());
      return { seeded: { users: env.state.users.size, invites: env.state.invites.size }, ms: Math.round(performance.now() - started) };
    }),
  );
}

async function readBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidRequest("The request body is not valid JSON.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidRequest("The request body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

/** Runs a control handler and answers failures in the API's error envelope. */
async function guarded(c: Context, env: ControlEnv, handler: () => Promise<unknown>): Promise<Response> {
  try {
    return c.json(await handler());
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const requestId = env.newId("req");
    return new Response(JSON.stringify(errorEnvelope(err, requestId)), {
      status: err.status,
      headers: { "content-type": "application/json", "request-id": requestId },
    });
  }
}
