import { guardrailsFromEnvironment } from "../../verifier/guardrail-env.js";
import type { ToolkitOptions } from "../../verifier/options.js";
import { createToolkit, type Toolkit } from "../toolkit.js";

/** Which organization a server answers for. */
export type ServeMode = "sandbox" | "api";

/** A toolkit chosen from the environment, and the one line that says which. */
export interface ModeDecision {
  mode: ServeMode;
  toolkit: Toolkit;
  /** One human line for stderr; names variables, never their values. */
  line: string;
}

/**
 * With no key configured (neither ANTHROPIC_API_KEY nor ANTHROPIC_ADMIN_KEY, nor a key in
 * `options`), serve the built-in sandbox organization so a first run works with no set-up;
 * with a key, serve the real API. `options.sandbox` forces the sandbox.
 */
export function toolkitForEnvironment(
  given: ToolkitOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  sandboxServer?: SandboxServer,
): ModeDecision {
  // `env` may differ from process.env (tests, embedding), so its guardrails are applied here too.
  const options = { ...guardrailsFromEnvironment(env), ...definedOnly(given) };
  const { hasApi, hasAdmin } = keysConfigured(given, env);
  if (options.sandbox || (!hasApi && !hasAdmin)) {
    const why = options.sandbox ? "Sandbox requested" : "No ANTHROPIC_API_KEY or ANTHROPIC_ADMIN_KEY set";
    if (sandboxServer) {
      // The emulator listens on a socket, so the CLI and the MCP tools share one organization.
      const toolkit = createToolkit({ ...options, sandbox: false, baseURL: sandboxServer.url, apiKey: sandboxServer.apiKey, adminKey: sandboxServer.adminKey });
      return {
        mode: "sandbox",
        toolkit,
        line: `${why}: serving the sandbox organization of the built-in emulator at ${sandboxServer.url} (nothing reaches Anthropic).${guardNote(toolkit)}`,
      };
    }
    const toolkit = createToolkit({ ...options, sandbox: options.sandbox || true });
    return {
      mode: "sandbox",
      toolkit,
      line: `${why}: serving the built-in sandbox organization (an in-process emulator; nothing reaches Anthropic).${guardNote(toolkit)}`,
    };
  }
  const toolkit = createToolkit(options);
  const keys = [hasApi ? "ANTHROPIC_API_KEY" : undefined, hasAdmin ? "ANTHROPIC_ADMIN_KEY" : undefined].filter(Boolean);
  const absent = hasAdmin ? "ANTHROPIC_API_KEY" : "ANTHROPIC_ADMIN_KEY";
  const missing = hasApi && hasAdmin ? "" : ` (${absent} is not set: the tools that need it will say so)`;
  return {
    mode: "api",
    toolkit,
    line: `Serving the Anthropic API at ${toolkit.options.baseURL} with ${keys.join(" and ")}${missing}.${guardNote(toolkit)}`,
  };
}

/** An emulator already listening, for the sandbox mode to talk to over HTTP. */
export interface SandboxServer {
  url: string;
  apiKey: string;
  adminKey: string;
}

/** Whether keys are configured by options or environment (the sandbox is served when neither is). */
export function keysConfigured(given: ToolkitOptions, env: NodeJS.ProcessEnv): { hasApi: boolean; hasAdmin: boolean } {
  return {
    hasApi: given.apiKey !== undefined || Boolean(env.ANTHROPIC_API_KEY),
    hasAdmin: given.adminKey !== undefined || Boolean(env.ANTHROPIC_ADMIN_KEY),
  };
}

/** Names the guardrails when they differ from the defaults, so the start-up line shows them. */
function guardNote(toolkit: Toolkit): string {
  const { policy, allowTools, allowWorkspaces } = toolkit.options;
  const parts = [
    policy === "confirm_destructive" ? undefined : `policy ${policy}`,
    allowTools ? `${allowTools.length} allowed tool${allowTools.length === 1 ? "" : "s"}` : undefined,
    allowWorkspaces ? `writes limited to ${allowWorkspaces.length} workspace${allowWorkspaces.length === 1 ? "" : "s"}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` Guardrails: ${parts.join(", ")}.` : "";
}

function definedOnly(o: ToolkitOptions): ToolkitOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ToolkitOptions;
}
