import type { EmulatorState, UsageEvent } from "../state.js";

/** A usage row: a recorded Messages call or a synthetic aggregate, with the newer optional dimensions. */
export type UsageRow = UsageEvent & {
  account_id?: string | null;
  service_account_id?: string | null;
  speed?: string | null;
};

/** state.extra key holding the seeded synthetic history (UsageRow[], sorted by `at`). */
export const SYNTHETIC_KEY = "reports:synthetic";

/** Dimension values of a row as the reports show them. */
export interface RowDimensions {
  api_key_id: string | null;
  workspace_id: string | null;
  model: string;
  service_tier: string;
  context_window: string;
  inference_geo: string;
  account_id: string | null;
  service_account_id: string | null;
  speed: string;
}

/** The Default Workspace's id, which reports show as null. */
export function defaultWorkspaceId(state: EmulatorState): string | undefined {
  return state.workspaces.all().find((w) => w._default)?.id;
}

/** A row's dimensions with the documented report conventions (Default Workspace → null). */
export function dimensionsOf(row: UsageRow, defaultWs: string | undefined): RowDimensions {
  return {
    api_key_id: row.api_key_id ?? null,
    workspace_id: row.workspace_id && row.workspace_id !== defaultWs ? row.workspace_id : null,
    model: row.model,
    service_tier: row.service_tier || "standard",
    context_window: row.context_window || "0-200k",
    inference_geo: row.inference_geo || "not_available",
    account_id: row.account_id ?? null,
    service_account_id: row.service_account_id ?? null,
    speed: row.speed ?? "standard",
  };
}

/** First index in a row list sorted by `at` whose time is ≥ ms. */
function lowerBound(rows: readonly UsageRow[], ms: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].at < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every usage row in [from, to): the synthetic history (sorted, found by binary search) and the
 * recorded Messages calls (few; scanned, since a moved clock may record them out of order).
 */
export function rowsBetween(state: EmulatorState, from: number, to: number): UsageRow[] {
  const out: UsageRow[] = [];
  const synthetic = (state.extra.get(SYNTHETIC_KEY) as UsageRow[] | undefined) ?? [];
  for (let i = lowerBound(synthetic, from); i < synthetic.length && synthetic[i].at < to; i++) {
    if (synthetic[i].at >= from) out.push(synthetic[i]);
  }
  for (const e of state.usage as UsageRow[]) if (e.at >= from && e.at < to) out.push(e);
  return out;
}
