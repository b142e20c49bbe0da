import type { AnyOperation } from "../../operations/types.js";
import type { ApiKeyRecord, EmulatorState } from "../state.js";

/** Who is calling, as the emulator authenticated them. */
export interface Caller {
  kind: "api" | "admin" | "oauth";
  /** The API key record for standard keys. */
  apiKey?: ApiKeyRecord;
}

/** What a behaviour receives for one request. */
export interface BehaviourRequest {
  op: AnyOperation;
  /** Validated input: path params plus query (GET/DELETE) or body (POST). */
  input: Record<string, any>;
  caller: Caller;
  state: EmulatorState;
  /** Emulator clock, milliseconds. */
  now: number;
  /** New id with a prefix (`wrkspc`, `user`, …). */
  newId: (prefix: string) => string;
  random: () => number;
  headers: Headers;
  requestId: string;
}

/**
 * Answers one operation. Return a plain object for a 200 JSON answer, or a Response (streams).
 * Throw ApiError for documented failures.
 */
export type Behaviour = (req: BehaviourRequest) => unknown | Promise<unknown>;

/** Behaviours of one API area, keyed by tool name. */
export type Behaviours = Record<string, Behaviour>;
