import type { Runtime, Step } from "./context.js";

interface Entry {
  at: number;
  data: unknown;
  request_id?: string;
}

/** Most entries kept: distinct queries (moving date windows) would otherwise accumulate for the toolkit's lifetime. */
const MAX_ENTRIES = 256;

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
    remember(state, key, entry, minInterval);
    return entry;
  })();
  state.pending.set(key, fetched);
  try {
    await fetched;
  } finally {
    if (state.pending.get(key) === fetched) state.pending.delete(key);
  }
};

/**
 * Inserts an entry, first sweeping expired ones (a query never asked again is otherwise never
 * looked at) and then dropping the oldest beyond MAX_ENTRIES. Map order is insertion order, and a
 * re-inserted key moves to the end, so the first keys are the oldest.
 */
function remember(state: ReportCacheState, key: string, entry: Entry, minInterval: number): void {
  for (const [k, e] of state.entries) if (entry.at - e.at >= minInterval) state.entries.delete(k);
  state.entries.delete(key);
  state.entries.set(key, entry);
  for (const k of state.entries.keys()) {
    if (state.entries.size <= MAX_ENTRIES) break;
    state.entries.delete(k);
  }
}

/** How many report answers are cached now (for tests and diagnostics). */
export function reportCacheSize(runtime: Runtime): number {
  return (runtime.state.get("report-cache") as ReportCacheState | undefined)?.entries.size ?? 0;
}

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
