/**
 * Anthropic's `error.type` for each documented HTTP status (reference §3.2). The Verifier reads
 * it when a body names no type; the emulator's fault injection answers with it.
 */
export const ERROR_TYPE_BY_STATUS: Readonly<Record<number, string>> = Object.freeze({
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  408: "timeout_error",
  409: "conflict_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  502: "api_error",
  503: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
});

/** The documented type for a status, else `api_error` for 5xx and `invalid_request_error` otherwise. */
export function errorTypeForStatus(status: number): string {
  return ERROR_TYPE_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}
