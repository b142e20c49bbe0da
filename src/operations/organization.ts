import { z } from "zod";
import { defineOperation } from "./derive.js";

/** `OrganizationInfo`: which organization a credential belongs to. */
export const OrganizationInfoSchema = z.object({
  id: z.string(),
  type: z.literal("organization"),
  name: z.string(),
});

export const getOrganization = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION",
  title: "Get the organization",
  group: "organization",
  verb: "get",
  method: "GET",
  path: "/v1/organizations/me",
  key: "admin",
  input: z.object({}),
  output: OrganizationInfoSchema,
  effect: "read",
  idempotent: true,
  description:
    "Get the organization the configured Admin API key belongs to: its id (a UUID) and name. Call it first to confirm you are about to act on the intended organization before any write. Needs the Admin API key (ANTHROPIC_ADMIN_KEY, sk-ant-admin01-…); a standard key is refused with a configuration error before anything is sent.",
});

export const organizationOperations = [getOrganization];
