import type { Command } from "commander";
import { ToolkitError } from "../../../verifier/errors.js";
import type { ToolkitOptions } from "../../../verifier/options.js";
import { type GlobalOptions, guardrailOptions } from "../global-options.js";
import { type CliIo, err, out } from "../io.js";
import { usage } from "../run-operation.js";
import { intOption, untilSignal } from "./wait.js";

/** Toolkit options for the MCP servers: guardrails and audit from the global flags; keys from the environment. */
function serverToolkitOptions(g: GlobalOptions, io: CliIo): ToolkitOptions {
  return {
    ...guardrailOptions(g),
    baseURL: g.baseUrl,
    sandbox: g.sandbox ? true : undefined,
    warn: (m) => err(io, `anthropic-admin: warning: ${m}`),
  };
}

/** `mcp` (stdio MCP server, or `--print-config`) and `serve` (Streamable HTTP MCP server, the main job). */
export function addMcpCommands(program: Command, io: CliIo): void {
  program
    .command("mcp")
    .summary("Run the MCP server over stdio (for Claude Desktop, Claude Code, Cursor)")
    .description(
      "Serve every tool over the Model Context Protocol on stdio: protocol frames on stdout, logs on stderr. With no key set, serves the built-in sandbox organization. --print-config prints ready-to-paste set-up for a client.",
    )
    .option("--print-config <client>", "print set-up for claude-desktop, claude-code or cursor, and exit")
    .action(async (flags: { printConfig?: string }, self: Command) => {
      const g = self.optsWithGlobals() as GlobalOptions;
      if (flags.printConfig !== undefined) {
        const { printConfig, configHint, CONFIG_KINDS } = await import("../../mcp/print-config.js");
        if (!(CONFIG_KINDS as readonly string[]).includes(flags.printConfig)) {
          return usage(io, `--print-config: expected one of ${CONFIG_KINDS.join(", ")}, received ${JSON.stringify(flags.printConfig)}`);
        }
        out(io, printConfig(flags.printConfig));
        err(io, configHint(flags.printConfig));
        return;
      }
      const { runStdioServer } = await import("../../mcp/stdio.js");
      const handle = await runStdioServer({ toolkitOptions: serverToolkitOptions(g, io) });
      await Promise.race([handle.closed, untilSignal()]);
      await handle.close();
    });

  program
    .command("serve")
    .summary("Run the MCP server over Streamable HTTP at /mcp (npm start)")
    .description(
      "Serve every tool over MCP Streamable HTTP at /mcp, with /healthz. A bearer token is required (generated and printed when not given); Host and Origin are checked. With no key set, serves the built-in sandbox organization.",
    )
    .option("--port <n>", "port (default 8787; 0 picks a free one)")
    .option("--host <address>", "address to bind (default 127.0.0.1)")
    .option("--token <token>", "bearer token clients must send (default: generated and printed)")
    .option("--allow-non-loopback", "allow binding an address other machines can reach (needs --token)")
    .action(async (flags: { port?: string; host?: string; token?: string; allowNonLoopback?: boolean }, self: Command) => {
      const g = self.optsWithGlobals() as GlobalOptions;
      let port: number | undefined;
      try {
        port = intOption(flags.port, "port");
      } catch (e) {
        return usage(io, (e as Error).message);
      }
      const { startServe } = await import("../../mcp/serve.js");
      let handle: Awaited<ReturnType<typeof startServe>>;
      try {
        handle = await startServe({
          port,
          host: flags.host,
          token: flags.token,
          allowNonLoopback: flags.allowNonLoopback,
          toolkit: serverToolkitOptions(g, io),
          log: (line) => err(io, `anthropic-admin: ${line}`),
        });
      } catch (e) {
        // Configuration errors (a bad policy, a refused bind) carry their own exit code via main.
        if (e instanceof ToolkitError) throw e;
        return usage(io, (e as Error).message);
      }
      await untilSignal();
      await handle.close();
    });
}
