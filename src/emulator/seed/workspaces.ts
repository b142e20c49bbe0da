import type { SeedContext } from "./organization.js";

/** Placeholder until the area's seed lands (H2b — workspaces, members, keys, rate limits). */
export function seedWorkspaces(_ctx: SeedContext): void {}
