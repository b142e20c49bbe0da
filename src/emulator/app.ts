import { Hono } from "hono";
import { routePath } from "../operations/derive.js";
import { operations } from "../operations/index.js";
import type { AnyOperation } from "../operations/types.js";
import { ApiError, errorEnvelope, invalidRequest } from "./api-error.js";
import { authenticate } from "./auth.js";
import { behaviours } from "./behaviours/index.js";
import type { Behaviour } from "./behaviours/types.js";
import { coerceQuery } from "./coerce-query.js";
import { createIdFactory } from "./ids.js";
import type { EmulatorHook, HookContext } from "./hooks.js";
import type { EmulatorState } from "./state.js";

/** API versions the emulator accepts: the documented one and the one SDK 1.x sends. */
export const ACCEPTED_VERSIONS = new Set(["2023-06-01", "2026-10-21"]);

export interface AppEnv {
  state: EmulatorState;
  newId: (prefix: string) => string;
  random: () => number;
  hooks: EmulatorHook[];
  /** Check every success body against the registry's output schema (500 on mismatch). */
  selfCheck: boolean;
  /** Mounts extra routes (the `/_emulator/` control surface). */
  mount?: (app: Hono) => void;
}

/** The emulator's HTTP app: one route per registry operation, answered by its behaviour. */
export function createEmulatorApp(env: AppEnv): Hono {
  const app = new Hono();
  // Request ids come from their own unseeded source: seeded organizations are alike on every
  // run, but request ids must differ between runs so audit logs and support tickets stay apart.
  const requestIds = createIdFactory(Math.random);
  env.mount?.(app);
  for (const op of operations) {
    const behaviour = behaviours[op.tool];
    if (!behaviour) continue;
    app.on(op.method, routePath(op), (c) => handle(env, requestIds("req"), op, behaviour, c.req.raw, c.req.param() as Record<string, string>));
  }
  app.notFound((c) => {
    const requestId = requestIds("req");
    const err = new ApiError(404, "not_found_error", `Not found: ${c.req.method} ${new URL(c.req.url).pathname}`);
    return json(errorEnvelope(err, requestId), 404, { "request-id": requestId });
  });
  return app;
}

async function handle(
  env: AppEnv,
  requestId: string,
  op: AnyOperation,
  behaviour: Behaviour,
  request: Request,
  params: Record<string, string>,
) {
  const { state } = env;
  const responseHeaders: Record<string, string> = {
    "request-id": requestId,
    "anthropic-organization-id": state.organization.id,
  };
  try {
    const version = request.headers.get("anthropic-version");
    if (!version) throw invalidRequest("anthropic-version: header is required");
    if (!ACCEPTED_VERSIONS.has(version)) {
      throw invalidRequest(`anthropic-version: unsupported version ${JSON.stringify(version)}; use 2023-06-01`);
    }
    const caller = authenticate(request.headers, op.key, state);
    // Inference answers name the workspace the key resolved to; admin answers do not (reference §2.4).
    const scope = caller.apiKey?.scope;
    const asked = request.headers.get("anthropic-workspace-id");
    if (scope?.type === "workspace") {
      // A key bound to one workspace may send the header, but it has to name that workspace (§2.1).
      if (asked && asked !== scope.workspace_id) {
        throw invalidRequest(`anthropic-workspace-id: ${asked} is not the workspace this API key belongs to`);
      }
      responseHeaders["anthropic-workspace-id"] = scope.workspace_id;
    } else if (scope?.type === "organization" && asked) {
      const ws = state.workspaces.get(asked);
      if (!ws || ws.archived_at) throw new ApiError(404, "not_found_error", `anthropic-workspace-id: workspace ${asked} not found`);
      responseHeaders["anthropic-workspace-id"] = asked;
    }
    const ctx: HookContext = { op, caller, request, requestId, state, now: state.clock.now(), responseHeaders };
    for (const hook of env.hooks) {
      const early = await hook.before?.(ctx);
      if (early) return early;
    }
    const input = await parseInput(op, request, params);
    ctx.input = input;
    let body = await behaviour({
      op,
      input,
      caller,
      state,
      now: ctx.now,
      newId: env.newId,
      random: env.random,
      headers: request.headers,
      requestId,
    });
    if (body instanceof Response) {
      for (const [k, v] of Object.entries(responseHeaders)) body.headers.set(k, v);
      return body;
    }
    if (env.selfCheck) selfCheck(op, body);
    for (const hook of env.hooks) if (hook.after) body = await hook.after(ctx, body);
    if (body instanceof Response) return body;
    return json(body, 200, responseHeaders);
  } catch (err) {
    if (err instanceof ApiError) {
      return json(errorEnvelope(err, requestId), err.status, { ...responseHeaders, ...err.headers });
    }
    if (err instanceof Response) return err;
    throw err;
  }
}

async function parseInput(op: AnyOperation, request: Request, params: Record<string, string>) {
  let fields: Record<string, unknown>;
  if (op.method === "POST") {
    const text = await request.text();
    try {
      fields = text ? JSON.parse(text) : {};
    } catch {
      throw invalidRequest("The request body is not valid JSON.");
    }
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) throw invalidRequest("The request body must be a JSON object.");
  } else {
    fields = coerceQuery(new URL(request.url), op.input.shape);
  }
  // hono has already decoded path params; decoding again would change ids containing `%`.
  for (const [k, v] of Object.entries(params)) fields[k] = v;
  const parsed = op.input.safeParse(fields);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first.path.map(String).join(".");
    throw invalidRequest(`${path ? `${path}: ` : ""}${first.message}`);
  }
  // Keep fields the registry does not model (newer API fields) next to the validated ones.
  return { ...fields, ...(parsed.data as Record<string, unknown>) };
}

function selfCheck(op: AnyOperation, body: unknown) {
  const result = op.output.safeParse(body);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new ApiError(500, "api_error", `emulator self-check failed for ${op.tool} at ${first.path.join(".")}: ${first.message}`);
  }
}

function json(body: unknown, status: number, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
