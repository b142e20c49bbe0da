import type { AnyOperation } from "../operations/types.js";
import type { Caller } from "./behaviours/types.js";
import type { EmulatorState } from "./state.js";

/** What a hook sees of one request. */
export interface HookContext {
  op: AnyOperation;
  caller: Caller;
  request: Request;
  requestId: string;
  state: EmulatorState;
  now: number;
  /** Headers to add to the answer (rate-limit headers, retry-after). */
  responseHeaders: Record<string, string>;
  /** Validated input, once parsed (undefined in `before`). */
  input?: Record<string, unknown>;
}

/**
 * Cross-cutting emulator behaviour (fault injection, rate limiting), run around every
 * operation's behaviour. `before` may throw an ApiError or return a Response to answer early;
 * `after` gets the body the behaviour produced and returns the body to send.
 */
export interface EmulatorHook {
  name: string;
  before?(ctx: HookContext): void | Response | Promise<void | Response>;
  after?(ctx: HookContext, body: unknown): unknown | Promise<unknown>;
}
