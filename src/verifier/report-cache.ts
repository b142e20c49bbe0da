import type { Runtime, Step } from "./context.js";

interface Entry {
  at: number;
  data: unknown;
  request_id?: string;
}

interface ReportCacheState {
  entries: Map<string, Entry>;
  /** Identical queries already on the wire: later callers wait for that answer instead of polling again. */
  pending: Map<string, Promise<Entry | undefined>>;
}

/**
 * Report endpoints (`pagination: "report"`) are polled no more often than
 * `governor.reportMinIntervalMs` per identical query (tool + input, per page): in between, the
 * last answer is returned with `meta.cached = true`. Reports change slowly and are expensive to
 * compute, and agents tend to re-ask them in loops.
 */
export const reportCache: Step = async (ctx, next) => {
  const minInterval = ctx.runtime.options.governor.reportMinIntervalMs;
  if (ctx.op.pagination !== "report" || minInterval <= 0) return next();
  const state = cacheState(ctx.runtime);
  const key = `${ctx.op.tool} ${stableJson(ctx.input)}`;
  const now = ctx.runtime.now();
  let hit = state.entries.get(key);
  if (hit && now - hit.at >= minInterval) {
    state.entries.delete(key);
    hit = undefined;
  }
  if (!hit) {
    const inFlight = state.pending.get(key);
    if (inFlight) hit = await inFlight.catch(() => undefined);
  }
  if (hit) {
    ctx.data = structuredClone(hit.data);
    ctx.meta.cached = true;
    if (hit.request_id) ctx.meta.request_id = hit.request_id;
    return;
  }
  const fetched = (async (): Promise<Entry | undefined> => {
    await next();
    if (ctx.data === undefined) return undefined;
    const entry = { at: ctx.runtime.now(), data: structuredClone(ctx.data), request_id: ctx.meta.request_id };
    state.entries.set(key, entry);
    return entry;
  })();
  state.pending.set(key, fetched);
  try {
    await fetched;
  } finally {
    if (state.pending.get(key) === fetched) state.pending.delete(key);
  }
};

function cacheState(runtime: Runtime): ReportCacheState {
  let state = runtime.state.get("report-cache") as ReportCacheState | undefined;
  if (!state) {
    state = { entries: new Map(), pending: new Map() };
    runtime.state.set("report-cache", state);
  }
  return state;
}

/** JSON with object keys sorted, so the same query written in another order hits the same entry. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
