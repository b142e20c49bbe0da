import { z } from "zod";

/** Every organization role the API reports (Console and Claude Enterprise alike). */
export const ORGANIZATION_ROLES = [
  "admin",
  "billing",
  "claude_code_user",
  "developer",
  "managed",
  "membership_admin",
  "owner",
  "primary_owner",
  "user",
] as const;

/** Roles the API lets a key assign: Console `user`, `developer`, `billing`, `claude_code_user`; Enterprise `user`, `managed`. */
export const ASSIGNABLE_ROLES = ["user", "developer", "billing", "claude_code_user", "managed"] as const;

/** A role as the API reports it. */
export const OrganizationRoleSchema = z.enum(ORGANIZATION_ROLES);

/** A role a user update or an invite may set; `admin` and the Enterprise owner roles are refused. */
export function assignableRole(what: string) {
  return z
    .enum(ASSIGNABLE_ROLES, {
      error: (issue) =>
        issue.input === "admin"
          ? "admin cannot be assigned through the API (give it in the Console); use user, developer, billing or claude_code_user (Console) or user, managed (Claude Enterprise)"
          : undefined,
    })
    .describe(
      `${what} Console organizations accept user, developer, billing and claude_code_user; Claude Enterprise organizations accept user and managed. admin can never be assigned through the API.`,
    );
}

/** The `roles[]` filter of user and invite lists (values OR'ed). */
export const rolesFilter = z
  .array(OrganizationRoleSchema)
  .min(1)
  .optional()
  .describe(
    "Only items whose role is one of these (OR'ed). Console organizations use user, developer, billing, admin, claude_code_user; Claude Enterprise organizations use user, owner, primary_owner, membership_admin, managed.",
  );
