import { ApiError } from "../api-error.js";
import type { EmulatorHook, HookContext } from "../hooks.js";
import { applyDrift } from "./drift.js";
import type { Fault } from "./rules.js";
import { errorTypeForStatus } from "../../operations/error-types.js";
import { type FaultCall, type FaultService, faultService } from "./service.js";
import { resetResponse, truncatedResponse } from "./wire.js";

/**
 * Fault injection: rules (see docs/emulator-faults.md) held by the emulator's FaultService decide,
 * per call, whether to answer with an error status, wait, drop the connection before or after the
 * behaviour runs, cut the body short, drift the body, or revoke the key presented.
 */
export function createFaultHook(services: Map<string, unknown>): EmulatorHook {
  const svc = faultService(services);
  return {
    name: "faults",
    async before(ctx) {
      const secret = presentedKey(ctx.request.headers);
      if (secret && svc.revoked.has(secret)) throw new ApiError(401, "authentication_error", "invalid x-api-key");
      for (const fault of svc.pick("before", callOf(ctx))) {
        const early = await act(fault, ctx, svc, undefined, secret);
        if (early) return early;
      }
    },
    async after(ctx, body) {
      let out = body;
      for (const fault of svc.pick("after", callOf(ctx))) {
        if (fault.kind === "drift") out = applyDrift(out, fault);
        else {
          const answer = await act(fault, ctx, svc, out);
          if (answer) return answer;
        }
      }
      return out;
    },
  };
}

/** Acts out one fault; returns a Response to answer with, throws an ApiError, or returns nothing to go on. */
async function act(fault: Fault, ctx: HookContext, svc: FaultService, body: unknown, secret?: string): Promise<Response | undefined> {
  switch (fault.kind) {
    case "latency":
      try {
        await svc.sleep(fault.ms, ctx.request.signal);
      } catch (err) {
        // The client gave up while we waited: nobody reads this answer; end quietly, unapplied.
        if (ctx.request.signal.aborted) return resetResponse();
        throw err;
      }
      return undefined;
    case "status":
      throw statusError(fault);
    case "spend_cap":
      throw new ApiError(429, "rate_limit_error", "Your organization has reached its monthly spend limit for its usage tier", {
        error_code: "enforced_spend_limit_reached",
      });
    case "reset":
      return resetResponse();
    case "truncate":
      return truncatedResponse(body, ctx.responseHeaders);
    case "revoke_key":
      if (secret) svc.revoked.add(secret);
      throw new ApiError(401, "authentication_error", "invalid x-api-key");
    case "drift":
      return undefined;
  }
}

function statusError(fault: Extract<Fault, { kind: "status" }>): ApiError {
  const headers: Record<string, string> = {};
  if (fault.retry_after !== undefined) headers["retry-after"] = String(fault.retry_after);
  if (fault.retry_after_ms !== undefined) headers["retry-after-ms"] = String(fault.retry_after_ms);
  if (fault.x_should_retry !== undefined) headers["x-should-retry"] = String(fault.x_should_retry);
  const type = fault.error_type ?? errorTypeForStatus(fault.status);
  const message = fault.message ?? `Injected fault: HTTP ${fault.status}.`;
  return new ApiError(fault.status, type, message, fault.error_code ? { error_code: fault.error_code } : undefined, headers);
}

function callOf(ctx: HookContext): FaultCall {
  return { tool: ctx.op.tool, method: ctx.request.method, path: new URL(ctx.request.url).pathname, requestId: ctx.requestId };
}

function presentedKey(headers: Headers): string | undefined {
  const key = headers.get("x-api-key");
  if (key) return key;
  return headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
}
