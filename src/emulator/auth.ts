import type { KeyKind } from "../operations/types.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./behaviours/types.js";
import type { EmulatorState } from "./state.js";

/**
 * Authenticates from `x-api-key`, else `Authorization: Bearer` (the official SDK sends Bearer),
 * and checks the credential kind against the route: a standard key on admin routes and an
 * admin key on inference routes are refused with 403 (reference §3.6).
 */
export function authenticate(headers: Headers, needs: KeyKind, state: EmulatorState): Caller {
  const key = headers.get("x-api-key") ?? bearer(headers.get("authorization"));
  if (!key) throw new ApiError(401, "authentication_error", "x-api-key header is required");
  if (state.adminKeys.has(key)) {
    if (needs === "api") {
      throw new ApiError(403, "permission_error", "Admin API keys cannot call this endpoint; use a standard API key.");
    }
    return { kind: "admin" };
  }
  const record = findApiKey(state, key);
  if (!record) throw new ApiError(401, "authentication_error", "invalid x-api-key");
  if (record.status !== "active") throw new ApiError(401, "authentication_error", `API key is ${record.status}`);
  if (needs === "admin") {
    throw new ApiError(403, "permission_error", "This endpoint requires an Admin API key (sk-ant-admin01-…); standard API keys are not accepted.");
  }
  return { kind: "api", apiKey: record };
}

function bearer(value: string | null): string | undefined {
  const m = value?.match(/^Bearer\s+(.+)$/i);
  return m?.[1]?.trim();
}

/** Finds the key record by secret through a per-state index kept beside the collection. */
function findApiKey(state: EmulatorState, secret: string) {
  let index = state.extra.get("auth:secretIndex") as { size: number; map: Map<string, string> } | undefined;
  if (!index || index.size !== state.apiKeys.size) {
    const map = new Map<string, string>();
    for (const k of state.apiKeys.all()) map.set(k._secret, k.id);
    index = { size: state.apiKeys.size, map };
    state.extra.set("auth:secretIndex", index);
  }
  const id = index.map.get(secret);
  return id ? state.apiKeys.get(id) : undefined;
}
