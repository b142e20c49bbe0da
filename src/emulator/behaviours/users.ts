import { invalidRequest, notFound } from "../api-error.js";
import type { EmulatorState, UserRecord } from "../state.js";
import { publicView } from "../state.js";
import type { Behaviours } from "./types.js";

/** Organization type: Console (the default) or Claude Enterprise, which accept different roles. */
export type OrganizationType = "console" | "enterprise";

/** Roles each organization type lets an Admin key assign (reference §10.2). */
const ASSIGNABLE: Record<OrganizationType, ReadonlySet<string>> = {
  console: new Set(["user", "developer", "billing", "claude_code_user"]),
  enterprise: new Set(["user", "managed"]),
};

/** The emulated organization's type, kept in `state.extra` so tests can switch it. */
export function organizationType(state: EmulatorState): OrganizationType {
  return state.extra.get("organization:type") === "enterprise" ? "enterprise" : "console";
}

/** Refuses a role the organization type cannot assign through the API (400). */
export function checkAssignableRole(state: EmulatorState, role: string): void {
  const type = organizationType(state);
  if (role === "admin") throw invalidRequest("role: admin cannot be assigned through the API; give it in the Console.");
  if (!ASSIGNABLE[type].has(role)) {
    const allowed = [...ASSIGNABLE[type]].join(", ");
    throw invalidRequest(`role: ${role} is not accepted for a ${type === "console" ? "Console" : "Claude Enterprise"} organization; use one of ${allowed}.`);
  }
}

/** Emails match normalized: trimmed and case-insensitive. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A predicate matching a normalized email. Stored emails are trimmed; the comparison folds
 * ASCII case character by character and stops at the first difference, so scanning a
 * 100,000-member organization allocates nothing.
 */
export function emailMatcher(email: string): (stored: string) => boolean {
  const wanted = normalizeEmail(email);
  return (stored) => {
    if (stored.length !== wanted.length) return false;
    for (let i = 0; i < stored.length; i++) {
      let a = stored.charCodeAt(i);
      const b = wanted.charCodeAt(i);
      if (a === b) continue;
      if (a >= 65 && a <= 90) a += 32;
      if (a === b) continue;
      if (a > 127 || b > 127) return stored.toLowerCase() === wanted;
      return false;
    }
    return true;
  };
}

/** The member with this email, if any (a linear scan: membership checks are rare next to pages). */
export function findUserByEmail(state: EmulatorState, email: string): UserRecord | undefined {
  const matches = emailMatcher(email);
  return state.users.all().find((u) => matches(u.email));
}

/** The user or a 404 naming the id. */
export function requireUser(state: EmulatorState, id: string): UserRecord {
  const user = state.users.get(id);
  if (!user) throw notFound(`user_id: no user ${id} in this organization`);
  return user;
}

/** A display name from an email's local part (`ada.lovelace@…` → `Ada Lovelace`). */
export function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" ");
}

/**
 * Removes a member with the documented side effects: they leave every workspace and their
 * personal API keys (principal `user_actor`) are archived.
 */
export function removeMember(state: EmulatorState, user: UserRecord): void {
  for (const m of [...state.members.all()]) if (m.user_id === user.id) state.members.remove(`${m.workspace_id}:${m.user_id}`);
  for (const k of state.apiKeys.all()) {
    if (k.principal?.type === "user_actor" && k.principal.user_id === user.id && k.status !== "archived") {
      state.apiKeys.update({ ...k, status: "archived" });
    }
  }
  state.users.remove(user.id);
}

export const usersBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_LIST_USERS: ({ input, state }) => {
    const email = input.email ? emailMatcher(input.email) : undefined;
    const roles = input.roles?.length ? new Set<string>(input.roles) : undefined;
    const filter = email || roles ? (u: UserRecord) => (!email || email(u.email)) && (!roles || roles.has(u.role)) : undefined;
    return state.users.page(input, { filter, map: publicView });
  },
  ANTHROPIC_ADMINISTRATOR_GET_USER: ({ input, state }) => publicView(requireUser(state, input.user_id)),
  ANTHROPIC_ADMINISTRATOR_UPDATE_USER: ({ input, state }) => {
    const user = requireUser(state, input.user_id);
    checkAssignableRole(state, input.role);
    if (user.role === "admin") {
      throw invalidRequest(`${user.email} holds the admin role, which cannot be changed through the API; change it in the Console.`);
    }
    return publicView(state.users.update({ ...user, role: input.role }));
  },
  ANTHROPIC_ADMINISTRATOR_REMOVE_USER: ({ input, state }) => {
    const user = requireUser(state, input.user_id);
    if (state.users.size <= 1) {
      throw invalidRequest(`${user.email} is the organization's only member; add another member before removing them.`, "cannot_remove_last_member");
    }
    if (user.role === "admin") {
      throw invalidRequest(`${user.email} holds the admin role; admins cannot be removed through the API (remove them in the Console).`);
    }
    removeMember(state, user);
    return { id: user.id, type: "user_deleted" };
  },
};
