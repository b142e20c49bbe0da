import type { z } from "zod";
import type { AnyOperation, Effect, Operation } from "./types.js";

/** Declares an operation with its input and output types kept (identity at run time). */
export function defineOperation<
  I extends z.ZodObject<z.ZodRawShape>,
  O extends z.ZodType,
  const G extends string,
  const V extends string,
>(op: Operation<I, O, G, V>): Operation<I, O, G, V> {
  return op;
}

const PATH_PARAM = /\{([a-z_]+)\}/g;

/** Names of the `{params}` in an operation's path, in order. */
export function pathParams(op: Pick<AnyOperation, "path">): string[] {
  return [...op.path.matchAll(PATH_PARAM)].map((m) => m[1]);
}

/** The effect of one call, judged from its arguments where the operation says it depends on them. */
export function effectOf(op: AnyOperation, input: Record<string, unknown>): Effect {
  return typeof op.effect === "function" ? op.effect(input) : op.effect;
}

/** The strongest effect an operation can have over all inputs (for tool lists and annotations). */
export function worstEffect(op: AnyOperation, probes: Record<string, unknown>[] = []): Effect {
  if (typeof op.effect !== "function") return op.effect;
  const rank: Record<Effect, number> = { read: 0, write: 1, destructive: 2 };
  let worst: Effect = "write";
  for (const p of probes) {
    const e = op.effect(p);
    if (rank[e] > rank[worst]) worst = e;
  }
  // Argument-dependent effects exist precisely because some arguments are destructive.
  return probes.length === 0 ? "destructive" : worst;
}

/** The HTTP request one validated input maps to. */
export interface HttpRequestParts {
  method: AnyOperation["method"];
  /** Path with params substituted and URL-encoded. */
  path: string;
  query: Record<string, unknown> | undefined;
  body: Record<string, unknown> | undefined;
  headers: Record<string, string>;
}

/** Splits validated input into path, query or body, and header fields, as the wire expects. */
export function toHttpRequest(op: AnyOperation, input: Record<string, unknown>): HttpRequestParts {
  const params = new Set(pathParams(op));
  const path = op.path.replace(PATH_PARAM, (_, name: string) => encodeURIComponent(String(input[name])));
  const headers: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (params.has(k) || v === undefined) continue;
    const header = op.headers?.[k];
    if (header) headers[header] = String(v);
    else rest[k] = v;
  }
  const hasRest = Object.keys(rest).length > 0;
  if (op.method === "POST") return { method: op.method, path, query: undefined, body: rest, headers };
  return { method: op.method, path, query: hasRest ? rest : undefined, body: undefined, headers };
}

/** Hono-style route (`/v1/models/:model_id`) for an operation's path. */
export function routePath(op: Pick<AnyOperation, "path">): string {
  return op.path.replace(PATH_PARAM, ":$1");
}
