import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Clients `printConfig` knows. */
export const CONFIG_KINDS = ["claude-desktop", "claude-code", "cursor"] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/**
 * This installation's compiled CLI: the config runs it with `node` by absolute path, which works
 * from a cloned checkout (built by `npm install`) and from an installed package alike, with no
 * download at client start and no clash with other npm packages named like the bin.
 */
export function installedBin(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && /"name":\s*"anthropic-administrator"/.test(readFileSync(pkg, "utf8"))) {
      return join(dir, "dist", "src", "surfaces", "cli", "bin.js");
    }
    dir = dirname(dir);
  }
  return "anthropic-admin";
}

function serverEntry(bin: string) {
  return {
    command: "node",
    args: [bin, "mcp"],
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
export function printConfig(kind: ConfigKind | string, bin: string = installedBin()): string {
  switch (kind) {
    case "claude-desktop":
    case "cursor":
      return JSON.stringify({ mcpServers: { "anthropic-admin": serverEntry(bin) } }, null, 2);
    case "claude-code":
      return [
        "claude mcp add anthropic-admin \\",
        "  --env ANTHROPIC_API_KEY=sk-ant-api03-... \\",
        "  --env ANTHROPIC_ADMIN_KEY=sk-ant-admin01-... \\",
        `  -- node ${JSON.stringify(bin)} mcp`,
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
