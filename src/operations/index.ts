import { apiKeyOperations } from "./api-keys.js";
import { inviteOperations } from "./invites.js";
import { messageOperations } from "./messages.js";
import { modelOperations } from "./models.js";
import { organizationOperations } from "./organization.js";
import { rateLimitOperations } from "./rate-limits.js";
import { reportOperations } from "./reports.js";
import type { AnyOperation } from "./types.js";
import { userOperations } from "./users.js";
import { workspaceMemberOperations } from "./workspace-members.js";
import { workspaceOperations } from "./workspaces.js";

/** The union of every registry entry's precise type (drives the typed client). */
export type RegistryOperation =
  | (typeof messageOperations)[number]
  | (typeof modelOperations)[number]
  | (typeof organizationOperations)[number]
  | (typeof userOperations)[number]
  | (typeof inviteOperations)[number]
  | (typeof workspaceOperations)[number]
  | (typeof workspaceMemberOperations)[number]
  | (typeof apiKeyOperations)[number]
  | (typeof rateLimitOperations)[number]
  | (typeof reportOperations)[number];

/** Every operation, in the order tools and help list them. */
export const operations: readonly AnyOperation[] = Object.freeze([
  ...messageOperations,
  ...modelOperations,
  ...organizationOperations,
  ...userOperations,
  ...inviteOperations,
  ...workspaceOperations,
  ...workspaceMemberOperations,
  ...apiKeyOperations,
  ...rateLimitOperations,
  ...reportOperations,
]);

const byTool = new Map(operations.map((op) => [op.tool, op]));

/** The operation behind a tool name, or undefined. */
export function findOperation(tool: string): AnyOperation | undefined {
  return byTool.get(tool);
}

/** The operation behind a CLI group and verb (`api-keys`, `update`), or undefined. */
export function findByCommand(group: string, verb: string): AnyOperation | undefined {
  return operations.find((op) => op.group === group && op.verb === verb);
}
