import { toHttpRequest } from "../../../operations/derive.js";
import { CONTROL_FIELDS } from "../../../operations/tool-input.js";
import type { AnyOperation } from "../../../operations/types.js";
import type { ErrorBody } from "../../../verifier/errors.js";
import { type CliIo, err, out } from "../io.js";
import { cell } from "./human.js";

type Obj = Record<string, unknown>;

/** A request as previews show it: method, path, and query or body when there is one. */
interface ShownRequest {
  method: string;
  path: string;
  query?: Obj;
  body?: Obj;
}

function requestLine(req: ShownRequest): string {
  const query = req.query && Object.keys(req.query).length ? `?${new URLSearchParams(req.query as Record<string, string>)}` : "";
  const body = req.body && Object.keys(req.body).length ? ` ${JSON.stringify(req.body)}` : "";
  return `${req.method} ${req.path}${query}${body}`;
}

/** The request from the guardrail's preview, else built here from the input (same derivation). */
function requestOf(op: AnyOperation, input: Obj, preview: Obj | undefined): ShownRequest {
  const fromGuardrail = preview?.request as ShownRequest | undefined;
  if (fromGuardrail?.method) return fromGuardrail;
  const api = Object.fromEntries(Object.entries(input).filter(([k]) => !(CONTROL_FIELDS as readonly string[]).includes(k)));
  const parts = toHttpRequest(op, api);
  return { method: parts.method, path: parts.path, query: parts.query, body: parts.body };
}

/** Prints a dry run's answer: the exact request a write would send. Nothing was sent. */
export function printDryRun(data: unknown, mode: string, io: CliIo): void {
  if (mode !== "table") {
    out(io, JSON.stringify(data, null, mode === "json" ? 2 : 0));
    return;
  }
  const req = ((data as Obj).request ?? {}) as ShownRequest;
  out(io, `dry run: would send ${requestLine(req)}`);
  err(io, "nothing was sent");
}

/**
 * What a destructive call would do, from the guardrail's `confirmation_required` answer
 * (request, what it does, the target as it is now) or, when the error carries no preview,
 * from the registry. The caller sets exit code 6.
 */
export function printPreview(op: AnyOperation, input: Obj, error: ErrorBody | undefined, mode: string, io: CliIo): void {
  const preview = error?.details?.preview as Obj | undefined;
  const request = requestOf(op, input, preview);
  if (mode !== "table") {
    out(io, JSON.stringify({ confirmation_required: true, tool: op.tool, effect: "destructive", request, will: preview?.will, target: preview?.target }, null, mode === "json" ? 2 : 0));
  } else {
    const will = typeof preview?.will === "string" && preview.will.replace(/\.$/, "") !== op.title ? ` ${preview.will}` : "";
    err(io, `${op.title}: destructive, cannot be undone.${will}`);
    err(io, `would send: ${requestLine(request)}`);
    const target = preview?.target;
    if (target && typeof target === "object") {
      const fields = Object.entries(target as Obj)
        .filter(([k, v]) => k !== "type" && (v === null || typeof v !== "object"))
        .map(([k, v]) => `${k}=${cell(v)}`);
      err(io, `target now: ${fields.join(", ")}`);
    }
  }
  err(io, "anthropic-admin: confirmation_required: nothing was sent (hint: re-run with --yes to carry it out)");
}
