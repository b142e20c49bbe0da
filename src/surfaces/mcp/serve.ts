import { resolveOptions, type ToolkitOptions } from "../../verifier/options.js";
import type { EmulatorServer } from "../../emulator/server.js";
import { isLoopbackHost } from "./guard.js";
import { type HttpServerOptions, startHttpServer } from "./http.js";
import { keysConfigured, type ServeMode, toolkitForEnvironment } from "./mode.js";

/** The HTTP server's own options pass through unchanged. */
type HttpPassThrough = Pick<
  HttpServerOptions,
  "port" | "host" | "token" | "allowedOrigins" | "allowedHosts" | "allowNonLoopback" | "allowQueryToken"
>;

export interface ServeOptions extends HttpPassThrough {
  /** Toolkit options (policy, allowTools, keys…); the environment fills the rest. */
  toolkit?: ToolkitOptions;
  /** Environment to decide the mode from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where the start-up lines go (default stderr). */
  log?: (line: string) => void;
  /**
   * Sandbox mode: the port of the emulator's own socket, so the CLI can reach the same
   * organization (default 4141, a free port when that is taken; `false` keeps it in-process).
   */
  emulatorPort?: number | false;
}

export interface ServeHandle {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8787/mcp`. */
  url: string;
  token: string;
  mode: ServeMode;
  /** Sandbox mode: the emulator's URL, for pointing the CLI or SDK at the same organization. */
  emulatorUrl?: string;
  close(): Promise<void>;
}

/**
 * The main job (`npm start`, `anthropic-admin serve`): the MCP server over Streamable HTTP.
 * With no key configured it serves the built-in sandbox organization and says so in one line;
 * with keys, the real API. A generated token is printed once, since clients need it.
 */
export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const log = options.log ?? ((line: string) => process.stderr.write(`anthropic-admin: ${line}\n`));
  const env = options.env ?? process.env;
  const given = options.toolkit ?? {};
  // Refuse a bad configuration (e.g. an unknown ANTHROPIC_ADMIN_POLICY) before opening any socket.
  resolveOptions(given, env);
  const { hasApi, hasAdmin } = keysConfigured(given, env);
  let emulator: EmulatorServer | undefined;
  if ((given.sandbox || (!hasApi && !hasAdmin)) && options.emulatorPort !== false) {
    emulator = await startSandboxEmulator(options.emulatorPort ?? DEFAULT_EMULATOR_PORT, options.host);
  }
  const sandboxServer = emulator && { url: emulator.url, apiKey: emulator.emulator.apiKey, adminKey: emulator.emulator.adminKey };
  const decision = toolkitForEnvironment(given, env, sandboxServer);
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
    await emulator?.close();
    throw err;
  }
  const url = `${http.url}/mcp`;
  log(decision.line);
  log(`MCP (Streamable HTTP) at ${url}; health at ${http.url}/healthz.`);
  if (http.tokenGenerated) log(`Bearer token for this run: ${http.token}  (pass --token to choose your own)`);
  log(`Connect Claude Code: claude mcp add --transport http anthropic-admin ${url} --header "Authorization: Bearer ${http.tokenGenerated ? http.token : "<your token>"}"`);
  if (emulator) {
    // Emulator keys are demo keys that only this local emulator accepts; showing them is the point.
    log(
      `Try the CLI on the same organization: ANTHROPIC_BASE_URL=${emulator.url} ANTHROPIC_API_KEY=${emulator.emulator.apiKey} ANTHROPIC_ADMIN_KEY=${emulator.emulator.adminKey} npx anthropic-admin users list`,
    );
  }
  return {
    url,
    token: http.token,
    mode: decision.mode,
    emulatorUrl: emulator?.url,
    close: async () => {
      await http.close();
      await decision.toolkit.close();
      await emulator?.close();
    },
  };
}

/** The emulator's usual port in sandbox mode (the same default as `anthropic-admin emulator`). */
const DEFAULT_EMULATOR_PORT = 4141;

/** Starts the sandbox emulator on a loopback socket; a taken port falls back to a free one. */
async function startSandboxEmulator(port: number, host: string | undefined): Promise<EmulatorServer> {
  const { startEmulatorServer } = await import("../../emulator/server.js");
  const bindHost = host && isLoopbackHost(host) ? host : "127.0.0.1";
  try {
    return await startEmulatorServer({ port, host: bindHost });
  } catch (err) {
    if ((err as { code?: string }).code !== "EADDRINUSE" || port === 0) throw err;
    return startEmulatorServer({ port: 0, host: bindHost });
  }
}
