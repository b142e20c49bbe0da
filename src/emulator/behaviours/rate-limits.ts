import type { OrganizationRateLimit, WorkspaceRateLimit } from "../../operations/rate-limits.js";
import { invalidRequest, notFound } from "../api-error.js";
import { rateLimitState, setOverride } from "../seed/rate-limits.js";
import type { EmulatorState } from "../state.js";
import type { Behaviours, BehaviourRequest } from "./types.js";
import { findModel } from "./models.js";
import { requireWorkspace, requireWritableWorkspace } from "./workspaces.js";

/**
 * One page-cursor page: without `limit` everything in one page (`next_page: null`); with it,
 * an opaque token holding the next offset.
 */
function pageOf<T>(items: T[], q: { limit?: number; page?: string }): { data: T[]; next_page: string | null } {
  let start = 0;
  if (q.page !== undefined) {
    const m = /^offset:(\d+)$/.exec(Buffer.from(q.page, "base64url").toString("utf8"));
    if (!m) throw invalidRequest(`page: ${JSON.stringify(q.page)} is not a valid page cursor.`);
    start = Number(m[1]);
  }
  if (q.limit === undefined) return { data: items.slice(start), next_page: null };
  const end = start + q.limit;
  const next = end < items.length ? Buffer.from(`offset:${end}`).toString("base64url") : null;
  return { data: items.slice(start, end), next_page: next };
}

/** The entry with `group_type` beside `group`: a harmless extra older clients still read (reference §14). */
function orgView(e: OrganizationRateLimit): OrganizationRateLimit {
  return { ...e, group: { ...e.group }, models: e.models && [...e.models], limits: e.limits.map((l) => ({ ...l })), group_type: e.group.type };
}

function listOrg({ input, state }: BehaviourRequest) {
  let entries = rateLimitState(state).org;
  if (input.group_type) entries = entries.filter((e) => e.group.type === input.group_type);
  if (input.model) {
    const id = findModel(state, input.model)?.id ?? input.model;
    entries = entries.filter((e) => e.models?.includes(id));
    if (entries.length === 0) throw notFound(`model: ${input.model} has no rate limit in this organization.`);
  }
  return pageOf(entries.map(orgView), input);
}

/** A workspace's view of one org entry: its overrides, and with `inherited` the org values too. */
function workspaceEntry(state: EmulatorState, wsId: string, e: OrganizationRateLimit, inherited: boolean): WorkspaceRateLimit | undefined {
  const overrides = rateLimitState(state).overrides.get(wsId)?.get(e.id);
  const limits: WorkspaceRateLimit["limits"] = [];
  for (const l of e.limits) {
    const own = overrides?.get(l.type);
    if (own !== undefined) limits.push({ type: l.type, value: own, org_limit: l.value, source: { type: "workspace" } });
    else if (inherited) limits.push({ type: l.type, value: l.value, org_limit: l.value, source: { type: "organization" } });
  }
  if (limits.length === 0) return undefined;
  return {
    type: "workspace_rate_limit",
    workspace_id: wsId,
    rate_limit_id: e.id,
    group: { ...e.group },
    models: e.models && [...e.models],
    limits,
  };
}

function listWorkspace({ input, state }: BehaviourRequest) {
  const ws = requireWorkspace(state, input.workspace_id);
  const out: WorkspaceRateLimit[] = [];
  for (const e of rateLimitState(state).org) {
    if (input.group_type && e.group.type !== input.group_type) continue;
    const entry = workspaceEntry(state, ws.id, e, input.include_inherited === true);
    if (entry) out.push(entry);
  }
  return pageOf(out, input);
}

function updateWorkspace({ input, state }: BehaviourRequest) {
  const ws = requireWritableWorkspace(state, input.workspace_id);
  const entry = rateLimitState(state).org.find((e) => e.id === input.rate_limit_id);
  if (!entry) throw notFound(`Rate limit ${input.rate_limit_id} not found.`);
  const limits = input.limits as Array<{ type: string; value: number | null }>;
  for (const l of limits) {
    if (!entry.limits.some((x) => x.type === l.type)) {
      throw invalidRequest(`limits: ${l.type} is not a limiter of rate limit ${entry.id} (${entry.limits.map((x) => x.type).join(", ")}).`);
    }
  }
  for (const l of limits) setOverride(state, ws.id, entry.id, l.type, l.value);
  // The answer is the whole group as the workspace now sees it: overrides and inherited values.
  return workspaceEntry(state, ws.id, entry, true);
}

export const rateLimitsBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_LIST_RATE_LIMITS: listOrg,
  ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACE_RATE_LIMITS: listWorkspace,
  ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE_RATE_LIMIT: updateWorkspace,
};
