import type { AnyOperation } from "./types.js";

/** Filled in by the Admin API work (issue 3). */
export const workspaceOperations: AnyOperation[] = [];
