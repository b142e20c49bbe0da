import { redact } from "../audit/redact.js";
import { effectOf, pathParams, toHttpRequest } from "../operations/derive.js";
import { findOperation, operations } from "../operations/index.js";
import type { AnyOperation } from "../operations/types.js";
import type { CallContext, Step } from "./context.js";
import { ToolkitError } from "./errors.js";

/** The exact request a write would send, as dry runs and previews show it. */
export interface RequestPreview {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Guardrails before anything is sent: the tool allowlist, the policy (`read_only` refuses writes;
 * `confirm_destructive` turns an unconfirmed destructive call into a preview; `open`), the
 * workspace allowlist for writes, and `dry_run`, which answers with the request instead of sending it.
 */
export const guardrails: Step = async (ctx, next) => {
  const { op, runtime } = ctx;
  const { policy, allowTools, allowWorkspaces } = runtime.options;
  // The Verifier's own reads (reconcile, previews) are not the caller's choice of tool.
  if (allowTools && !ctx.internal && !allowTools.includes(op.tool)) {
    throw denied(`${op.tool} is not in this toolkit's allowTools list, so it was refused; nothing was sent.`, "Use one of the allowed tools, or add this one to allowTools.");
  }
  const effect = effectOf(op, ctx.input);
  ctx.meta.effect = effect;
  if (effect === "read") return next();
  if (policy === "read_only") {
    throw denied(`${op.tool} ${effect === "destructive" ? "is destructive" : "writes"} and this toolkit runs with policy read_only; nothing was sent.`, "Ask the operator for a toolkit with policy confirm_destructive or open.");
  }
  if (allowWorkspaces) await checkWorkspace(ctx, allowWorkspaces);
  const request = requestOf(op, ctx.input);
  if (ctx.control.dry_run) {
    ctx.data = { dry_run: true, request };
    ctx.meta.dry_run = true;
    return;
  }
  if (effect === "destructive" && policy === "confirm_destructive" && ctx.control.confirm !== true) {
    throw new ToolkitError({
      type: "confirmation_required",
      message: `${op.tool} is destructive and cannot be undone; it needs confirm: true. Nothing was sent. Check the preview, then call again with the same input plus "confirm": true.`,
      retryable: false,
      hint: 'Repeat the call with "confirm": true to carry it out.',
      details: { preview: { request, effect, will: willDo(op), target: await currentTarget(ctx) } },
    });
  }
  await next();
};

function denied(message: string, hint: string): ToolkitError {
  return new ToolkitError({ type: "policy_denied", message, retryable: false, hint });
}

/**
 * Only fields that go on the wire, split as the transport will split them. Key-shaped strings
 * are shown redacted: previews end up in agent transcripts and logs.
 */
export function requestOf(op: AnyOperation, input: Record<string, unknown>): RequestPreview {
  const parts = redact(toHttpRequest(op, input)) as ReturnType<typeof toHttpRequest>;
  const preview: RequestPreview = { method: parts.method, path: parts.path };
  if (parts.query) preview.query = parts.query;
  if (parts.body) preview.body = parts.body;
  if (Object.keys(parts.headers).length > 0) preview.headers = parts.headers;
  return preview;
}

function willDo(op: AnyOperation): string {
  return op.description.split(/(?<=\.)\s/)[0] || op.title;
}

/** The current state of what a destructive call would touch, read with the matching GET (best effort). */
async function currentTarget(ctx: CallContext): Promise<unknown> {
  const getter = operations.find(
    (o) => o.group === ctx.op.group && o.verb === "get" && o.method === "GET" && pathParams(o).every((p) => ctx.input[p] !== undefined),
  );
  if (!getter || pathParams(getter).length === 0) return undefined;
  const input = Object.fromEntries(pathParams(getter).map((p) => [p, ctx.input[p]]));
  try {
    return await ctx.runtime.call(getter.tool, input);
  } catch {
    return undefined;
  }
}

/**
 * A write may only touch allowed workspaces: the input's `workspace_id`, or the workspace an API key
 * belongs to. Organization-level Admin writes are refused while an allowlist is set.
 */
async function checkWorkspace(ctx: CallContext, allowed: string[]): Promise<void> {
  const refuse = (what: string) =>
    denied(`${ctx.op.tool} would change ${what}, which is not in this toolkit's allowWorkspaces list; nothing was sent.`, `Only workspaces ${allowed.join(", ")} may be changed.`);
  const direct = ctx.input.workspace_id;
  if (typeof direct === "string") {
    if (!allowed.includes(direct)) throw refuse(`workspace ${direct}`);
    return;
  }
  const keyId = ctx.input.api_key_id;
  const getKey = findOperation("ANTHROPIC_ADMINISTRATOR_GET_API_KEY");
  if (ctx.op.group === "api-keys" && typeof keyId === "string" && getKey) {
    let key: { workspace_id?: string | null; scope?: { type?: string; workspace_id?: string } } | undefined;
    try {
      key = (await ctx.runtime.call(getKey.tool, { api_key_id: keyId })) as typeof key;
    } catch {
      throw refuse(`API key ${keyId}, whose workspace could not be read`);
    }
    const ws = key?.scope?.workspace_id ?? key?.workspace_id ?? undefined;
    if (!ws || !allowed.includes(ws)) throw refuse(`API key ${keyId} in ${ws ? `workspace ${ws}` : "the Default Workspace or the organization"}`);
    return;
  }
  // Fail closed: an Admin write with no workspace target (a new workspace, an invite, a user's
  // role) changes the organization, which no workspace allowlist covers. Inference calls are
  // bound to their key's workspace and change no organization state.
  if (ctx.op.key === "admin") throw refuse("the organization itself (it names no workspace)");
}
