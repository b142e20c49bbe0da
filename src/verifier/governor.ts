import type { KeyKind } from "../operations/types.js";
import type { CallContext, Runtime, Step } from "./context.js";
import { retryAfterMs, ToolkitError } from "./errors.js";
import { FairQueue } from "./fair-queue.js";
import { type BucketView, PacedBucket } from "./token-bucket.js";

/** The limit kinds the API reports in `anthropic-ratelimit-<kind>-{limit,remaining,reset}`. */
export const LIMIT_KINDS = ["requests", "tokens", "input-tokens", "output-tokens"] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** What `toolkit.limits()` returns. */
export interface GovernorView {
  concurrency: { limit: number; active: number; queued: number };
  keys: Partial<Record<KeyKind, Partial<Record<LimitKind, BucketView>>>>;
  updated_at: string;
}

interface GovernorState {
  slots: FairQueue;
  buckets: Map<string, PacedBucket>;
}

/**
 * Paces calls ahead of time so a burst under a known limit meets few or no 429s: a fair FIFO
 * concurrency cap, then one token bucket per key kind and limit kind, learned from the
 * `anthropic-ratelimit-*` headers of every answer. A 429 with retry-after pauses the bucket
 * that ran out. State belongs to the toolkit instance (runtime.state).
 */
export const governor: Step = async (ctx, next) => {
  const { runtime } = ctx;
  if (!runtime.options.governor.enabled) return next();
  const state = governorState(runtime);
  const kind = ctx.op.key;
  const costs = costsOf(ctx);
  const release = await state.slots.acquire(ctx.signal);
  const taken: LimitKind[] = [];
  let sent = false;
  let sentAt = 0;
  try {
    for (const limitKind of LIMIT_KINDS) {
      await bucketOf(state, runtime, kind, limitKind).acquire(costs[limitKind], ctx.signal);
      taken.push(limitKind);
    }
    ctx.headers = undefined;
    sent = true;
    sentAt = runtime.now();
    try {
      await next();
    } catch (err) {
      if (err instanceof ToolkitError && err.status === 429 && ctx.headers) pauseOn429(ctx, state, ctx.headers);
      throw err;
    }
  } finally {
    const seen = sent && ctx.headers ? observe(state, runtime, kind, ctx.headers, costs, sentAt) : new Set<LimitKind>();
    for (const limitKind of taken) if (!seen.has(limitKind)) bucketOf(state, runtime, kind, limitKind).release(costs[limitKind]);
    release();
  }
};

function governorState(runtime: Runtime): GovernorState {
  let state = runtime.state.get("governor") as GovernorState | undefined;
  if (!state) {
    const created: GovernorState = { slots: new FairQueue(Math.max(1, runtime.options.governor.concurrency)), buckets: new Map() };
    state = created;
    runtime.state.set("governor", state);
    // `toolkit.limits()` builds the view when asked, so calls pay nothing for it.
    runtime.state.set("governor:view", () => buildView(runtime, created));
  }
  return state;
}

function bucketOf(state: GovernorState, runtime: Runtime, kind: KeyKind, limitKind: LimitKind): PacedBucket {
  const id = `${kind}:${limitKind}`;
  let bucket = state.buckets.get(id);
  if (!bucket) {
    bucket = new PacedBucket({ now: runtime.now, sleep: runtime.sleep });
    state.buckets.set(id, bucket);
  }
  return bucket;
}

/** Expected cost of a call in each limit: one request, and for messages an estimate of its tokens. */
function costsOf(ctx: CallContext): Record<LimitKind, number> {
  const costs: Record<LimitKind, number> = { requests: 1, tokens: 0, "input-tokens": 0, "output-tokens": 0 };
  if (ctx.op.key === "api" && ctx.op.streams) {
    const { system, messages, tools } = ctx.input;
    // About four characters per token; the server's figure corrects it when the answer arrives.
    const input = Math.ceil(JSON.stringify({ system, messages, tools }).length / 4);
    const output = typeof ctx.input.max_tokens === "number" ? ctx.input.max_tokens : 0;
    costs["input-tokens"] = input;
    costs["output-tokens"] = output;
    costs.tokens = input + output;
  }
  return costs;
}

function observe(
  state: GovernorState,
  runtime: Runtime,
  kind: KeyKind,
  headers: Headers,
  costs: Record<LimitKind, number>,
  sentAt: number,
): Set<LimitKind> {
  const seen = new Set<LimitKind>();
  for (const limitKind of LIMIT_KINDS) {
    const limit = Number(headers.get(`anthropic-ratelimit-${limitKind}-limit`) ?? Number.NaN);
    const remaining = Number(headers.get(`anthropic-ratelimit-${limitKind}-remaining`) ?? Number.NaN);
    if (!Number.isFinite(limit) || !Number.isFinite(remaining)) continue;
    const resetRaw = headers.get(`anthropic-ratelimit-${limitKind}-reset`);
    const reset = resetRaw ? Date.parse(resetRaw) : Number.NaN;
    bucketOf(state, runtime, kind, limitKind).observe(limit, remaining, Number.isNaN(reset) ? undefined : reset, costs[limitKind], sentAt);
    seen.add(limitKind);
  }
  return seen;
}

/** Pauses the bucket(s) the 429 names as empty, or the request bucket when it does not say. */
function pauseOn429(ctx: CallContext, state: GovernorState, headers: Headers): void {
  const now = ctx.runtime.now();
  const wait = retryAfterMs(headers, now);
  if (wait === undefined) return; // a spend cap, not a pace: nothing to wait for
  const empty = LIMIT_KINDS.filter((k) => headers.get(`anthropic-ratelimit-${k}-remaining`) === "0");
  const kinds: LimitKind[] = empty.length > 0 ? empty : ["requests"];
  for (const k of kinds) bucketOf(state, ctx.runtime, ctx.op.key, k).pause(now + wait);
}

function buildView(runtime: Runtime, state: GovernorState): GovernorView {
  const keys: GovernorView["keys"] = {};
  for (const [id, bucket] of state.buckets) {
    const [kind, limitKind] = id.split(":") as [KeyKind, LimitKind];
    const view = bucket.view();
    if (view.limit === undefined && view.paused_until === undefined && limitKind !== "requests") continue;
    keys[kind] ??= {};
    (keys[kind] as Record<string, BucketView>)[limitKind] = view;
  }
  const view: GovernorView = {
    concurrency: { limit: state.slots.limit, ...state.slots.size },
    keys,
    updated_at: new Date(runtime.now()).toISOString(),
  };
  return view;
}
