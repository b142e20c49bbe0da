import { ToolkitError } from "./errors.js";
import type { Policy, ToolkitOptions } from "./options.js";

const POLICIES: readonly Policy[] = ["read_only", "confirm_destructive", "open"];

/**
 * A policy name as given by a person or a config, refused by name when unknown: a typo must never
 * quietly behave like `open`.
 */
export function checkPolicy(value: string, source: string): Policy {
  if ((POLICIES as readonly string[]).includes(value)) return value as Policy;
  throw new ToolkitError({
    type: "configuration_error",
    message: `${source} must be one of ${POLICIES.join(", ")}, not ${JSON.stringify(value)}.`,
    retryable: false,
  });
}

/**
 * Guardrails from the environment, so every surface (and servers started by an MCP client, whose
 * config can set only `env`) honours them: ANTHROPIC_ADMIN_POLICY (read_only | confirm_destructive | open),
 * ANTHROPIC_ADMIN_ALLOW_TOOLS and ANTHROPIC_ADMIN_ALLOW_WORKSPACES (comma-separated).
 * Options given explicitly (CLI flags) win. An unknown policy is refused rather than ignored.
 */
export function guardrailsFromEnvironment(env: NodeJS.ProcessEnv): ToolkitOptions {
  const out: ToolkitOptions = {};
  const policy = env.ANTHROPIC_ADMIN_POLICY?.trim();
  if (policy) out.policy = checkPolicy(policy, "ANTHROPIC_ADMIN_POLICY");
  const list = (raw: string | undefined) => raw?.split(",").map((x) => x.trim()).filter(Boolean);
  const tools = list(env.ANTHROPIC_ADMIN_ALLOW_TOOLS);
  if (tools?.length) out.allowTools = tools;
  const workspaces = list(env.ANTHROPIC_ADMIN_ALLOW_WORKSPACES);
  if (workspaces?.length) out.allowWorkspaces = workspaces;
  return out;
}

