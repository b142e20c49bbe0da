import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { ToolkitOptions } from "../../verifier/options.js";
import type { Toolkit } from "../toolkit.js";
import { type ServeMode, toolkitForEnvironment } from "./mode.js";
import { createMcpServer } from "./server.js";

export interface StdioServerOptions {
  /** A ready toolkit; without one, the environment decides (sandbox when no key is set). */
  toolkit?: Toolkit;
  /** Options for the toolkit made when `toolkit` is not given. */
  toolkitOptions?: ToolkitOptions;
  /** Streams (default: process stdin and stdout). */
  stdin?: Readable;
  stdout?: Writable;
  /** Where human lines go (default: stderr). Never stdout, which carries only protocol frames. */
  log?: (line: string) => void;
}

/** A running stdio server. */
export interface StdioServerHandle {
  mode: ServeMode | "custom";
  /** Resolves when the client closes the connection (stdin ends). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves MCP over stdio: JSON-RPC frames on stdout, everything else on stderr. When it owns
 * process stdout it also routes `console.log`/`info`/`debug` to stderr, because one stray
 * line on stdout corrupts the protocol stream.
 */
export async function runStdioServer(options: StdioServerOptions = {}): Promise<StdioServerHandle> {
  const log = options.log ?? ((line: string) => process.stderr.write(`anthropic-admin: ${line}\n`));
  // Kept so close() gives an embedding host its console back.
  const saved = { log: console.log, info: console.info, debug: console.debug };
  if (!options.stdout) {
    console.log = console.error;
    console.info = console.error;
    console.debug = console.error;
  }
  let mode: StdioServerHandle["mode"] = "custom";
  let toolkit = options.toolkit;
  if (!toolkit) {
    const decision = toolkitForEnvironment(options.toolkitOptions);
    toolkit = decision.toolkit;
    mode = decision.mode;
    log(decision.line);
  }
  const server = createMcpServer(toolkit);
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  const ownsToolkit = !options.toolkit;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const stdin = options.stdin ?? process.stdin;
  // `end` and `close` both arrive when stdin ends: close everything once.
  let finishing: Promise<void> | undefined;
  const finish = () =>
    (finishing ??= (async () => {
      await server.close().catch(() => {});
      if (ownsToolkit) await toolkit.close().catch(() => {});
      if (!options.stdout) Object.assign(console, saved);
      resolveClosed();
    })());
  stdin.once("end", () => void finish());
  stdin.once("close", () => void finish());
  await server.connect(transport);
  return { mode, closed, close: finish };
}
