import { z } from "zod";
import { defineOperation } from "./derive.js";
import { cursorPage, cursorPageInput, idField } from "./shared.js";
import type { ReadCall } from "./types.js";
import { snapshotSaw } from "./users.js";

/** `WorkspaceRole`: every role a member can hold. */
export const WorkspaceRoleSchema = z.enum([
  "workspace_admin",
  "workspace_billing",
  "workspace_developer",
  "workspace_restricted_developer",
  "workspace_user",
]);

/** `NoBillingWorkspaceRole`: the roles that can be given by hand. */
export const NoBillingWorkspaceRoleSchema = z.enum([
  "workspace_admin",
  "workspace_developer",
  "workspace_restricted_developer",
  "workspace_user",
]);

export const WorkspaceMemberSchema = z.object({
  type: z.literal("workspace_member"),
  user_id: z.string(),
  workspace_id: z.string(),
  workspace_role: WorkspaceRoleSchema,
});

export type WorkspaceMember = z.infer<typeof WorkspaceMemberSchema>;

export const WorkspaceMemberDeletedSchema = z.object({
  type: z.literal("workspace_member_deleted"),
  user_id: z.string(),
  workspace_id: z.string(),
});

const workspaceId = idField("Workspace id (wrkspc_…), from LIST_WORKSPACES.");
const userId = idField("User id (user_…) of an organization member, from LIST_USERS.");
const MEMBERS_PATH = "/v1/organizations/workspaces/{workspace_id}/members";

const roleHelp =
  "workspace_user (use the Workbench), workspace_restricted_developer (limited developer), workspace_developer (also manage keys), workspace_admin (manage the workspace).";

export const addWorkspaceMember = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_ADD_WORKSPACE_MEMBER",
  title: "Add a workspace member",
  group: "members",
  verb: "add",
  method: "POST",
  path: MEMBERS_PATH,
  key: "admin",
  input: z.object({
    workspace_id: workspaceId,
    user_id: userId,
    workspace_role: NoBillingWorkspaceRoleSchema.describe(`Role in the workspace: ${roleHelp} workspace_billing cannot be given.`),
  }),
  output: WorkspaceMemberSchema,
  effect: "write",
  idempotent: false,
  reconcile: async (input, read) => {
    const m = await readMember(read, input);
    return m && m.workspace_role === input.workspace_role ? { applied: true, data: m } : { applied: false };
  },
  description:
    "Give an organization member access to a workspace with a role. Only users of the organization can be added (unknown user: not_found_error; invite them first). Fails with invalid_request_error when the user is already a member, for organization admins (they hold workspace_admin in every workspace already), for archived workspaces and for the Default Workspace (access there follows the organization role). Needs the Admin API key.",
});

export const listWorkspaceMembers = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACE_MEMBERS",
  title: "List workspace members",
  group: "members",
  verb: "list",
  method: "GET",
  path: MEMBERS_PATH,
  key: "admin",
  input: z.object({ workspace_id: workspaceId, ...cursorPageInput }),
  output: cursorPage(WorkspaceMemberSchema),
  effect: "read",
  idempotent: true,
  pagination: "cursor",
  description:
    "List the members added to a workspace with their workspace roles, oldest first. Organization admins hold workspace_admin everywhere implicitly and are never listed (they cannot be added by hand); GET_WORKSPACE_MEMBER answers for them. Set all: true to walk every page. Needs the Admin API key.",
});

export const getWorkspaceMember = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE_MEMBER",
  title: "Get a workspace member",
  group: "members",
  verb: "get",
  method: "GET",
  path: `${MEMBERS_PATH}/{user_id}`,
  key: "admin",
  input: z.object({ workspace_id: workspaceId, user_id: userId }),
  output: WorkspaceMemberSchema,
  effect: "read",
  idempotent: true,
  description:
    "Get one user's role in a workspace. Organization admins answer workspace_admin and billing members workspace_billing even when never added. A user without access gives not_found_error. Needs the Admin API key.",
});

export const updateWorkspaceMember = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE_MEMBER",
  title: "Change a workspace member's role",
  group: "members",
  verb: "update",
  method: "POST",
  path: `${MEMBERS_PATH}/{user_id}`,
  key: "admin",
  input: z.object({
    workspace_id: workspaceId,
    user_id: userId,
    workspace_role: WorkspaceRoleSchema.describe(`New role: ${roleHelp} workspace_billing is refused: it is never assigned by hand.`),
  }),
  output: WorkspaceMemberSchema,
  effect: "write",
  idempotent: true,
  reconcile: async (input, read) => {
    const m = await readMember(read, input);
    return m && m.workspace_role === input.workspace_role ? { applied: true, data: m } : { applied: false };
  },
  description:
    "Change a member's role in a workspace. Organization admins' roles cannot be changed (they hold workspace_admin everywhere); billing members can only be raised to workspace_admin; workspace_billing cannot be assigned; archived workspaces refuse changes (all invalid_request_error). A user who is not a member gives not_found_error. Needs the Admin API key.",
});

export const removeWorkspaceMember = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_REMOVE_WORKSPACE_MEMBER",
  title: "Remove a workspace member",
  group: "members",
  verb: "remove",
  method: "DELETE",
  path: `${MEMBERS_PATH}/{user_id}`,
  key: "admin",
  input: z.object({ workspace_id: workspaceId, user_id: userId }),
  output: WorkspaceMemberDeletedSchema,
  effect: "destructive",
  idempotent: true,
  // The member before the call; a 404 here fails the remove at once (see `Snapshot`).
  snapshot: (input, read) => read("ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE_MEMBER", { workspace_id: input.workspace_id, user_id: input.user_id }),
  reconcile: async (input, read, before) => {
    const m = await readMember(read, input);
    // Gone now counts as removed by this call only when the snapshot saw the member (or none was taken).
    return m === undefined && snapshotSaw(before)
      ? { applied: true, data: { type: "workspace_member_deleted", user_id: input.user_id, workspace_id: input.workspace_id } }
      : { applied: false };
  },
  description:
    "Take a user's access to a workspace away; they stay in the organization and their API keys keep working (deactivate those with UPDATE_API_KEY). Organization admins and billing members cannot be removed (invalid_request_error); a user who is not a member gives not_found_error. Destructive: pass confirm: true. Needs the Admin API key.",
});

/** The member as the API answers it, or undefined when the user has no access (404). */
async function readMember(read: ReadCall, input: Record<string, unknown>): Promise<WorkspaceMember | undefined> {
  try {
    return (await read("ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE_MEMBER", {
      workspace_id: input.workspace_id,
      user_id: input.user_id,
    })) as WorkspaceMember;
  } catch (err) {
    if ((err as { type?: string }).type === "not_found_error" || (err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}

export const workspaceMemberOperations = [
  addWorkspaceMember,
  listWorkspaceMembers,
  getWorkspaceMember,
  updateWorkspaceMember,
  removeWorkspaceMember,
];
