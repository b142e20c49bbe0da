import type { SeedContext } from "./organization.js";

/** Placeholder until the area's seed lands (H2a — users, invites, scale). */
export function seedPeople(_ctx: SeedContext): void {}
