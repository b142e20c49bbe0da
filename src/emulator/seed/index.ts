import { type SeedContext, seedBase } from "./organization.js";
import { seedPeople } from "./people.js";
import { seedUsage } from "./usage.js";
import { seedWorkspaces } from "./workspaces.js";

/** Builds the demo organization, area by area, deterministically from the seeded random source. */
export function seedOrganization(ctx: SeedContext): void {
  seedBase(ctx);
  seedPeople(ctx);
  seedWorkspaces(ctx);
  seedUsage(ctx);
}
