/** An error the emulator answers with Anthropic's envelope: `{type:"error", error:{type, message, details?}, request_id}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** 400 invalid_request_error, optionally with a documented `error_code`. */
export function invalidRequest(message: string, errorCode?: string, extra?: Record<string, unknown>): ApiError {
  return new ApiError(400, "invalid_request_error", message, errorCode ? { error_code: errorCode, ...extra } : undefined);
}

/** 404 not_found_error naming what was not found. */
export function notFound(message: string): ApiError {
  return new ApiError(404, "not_found_error", message);
}

/** 403 permission_error. */
export function permissionDenied(message: string, errorCode?: string): ApiError {
  return new ApiError(403, "permission_error", message, errorCode ? { error_code: errorCode } : undefined);
}

/** 409 conflict_error. */
export function conflict(message: string, errorCode?: string): ApiError {
  return new ApiError(409, "conflict_error", message, errorCode ? { error_code: errorCode } : undefined);
}

/** The JSON body of an error answer. */
export function errorEnvelope(err: ApiError, requestId: string) {
  const error: Record<string, unknown> = { type: err.type, message: err.message };
  if (err.details) error.details = err.details;
  return { type: "error", error, request_id: requestId };
}
