import { z } from "zod";
import { defineOperation } from "./derive.js";
import { assignableRole, OrganizationRoleSchema, rolesFilter } from "./roles.js";
import { cursorPage, cursorPageInput, idField, timestamp } from "./shared.js";
import type { Reconcile, Snapshot } from "./types.js";
import { isNotFound, snapshotSaw } from "./users.js";

/** `OrganizationInvite`; `accepted_at` and `rbac_group_ids` arrived in 2026 and are optional for older servers. */
export const OrganizationInviteSchema = z.object({
  id: z.string(),
  type: z.literal("invite"),
  email: z.string(),
  role: OrganizationRoleSchema,
  status: z.enum(["accepted", "deleted", "expired", "pending"]),
  invited_at: timestamp,
  expires_at: timestamp,
  accepted_at: z.string().nullable().optional(),
  rbac_group_ids: z.array(z.string()).optional(),
});

export type OrganizationInvite = z.infer<typeof OrganizationInviteSchema>;

const inviteId = idField("Invite id (invite_…). Take ids from LIST_INVITES (filter by email).");

const reconcileCreate: Reconcile = async (input, read) => {
  const email = String(input.email).trim().toLowerCase();
  const page = (await read("ANTHROPIC_ADMINISTRATOR_LIST_INVITES", { email: input.email, statuses: ["pending"] })) as {
    data: OrganizationInvite[];
  };
  // Only an invite with our role is ours: another one would have made the create fail with invite_already_exists.
  const found = page.data.find((i) => i.email.toLowerCase() === email && i.role === input.role && i.status === "pending");
  return found ? { applied: true, data: found } : { applied: false };
};

export const createInvite = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_CREATE_INVITE",
  title: "Invite someone to the organization",
  group: "invites",
  verb: "create",
  method: "POST",
  path: "/v1/organizations/invites",
  key: "admin",
  input: z.object({
    email: z.email().describe("Email address of the person to invite."),
    role: assignableRole("Organization role the person gets when they accept."),
    rbac_group_ids: z
      .array(z.string().min(1))
      .optional()
      .describe("Claude Enterprise only: RBAC group ids to assign on acceptance. Leave out for Console organizations."),
  }),
  output: OrganizationInviteSchema,
  effect: "write",
  idempotent: false,
  reconcile: reconcileCreate,
  description:
    "Invite a person to the organization by email with an organization role; this is the only way to add members (there is no create-user call). The invite is pending until they accept it and expires 21 days after it is sent. admin cannot be granted by invite. Failures (invalid_request_error with details.error_code): invite_already_exists when a pending invite to that email exists (see LIST_INVITES; delete it first to change the role), already_member when the email already belongs to a member (change their role with UPDATE_USER instead), email_domain_not_allowed, org_member_limit_exceeded (pending invites count toward the cap). Returns the invite with status pending. Needs the Admin API key.",
});

export const listInvites = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_INVITES",
  title: "List invites",
  group: "invites",
  verb: "list",
  method: "GET",
  path: "/v1/organizations/invites",
  key: "admin",
  input: z.object({
    ...cursorPageInput,
    email: z.string().min(1).optional().describe("Only invites sent to this email address (case-insensitive)."),
    roles: rolesFilter,
    statuses: z
      .array(z.enum(["accepted", "expired", "pending"]))
      .min(1)
      .optional()
      .describe("Only invites in these states (OR'ed). Omitted: pending, accepted and expired; deleted invites are never listed."),
  }),
  output: cursorPage(OrganizationInviteSchema),
  effect: "read",
  idempotent: true,
  pagination: "cursor",
  description:
    "List the organization's invites (email, role, status, when sent, when they expire or were accepted), oldest first, with cursor pages. Filter by email, roles and statuses (pending, accepted, expired). Use it to find who has not accepted yet, to spot expired invites worth sending again, or to get an invite id for DELETE_INVITE. Deleted invites are never listed. Set all: true to walk every page. Needs the Admin API key.",
});

export const getInvite = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_INVITE",
  title: "Get an invite",
  group: "invites",
  verb: "get",
  method: "GET",
  path: "/v1/organizations/invites/{invite_id}",
  key: "admin",
  input: z.object({ invite_id: inviteId }),
  output: OrganizationInviteSchema,
  effect: "read",
  idempotent: true,
  description:
    "Get one invite by id: email, role, status (pending, accepted, expired, deleted), invited_at, expires_at and accepted_at. An unknown id gives not_found_error: take ids from LIST_INVITES. Needs the Admin API key.",
});

/** The invite before a delete; a 404 here fails the delete at once (see `Snapshot`). */
const snapshotDelete: Snapshot = (input, read) => read("ANTHROPIC_ADMINISTRATOR_GET_INVITE", { invite_id: input.invite_id });

const reconcileDelete: Reconcile = async (input, read, before) => {
  // Only an invite that was pending before the call can have been deleted by it (an invite
  // deleted earlier answers "deleted" too).
  const ours = snapshotSaw(before) && (before === undefined || (before as OrganizationInvite).status === "pending");
  try {
    const invite = (await read("ANTHROPIC_ADMINISTRATOR_GET_INVITE", { invite_id: input.invite_id })) as OrganizationInvite;
    return invite.status === "deleted" && ours ? { applied: true, data: { id: invite.id, type: "invite_deleted" } } : { applied: false };
  } catch (err) {
    if (isNotFound(err)) return ours ? { applied: true, data: { id: input.invite_id, type: "invite_deleted" } } : { applied: false };
    throw err;
  }
};

export const deleteInvite = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_DELETE_INVITE",
  title: "Delete a pending invite",
  group: "invites",
  verb: "delete",
  method: "DELETE",
  path: "/v1/organizations/invites/{invite_id}",
  key: "admin",
  input: z.object({ invite_id: inviteId }),
  output: z.object({ id: z.string(), type: z.literal("invite_deleted") }),
  effect: "destructive",
  idempotent: true,
  snapshot: snapshotDelete,
  reconcile: reconcileDelete,
  description:
    "Delete a pending invite so its link no longer works (for example to re-send it with a different role). Only pending invites can be deleted: an accepted, expired or already deleted invite gives invalid_request_error, and an unknown id gives not_found_error (take ids from LIST_INVITES with statuses [pending]). To take access away from someone who already accepted, use REMOVE_USER. Needs the Admin API key.",
});

export const inviteOperations = [createInvite, listInvites, getInvite, deleteInvite];
