import type { ErrorBody } from "../../verifier/errors.js";

/** Exit codes of `anthropic-admin`, one per kind of failure a script may want to tell apart. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  api4xx: 4,
  api5xx: 5,
  confirm: 6,
} as const;

const USAGE_TYPES = new Set(["invalid_input", "unknown_tool"]);
const AUTH_TYPES = new Set(["configuration_error", "authentication_error"]);
const POLICY_TYPES = new Set(["confirmation_required", "policy_denied"]);
const SERVER_TYPES = new Set(["connection_error", "timeout", "timeout_error", "api_error", "overloaded_error", "outcome_unknown", "schema_drift"]);

/** The exit code for a failed call. */
export function exitCodeOf(error: Pick<ErrorBody, "type" | "status">): number {
  if (USAGE_TYPES.has(error.type)) return EXIT.usage;
  if (AUTH_TYPES.has(error.type) || error.status === 401) return EXIT.auth;
  if (POLICY_TYPES.has(error.type)) return EXIT.confirm;
  if (error.status !== undefined && error.status >= 500) return EXIT.api5xx;
  if (error.status !== undefined && error.status >= 400) return EXIT.api4xx;
  if (SERVER_TYPES.has(error.type)) return EXIT.api5xx;
  return EXIT.failure;
}

/** What to do next when the error itself did not say. */
function defaultHint(error: ErrorBody, listCommand: string | undefined): string | undefined {
  switch (error.type) {
    case "not_found_error":
      return listCommand ? `check the id; list valid ones with \`anthropic-admin ${listCommand}\`` : "check the id";
    case "authentication_error":
      return "the key was refused: check ANTHROPIC_API_KEY / ANTHROPIC_ADMIN_KEY (or use --sandbox)";
    case "permission_error":
      return "this key may not do that: admin endpoints need an Admin key (ANTHROPIC_ADMIN_KEY)";
    case "rate_limit_error":
    case "overloaded_error":
      return "try again later";
    case "connection_error":
    case "timeout":
      return "check the network and --base-url";
    case "invalid_input":
      return "see --help for the fields";
    default:
      return undefined;
  }
}

/**
 * One line for stderr: type, status, message, hint, request id. Invalid-input messages name
 * the CLI flags (`--max-tokens`) rather than wire fields.
 */
export function errorLine(error: ErrorBody, options: { listCommand?: string; flagOf?: (path: string) => string } = {}): string {
  // The library's advice ("pass apiKey to createToolkit") means nothing on a command line.
  let message = error.message.replace(/\s*\(or pass \w+ to createToolkit\)/, "");
  if (error.type === "invalid_input" && error.issues?.length && options.flagOf) {
    const flagOf = options.flagOf;
    message = `${error.issues.map((i) => `${i.path ? flagOf(i.path) : "(input)"}: ${i.message}`).join("; ")}`;
  }
  const status = error.status !== undefined ? ` ${error.status}` : "";
  const hint = error.hint ?? defaultHint(error, options.listCommand);
  const rid = error.request_id ? ` [request_id ${error.request_id}]` : "";
  const line = `anthropic-admin: ${error.type}${status}: ${message}${hint ? ` (hint: ${hint.replace(/\.$/, "")})` : ""}${rid}`;
  return line.replace(/\s*\n\s*/g, " ");
}
