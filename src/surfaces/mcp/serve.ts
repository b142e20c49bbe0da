import type { ToolkitOptions } from "../../verifier/options.js";
import { startHttpServer } from "./http.js";
import { type ServeMode, toolkitForEnvironment } from "./mode.js";

export interface ServeOptions {
  port?: number;
  host?: string;
  token?: string;
  allowedOrigins?: string[];
  allowedHosts?: string[];
  allowNonLoopback?: boolean;
  allowQueryToken?: boolean;
  /** Toolkit options (policy, allowTools, keys…); the environment fills the rest. */
  toolkit?: ToolkitOptions;
  /** Environment to decide the mode from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where the start-up lines go (default stderr). */
  log?: (line: string) => void;
}

export interface ServeHandle {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8787/mcp`. */
  url: string;
  token: string;
  mode: ServeMode;
  close(): Promise<void>;
}

/**
 * The main job (`npm start`, `anthropic-admin serve`): the MCP server over Streamable HTTP.
 * With no key configured it serves the built-in sandbox organization and says so in one line;
 * with keys, the real API. A generated token is printed once, since clients need it.
 */
export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const log = options.log ?? ((line: string) => process.stderr.write(`anthropic-admin: ${line}\n`));
  const decision = toolkitForEnvironment(options.toolkit, options.env ?? process.env);
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer({
      toolkit: decision.toolkit,
      port: options.port,
      host: options.host,
      token: options.token,
      allowedOrigins: options.allowedOrigins,
      allowedHosts: options.allowedHosts,
      allowNonLoopback: options.allowNonLoopback,
      allowQueryToken: options.allowQueryToken,
    });
  } catch (err) {
    await decision.toolkit.close();
    throw err;
  }
  const url = `${http.url}/mcp`;
  log(decision.line);
  log(`MCP (Streamable HTTP) at ${url}; health at ${http.url}/healthz.`);
  if (http.tokenGenerated) log(`Bearer token for this run: ${http.token}  (pass --token to choose your own)`);
  return {
    url,
    token: http.token,
    mode: decision.mode,
    close: async () => {
      await http.close();
      await decision.toolkit.close();
    },
  };
}
