import type { ErrorBody } from "../../verifier/errors.js";
import type { ToolResult } from "../toolkit.js";

/** The key under `_meta` where results carry the Verifier's call meta and error body. */
export const META_KEY = "anthropic-administrator";

/** An MCP `CallToolResult`, as this server builds it. */
export interface McpToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

/**
 * Text a model can act on for a failed call: what went wrong, per-field problems, and the
 * next step (wait N s, set confirm: true, set a key variable). It never holds a secret:
 * every part comes from the error body, which carries none by construction.
 */
export function errorText(error: ErrorBody): string {
  const lines = [`${error.type}: ${error.message}`];
  if (error.issues?.length) {
    lines.push("Fix these fields:");
    for (const issue of error.issues) lines.push(`- ${issue.path || "(input)"}: ${issue.message}`);
  }
  if (error.type === "confirmation_required") {
    lines.push("Needs confirm: true. This call is destructive; call again with confirm: true only if that is intended.");
    const preview = error.details?.preview;
    if (preview !== undefined) lines.push(`Preview: ${JSON.stringify(preview)}`);
  }
  if (error.type === "configuration_error") {
    const variable = /ANTHROPIC_ADMIN_KEY/.test(`${error.message} ${error.hint ?? ""}`)
      ? "ANTHROPIC_ADMIN_KEY"
      : /ANTHROPIC_API_KEY/.test(`${error.message} ${error.hint ?? ""}`)
        ? "ANTHROPIC_API_KEY"
        : undefined;
    if (variable === "ANTHROPIC_ADMIN_KEY" && /none is configured|missing/i.test(error.message)) {
      lines.push("Admin key missing: set ANTHROPIC_ADMIN_KEY in the MCP server's environment and restart it.");
    } else if (variable === "ANTHROPIC_API_KEY" && /none is configured|missing/i.test(error.message)) {
      lines.push("API key missing: set ANTHROPIC_API_KEY in the MCP server's environment and restart it.");
    }
  }
  if (error.retry_after_ms !== undefined) {
    lines.push(`Retry after ${Math.max(1, Math.ceil(error.retry_after_ms / 1000))} s.`);
  } else if (error.retryable) {
    lines.push("This failure is temporary; retrying later may succeed.");
  }
  if (error.hint && !lines.some((l) => l.includes(error.hint as string))) lines.push(`Hint: ${error.hint}`);
  if (error.request_id) lines.push(`request_id: ${error.request_id}`);
  return lines.join("\n");
}

/**
 * Turns a toolkit result into an MCP tool result: success → `structuredContent` (always an
 * object, as MCP requires) plus the same JSON as text for clients that read only text;
 * failure → an `isError` result whose text says what to do next.
 */
export function toMcpResult(result: ToolResult): McpToolResult {
  if (!result.ok) {
    return {
      content: [{ type: "text", text: errorText(result.error) }],
      isError: true,
      _meta: { [META_KEY]: { error: result.error, ...(result.meta ? { meta: result.meta } : {}) } },
    };
  }
  const data = result.data;
  // A dry run answers `{ dry_run: true, request }` instead of the resource; the catalog's output
  // schema declares both fields, so clients that validate structuredContent still accept it.
  const structured =
    data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : { result: data ?? null };
  return {
    content: [{ type: "text", text: JSON.stringify(structured) }],
    structuredContent: structured,
    _meta: { [META_KEY]: { meta: result.meta } },
  };
}
