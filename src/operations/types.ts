import type { z } from "zod";

/** What a call does to the organization; decides guardrails, MCP annotations and CLI `--yes`. */
export type Effect = "read" | "write" | "destructive";

/** Which credential an operation needs: the standard API key or the Admin API key. */
export type KeyKind = "api" | "admin";

/**
 * How auto-pagination walks an operation's pages.
 * - `cursor`: before_id/after_id → data, has_more, first_id, last_id
 * - `page`: page/limit → data, next_page
 * - `report`: page/limit → data (time buckets), has_more, next_page
 */
export type Pagination = "cursor" | "page" | "report";

/** A read the reconcile step may perform: another registry operation by tool name. */
export type ReadCall = (tool: string, input: Record<string, unknown>) => Promise<unknown>;

/**
 * After an ambiguous failure of a write (timeout, reset after sending, 5xx), tells whether the
 * write took effect by reading state. Returns `applied` with the object when it did. `before` is
 * what the operation's `snapshot` read before the first attempt, or undefined when it has none
 * or that read failed (then the reconcile judges as it would without one).
 */
export type Reconcile = (
  input: Record<string, unknown>,
  read: ReadCall,
  before?: unknown,
) => Promise<{ applied: true; data: unknown } | { applied: false }>;

/**
 * Reads the state a write's `reconcile` needs to tell this call's change from what was already
 * there (workspaces that already had the name; whether the object to delete exists). Runs once,
 * before the first attempt. Throwing a `not_found_error` proves the target does not exist: the
 * call then fails with it at once and nothing is sent. Any other failure is ignored (the call
 * proceeds without a snapshot).
 */
export type Snapshot = (input: Record<string, unknown>, read: ReadCall) => Promise<unknown>;

/** One API operation: the single hand-written description everything else derives from. */
export interface Operation<
  I extends z.ZodObject<z.ZodRawShape> = z.ZodObject<z.ZodRawShape>,
  O extends z.ZodType = z.ZodType,
  G extends string = string,
  V extends string = string,
> {
  /** `ANTHROPIC_ADMINISTRATOR_<VERB>_<NOUN>`, ≤ 64 chars, `[A-Z0-9_]`. */
  tool: string;
  /** Short human title (MCP `title`). */
  title: string;
  /** Client namespace and CLI command group, kebab-case: `models`, `api-keys`. */
  group: G;
  /** Client method and CLI sub-command, kebab-case: `list`, `count-tokens`. */
  verb: V;
  method: "GET" | "POST" | "DELETE";
  /** Path with `{param}` placeholders, e.g. `/v1/models/{model_id}`. */
  path: string;
  key: KeyKind;
  /** Input: one zod object; every field `.describe()`d. GET/DELETE send non-path fields as query, POST as body. */
  input: I;
  /** Schema of the success body; used for drift detection and the emulator's self-check. */
  output: O;
  /** Fixed, or judged from the arguments (an API key set to `archived` is destructive). */
  effect: Effect | ((input: z.infer<I>) => Effect);
  /** True when repeating the call cannot change the outcome (reads, set-to-value updates, deletes). */
  idempotent: boolean;
  reconcile?: Reconcile;
  /** State read before a write's first attempt and handed to `reconcile` as `before`. */
  snapshot?: Snapshot;
  /**
   * A write that may be sent again after an ambiguous failure because a duplicate changes no
   * organization state (a second Messages completion costs only its tokens; the official SDKs
   * resend it too). A stream is resent only while no event has reached the caller.
   */
  resendSafe?: boolean;
  pagination?: Pagination;
  /** Written for a model: what, when, and known failure modes. */
  description: string;
  /** Input fields sent as HTTP headers instead of query/body, mapped to their header names. */
  headers?: Record<string, string>;
  /** Input fields the CLI takes as positional arguments, in order (path params by default). */
  positional?: string[];
  /** Whether the operation can answer with Server-Sent Events when `stream: true`. */
  streams?: boolean;
  /** A default for `limit` when the API's own default is unsuitable for walking all pages. */
  maxPageSize?: number;
  /**
   * Adds derived fields to a successful result after the whole pipeline (after walking all pages),
   * leaving the wire fields untouched: the cost report adds exact USD figures. Pure; never sent.
   */
  decorate?: (data: unknown) => unknown;
}

/** Any operation, with its types erased, as held in the registry list. */
export type AnyOperation = Operation<any, any, any, any>;
