import { invalidRequest, notFound } from "../api-error.js";
import type { EmulatorState, InviteRecord } from "../state.js";
import { publicView } from "../state.js";
import type { Behaviours } from "./types.js";
import { checkAssignableRole, emailMatcher, findUserByEmail, organizationType } from "./users.js";

/** Invites expire 21 days after they are sent (fixed; reference §10.3). */
export const INVITE_TTL_MS = 21 * 86_400_000;

const DEFAULT_STATUSES = ["accepted", "expired", "pending"];

/** The status at `now`: a pending invite past `expires_at` reads as expired (computed from the emulator clock). */
export function inviteStatus(invite: InviteRecord, now: number): InviteRecord["status"] {
  return invite.status === "pending" && now >= Date.parse(invite.expires_at) ? "expired" : invite.status;
}

/** The invite as the API shows it at `now`. */
export function inviteView(invite: InviteRecord, now: number): InviteRecord {
  return { ...publicView(invite), status: inviteStatus(invite, now) };
}

/** The invite or a 404 naming the id. */
export function requireInvite(state: EmulatorState, id: string): InviteRecord {
  const invite = state.invites.get(id);
  if (!invite) throw notFound(`invite_id: no invite ${id} in this organization`);
  return invite;
}

/** A pending, unexpired invite to this email, if any. */
export function findPendingInvite(state: EmulatorState, email: string, now: number): InviteRecord | undefined {
  const matches = emailMatcher(email);
  return state.invites.all().find((i) => matches(i.email) && inviteStatus(i, now) === "pending");
}

export const invitesBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_CREATE_INVITE: ({ input, state, now, newId }) => {
    const email = String(input.email).trim();
    checkAssignableRole(state, input.role);
    const groups: string[] = input.rbac_group_ids ?? [];
    if (groups.length > 0 && organizationType(state) !== "enterprise") {
      throw invalidRequest("rbac_group_ids: RBAC groups exist only in Claude Enterprise organizations; leave it empty.");
    }
    const member = findUserByEmail(state, email);
    if (member) {
      throw invalidRequest(`${email} already belongs to a member of this organization (${member.id}).`, "already_member");
    }
    const pending = findPendingInvite(state, email, now);
    if (pending) {
      throw invalidRequest(`A pending invite for ${email} already exists (${pending.id}).`, "invite_already_exists");
    }
    const invite = state.invites.insert({
      id: newId("invite"),
      type: "invite",
      email,
      role: input.role,
      status: "pending",
      invited_at: state.clock.iso(now),
      expires_at: state.clock.iso(now + INVITE_TTL_MS),
      accepted_at: null,
      rbac_group_ids: groups,
    });
    return inviteView(invite, now);
  },
  ANTHROPIC_ADMINISTRATOR_LIST_INVITES: ({ input, state, now }) => {
    const statuses = new Set<string>(input.statuses?.length ? input.statuses : DEFAULT_STATUSES);
    const email = input.email ? emailMatcher(input.email) : undefined;
    const roles = input.roles?.length ? new Set<string>(input.roles) : undefined;
    return state.invites.page(input, {
      filter: (i) => statuses.has(inviteStatus(i, now)) && (!email || email(i.email)) && (!roles || roles.has(i.role)),
      map: (i) => inviteView(i, now),
    });
  },
  ANTHROPIC_ADMINISTRATOR_GET_INVITE: ({ input, state, now }) => inviteView(requireInvite(state, input.invite_id), now),
  ANTHROPIC_ADMINISTRATOR_DELETE_INVITE: ({ input, state, now }) => {
    const invite = requireInvite(state, input.invite_id);
    const status = inviteStatus(invite, now);
    if (status !== "pending") {
      throw invalidRequest(`Invite ${invite.id} is ${status}; only pending invites can be deleted.`);
    }
    state.invites.update({ ...invite, status: "deleted" });
    return { id: invite.id, type: "invite_deleted" };
  },
};
