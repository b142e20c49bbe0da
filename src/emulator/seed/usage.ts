import type { SeedContext } from "./organization.js";

/** Placeholder until the area's seed lands (H3 — synthetic usage history). */
export function seedUsage(_ctx: SeedContext): void {}
