import { z } from "zod";
import { defineOperation } from "./derive.js";
import { assignableRole, OrganizationRoleSchema, rolesFilter } from "./roles.js";
import { cursorPage, cursorPageInput, idField, timestamp } from "./shared.js";
import type { Reconcile, Snapshot } from "./types.js";

/** `OrganizationUser`: a member of the organization. */
export const OrganizationUserSchema = z.object({
  id: z.string(),
  type: z.literal("user"),
  email: z.string(),
  name: z.string(),
  role: OrganizationRoleSchema,
  added_at: timestamp,
});

export type OrganizationUser = z.infer<typeof OrganizationUserSchema>;

const userId = idField("User id (user_…). Take ids from LIST_USERS; search by email there when you only know the address.");

/** True for the not_found_error a read of a missing object throws. */
export function isNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { type?: unknown }).type === "not_found_error";
}

export const listUsers = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_USERS",
  title: "List organization members",
  group: "users",
  verb: "list",
  method: "GET",
  path: "/v1/organizations/users",
  key: "admin",
  input: z.object({
    ...cursorPageInput,
    email: z
      .string()
      .min(1)
      .optional()
      .describe("Only the member with this email address (normalized, case-insensitive match)."),
    roles: rolesFilter,
  }),
  output: cursorPage(OrganizationUserSchema),
  effect: "read",
  idempotent: true,
  pagination: "cursor",
  description:
    "List the members of the organization (id, email, name, organization role, when they joined), oldest first, one page at a time (after_id/before_id cursors, limit up to 1000). Filter by email to find one person's user id, or by roles (OR'ed) to audit who holds developer, billing or admin. Set all: true to walk every page (bounded by max_items). People who were invited but have not accepted are not members: see LIST_INVITES. Needs the Admin API key (ANTHROPIC_ADMIN_KEY).",
});

export const getUser = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_USER",
  title: "Get an organization member",
  group: "users",
  verb: "get",
  method: "GET",
  path: "/v1/organizations/users/{user_id}",
  key: "admin",
  input: z.object({ user_id: userId }),
  output: OrganizationUserSchema,
  effect: "read",
  idempotent: true,
  description:
    "Get one member of the organization by user id: email, name, organization role and when they joined. An unknown or removed id gives not_found_error: take ids from LIST_USERS (filter by email). Needs the Admin API key.",
});

const reconcileUpdate: Reconcile = async (input, read) => {
  try {
    const user = (await read("ANTHROPIC_ADMINISTRATOR_GET_USER", { user_id: input.user_id })) as OrganizationUser;
    return user.role === input.role ? { applied: true, data: user } : { applied: false };
  } catch (err) {
    if (isNotFound(err)) return { applied: false };
    throw err;
  }
};

export const updateUser = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_UPDATE_USER",
  title: "Change a member's organization role",
  group: "users",
  verb: "update",
  method: "POST",
  path: "/v1/organizations/users/{user_id}",
  key: "admin",
  input: z.object({
    user_id: userId,
    role: assignableRole("The member's new organization role."),
  }),
  output: OrganizationUserSchema,
  effect: "write",
  idempotent: true,
  reconcile: reconcileUpdate,
  description:
    "Change a member's organization role (the Console's member role, not a workspace role: for those use the workspace-member tools). Console organizations accept user, developer, billing and claude_code_user; Claude Enterprise organizations accept user and managed. admin can never be granted through the API, and members who hold admin cannot be changed through it. Failures: not_found_error for an unknown id (take ids from LIST_USERS), invalid_request_error for a role the organization type does not accept. Returns the updated member. Needs the Admin API key.",
});

/**
 * True unless a snapshot was taken and did not see the target: without one (no snapshot, or its
 * read failed) a 404 after the call is taken as the call's doing, as before snapshots existed.
 */
export function snapshotSaw(before: unknown): boolean {
  return before === undefined || (typeof before === "object" && before !== null);
}

/** The member before a remove; a 404 here fails the remove at once (see `Snapshot`). */
const snapshotRemove: Snapshot = (input, read) => read("ANTHROPIC_ADMINISTRATOR_GET_USER", { user_id: input.user_id });

const reconcileRemove: Reconcile = async (input, read, before) => {
  try {
    await read("ANTHROPIC_ADMINISTRATOR_GET_USER", { user_id: input.user_id });
    return { applied: false };
  } catch (err) {
    // Gone now, and there before the call: removed by it.
    if (isNotFound(err) && snapshotSaw(before)) return { applied: true, data: { id: input.user_id, type: "user_deleted" } };
    if (isNotFound(err)) return { applied: false };
    throw err;
  }
};

export const removeUser = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_REMOVE_USER",
  title: "Remove a member from the organization",
  group: "users",
  verb: "remove",
  method: "DELETE",
  path: "/v1/organizations/users/{user_id}",
  key: "admin",
  input: z.object({ user_id: userId }),
  output: z.object({ id: z.string(), type: z.literal("user_deleted") }),
  effect: "destructive",
  idempotent: true,
  snapshot: snapshotRemove,
  reconcile: reconcileRemove,
  description:
    "Remove a member from the organization. Irreversible: they lose access at once, leave every workspace, and their personal API keys are archived (not restored if they are invited again). Offboarding order that keeps a record: list their workspace memberships and keys first, then remove. Failures: invalid_request_error with error_code cannot_remove_last_member when they are the only member; invalid_request_error for members holding admin (remove those in the Console); not_found_error for an unknown id (take ids from LIST_USERS); permission_error api_key_requester_unconfirmed (safe to send again). Needs the Admin API key.",
});

export const userOperations = [listUsers, getUser, updateUser, removeUser];
