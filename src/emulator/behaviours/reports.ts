import { claudeCodeReport } from "../reports/claude-code.js";
import { costReport } from "../reports/cost.js";
import { usageReport } from "../reports/usage.js";
import type { Behaviours } from "./types.js";

/**
 * Usage, cost and Claude Code reports, computed on request from the seeded synthetic history
 * (state.extra "reports:synthetic") and the Messages calls recorded in state.usage.
 */
export const reportsBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_GET_USAGE_REPORT: ({ input, state, now, headers }) => usageReport(input, state, now, headers),
  ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT: ({ input, state, now }) => costReport(input, state, now),
  ANTHROPIC_ADMINISTRATOR_GET_CLAUDE_CODE_USAGE_REPORT: ({ input, state, now }) => claudeCodeReport(input, state, now),
};
