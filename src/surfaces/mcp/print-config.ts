/** Clients `printConfig` knows. */
export const CONFIG_KINDS = ["claude-desktop", "claude-code", "cursor"] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/**
 * The package's single bin is `anthropic-admin`; `npx -y anthropic-administrator` runs it
 * without a global install (`npx anthropic-admin` would look up a different npm package).
 */
const NPX_ARGS = ["-y", "anthropic-administrator", "mcp"];

function serverEntry() {
  return {
    command: "npx",
    args: NPX_ARGS,
    env: { ANTHROPIC_API_KEY: "sk-ant-api03-...", ANTHROPIC_ADMIN_KEY: "sk-ant-admin01-..." },
  };
}

/**
 * Ready-to-paste set-up for an MCP client, with placeholder keys (leave both out to get the
 * built-in sandbox organization). JSON kinds print pure JSON so the output can be redirected
 * into the file; `configHint` says where it goes.
 * - `claude-desktop`: claude_desktop_config.json with the `mcpServers` entry
 * - `claude-code`: a `claude mcp add` command line
 * - `cursor`: `.cursor/mcp.json`
 */
export function printConfig(kind: ConfigKind | string): string {
  switch (kind) {
    case "claude-desktop":
    case "cursor":
      return JSON.stringify({ mcpServers: { "anthropic-admin": serverEntry() } }, null, 2);
    case "claude-code":
      return [
        "claude mcp add anthropic-admin \\",
        "  --env ANTHROPIC_API_KEY=sk-ant-api03-... \\",
        "  --env ANTHROPIC_ADMIN_KEY=sk-ant-admin01-... \\",
        `  -- npx ${NPX_ARGS.join(" ")}`,
      ].join("\n");
    default:
      throw new Error(`Unknown client ${JSON.stringify(kind)}; use one of ${CONFIG_KINDS.join(", ")}.`);
  }
}

/** One line saying where `printConfig(kind)` goes (for stderr or the README). */
export function configHint(kind: ConfigKind | string): string {
  switch (kind) {
    case "claude-desktop":
      return "Merge into claude_desktop_config.json (macOS: ~/Library/Application Support/Claude/, Windows: %APPDATA%\\Claude\\), then restart Claude Desktop. Leave the keys out for the sandbox organization.";
    case "claude-code":
      return "Run in your project; drop the --env lines for the sandbox organization. `claude mcp list` shows it.";
    case "cursor":
      return "Save as .cursor/mcp.json in your project (or ~/.cursor/mcp.json for all projects). Leave the keys out for the sandbox organization.";
    default:
      throw new Error(`Unknown client ${JSON.stringify(kind)}; use one of ${CONFIG_KINDS.join(", ")}.`);
  }
}
