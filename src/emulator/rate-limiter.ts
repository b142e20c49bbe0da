import { ApiError } from "./api-error.js";
import type { EmulatorHook, HookContext } from "./hooks.js";

/** Limits the emulator reports and, when `enforce` is on, applies on inference routes. */
export interface RateLimitSettings {
  /** Requests per minute (default 4,000); the requests bucket refills at this pace. */
  requestsPerMinute?: number;
  /** Shorthand for an enforced limit of R requests per second (sets requestsPerMinute = 60·R). */
  requestsPerSecond?: number;
  /** Bucket capacity for requests (default: one minute's worth, or R when requestsPerSecond is set). */
  burst?: number;
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
  /** Answer 429 rate_limit_error with retry-after when a bucket is empty (default false: report only). */
  enforce?: boolean;
}

/** The `rate-limit` service: change limits at run time, read counters, start over. */
export interface RateLimitService {
  setLimits(settings: RateLimitSettings): void;
  limits(): Required<Omit<RateLimitSettings, "requestsPerSecond">>;
  /** Requests seen on inference routes and how many were refused with 429. */
  stats(): { requests: number; limited: number };
  reset(): void;
}

type Kind = "requests" | "input-tokens" | "output-tokens";

/** A continuously refilling bucket: `level` tokens at `at`, `rate` tokens per ms, at most `capacity`. */
interface Bucket {
  level: number;
  at: number;
  capacity: number;
  rate: number;
}

const DEFAULTS = { requestsPerMinute: 4_000, inputTokensPerMinute: 2_000_000, outputTokensPerMinute: 400_000 };

/**
 * Token buckets per API key on inference routes (`op.key === "api"`): emits
 * `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`
 * (reset in RFC 3339: when the bucket is full again) and, when enforcing, answers
 * 429 `rate_limit_error` with `retry-after` (whole seconds, as the API sends). Admin routes get
 * no rate-limit headers (reference §2.4). State lives in the emulator's `services`.
 */
export function createRateLimitHook(services: Map<string, unknown>, initial: RateLimitSettings = {}): EmulatorHook {
  let settings = normalise(initial);
  let buckets = new Map<string, Record<Kind, Bucket>>();
  let counters = { requests: 0, limited: 0 };

  const service: RateLimitService = {
    setLimits: (s) => {
      // A new requests-per-second limit replaces the old pace and burst, and turns enforcement on.
      const base = s.requestsPerSecond !== undefined ? { ...settings, requestsPerMinute: undefined, burst: undefined, enforce: undefined } : settings;
      settings = normalise({ ...base, ...s });
      buckets = new Map();
    },
    limits: () => ({ ...settings }),
    stats: () => ({ ...counters }),
    reset: () => {
      buckets = new Map();
      counters = { requests: 0, limited: 0 };
    },
  };
  services.set("rate-limit", service);

  const bucketsFor = (ctx: HookContext, now: number): Record<Kind, Bucket> => {
    const id = ctx.caller.apiKey?.id ?? ctx.caller.kind;
    let set = buckets.get(id);
    if (!set) {
      const make = (capacity: number, perMinute: number): Bucket => ({ level: capacity, at: now, capacity, rate: perMinute / 60_000 });
      set = {
        requests: make(settings.burst, settings.requestsPerMinute),
        "input-tokens": make(settings.inputTokensPerMinute, settings.inputTokensPerMinute),
        "output-tokens": make(settings.outputTokensPerMinute, settings.outputTokensPerMinute),
      };
      buckets.set(id, set);
    }
    for (const b of Object.values(set)) refill(b, now);
    return set;
  };

  return {
    name: "rate-limit",
    before(ctx) {
      if (ctx.op.key !== "api") return;
      counters.requests++;
      const set = bucketsFor(ctx, ctx.now);
      const empty = (["requests", "input-tokens", "output-tokens"] as const).find((k) => set[k].level < 1);
      if (settings.enforce && empty) {
        counters.limited++;
        writeHeaders(ctx, set, ctx.now);
        const b = set[empty];
        const waitMs = b.rate > 0 ? (1 - b.level) / b.rate : 60_000;
        throw new ApiError(429, "rate_limit_error", `Number of ${empty.replace("-", " ")} has exceeded your rate limit. Please retry later.`, undefined, {
          "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))),
        });
      }
      set.requests.level = Math.max(0, set.requests.level - 1);
      writeHeaders(ctx, set, ctx.now);
    },
    after(ctx, body) {
      if (ctx.op.key !== "api") return body;
      const usage = tokenUsage(body);
      if (usage.input + usage.output > 0) {
        const set = bucketsFor(ctx, ctx.now);
        // Tokens are charged after the fact, as the API does; the bucket may go below zero.
        set["input-tokens"].level -= usage.input;
        set["output-tokens"].level -= usage.output;
        writeHeaders(ctx, set, ctx.now);
      }
      return body;
    },
  };
}

function normalise(s: RateLimitSettings): Required<Omit<RateLimitSettings, "requestsPerSecond">> {
  const requestsPerMinute = s.requestsPerSecond !== undefined ? s.requestsPerSecond * 60 : (s.requestsPerMinute ?? DEFAULTS.requestsPerMinute);
  const burst = s.requestsPerSecond !== undefined && s.burst === undefined ? s.requestsPerSecond : (s.burst ?? requestsPerMinute);
  return {
    requestsPerMinute,
    burst: Math.max(1, burst),
    inputTokensPerMinute: s.inputTokensPerMinute ?? DEFAULTS.inputTokensPerMinute,
    outputTokensPerMinute: s.outputTokensPerMinute ?? DEFAULTS.outputTokensPerMinute,
    enforce: s.enforce ?? s.requestsPerSecond !== undefined,
  };
}

function refill(b: Bucket, now: number): void {
  if (now > b.at) b.level = Math.min(b.capacity, b.level + (now - b.at) * b.rate);
  b.at = Math.max(b.at, now);
}

function resetAt(b: Bucket, now: number): string {
  const ms = b.rate > 0 ? Math.max(0, (b.capacity - b.level) / b.rate) : 0;
  return new Date(now + Math.ceil(ms)).toISOString();
}

function writeHeaders(ctx: HookContext, set: Record<Kind, Bucket>, now: number): void {
  const put = (name: string, b: Bucket) => {
    ctx.responseHeaders[`anthropic-ratelimit-${name}-limit`] = String(b.capacity);
    ctx.responseHeaders[`anthropic-ratelimit-${name}-remaining`] = String(Math.max(0, Math.floor(b.level)));
    ctx.responseHeaders[`anthropic-ratelimit-${name}-reset`] = resetAt(b, now);
  };
  put("requests", set.requests);
  put("input-tokens", set["input-tokens"]);
  put("output-tokens", set["output-tokens"]);
  // `tokens-*` is the most restrictive token limit in force (reference §2.4).
  const input = set["input-tokens"];
  const output = set["output-tokens"];
  put("tokens", input.level / input.capacity <= output.level / output.capacity ? input : output);
}

function tokenUsage(body: unknown): { input: number; output: number } {
  if (!body || typeof body !== "object") return { input: 0, output: 0 };
  // Only generated messages carry `usage`; token counting has limits of its own and is not charged here.
  const usage = (body as { usage?: { input_tokens?: unknown; output_tokens?: unknown } }).usage;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return { input: num(usage?.input_tokens), output: num(usage?.output_tokens) };
}
