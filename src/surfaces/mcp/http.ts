import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { ToolkitError } from "../../verifier/errors.js";
import type { Toolkit } from "../toolkit.js";
import { buildCatalog } from "./catalog.js";
import {
  bearerOf,
  generateToken,
  hostAllowed,
  interfaceHosts,
  isLoopbackHost,
  isWildcard,
  originAllowed,
  type RebindingPolicy,
  tokenMatches,
} from "./guard.js";
import { createMcpServer } from "./server.js";
import { SessionStore } from "./sessions.js";

export interface HttpServerOptions {
  toolkit: Toolkit;
  /** Port (default 8787; 0 picks a free one). */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Bearer token clients must send; generated when not given (read it from the result). */
  token?: string;
  /** Browser origins allowed besides loopback ones. */
  allowedOrigins?: string[];
  /** Host header values allowed besides loopback names and the bound address. */
  allowedHosts?: string[];
  /** Required, together with an explicit `token`, to bind an address other machines can reach. */
  allowNonLoopback?: boolean;
  /**
   * Also accept the token as `?token=` on the URL. Off by default (URLs end up in logs); for
   * clients that cannot set headers, such as the MCP Inspector 0.15 CLI.
   */
  allowQueryToken?: boolean;
  /**
   * Stateless mode: a fresh server per request and no `mcp-session-id` (simplest to scale out,
   * about 2 ms more per call). Default: sessions, one server per client, bounded and expiring.
   */
  stateless?: boolean;
  /** Most open sessions (default 256). */
  maxSessions?: number;
}

export interface HttpServerHandle {
  /** Base URL, e.g. `http://127.0.0.1:8787`; the MCP endpoint is `${url}/mcp`. */
  url: string;
  port: number;
  host: string;
  token: string;
  /** True when the token was generated here (so the caller should show it once). */
  tokenGenerated: boolean;
  close(): Promise<void>;
}

/**
 * Streamable HTTP MCP server at `/mcp` (session mode by default, answers as JSON rather than
 * SSE since every tool call is one request and one answer), plus an unauthenticated `/healthz`.
 * Every request to `/mcp` is checked in this order: Host (421), Origin (403), bearer token (401).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) {
    if (!options.allowNonLoopback || !options.token) {
      throw new ToolkitError({
        type: "configuration_error",
        message: `Refusing to bind ${host}: other machines could reach it. Binding a non-loopback address needs both an explicit token and allowNonLoopback (CLI: --token and --allow-non-loopback).`,
        retryable: false,
      });
    }
  }
  const tokenGenerated = !options.token;
  const token = options.token ?? generateToken();
  const catalog = buildCatalog(options.toolkit);
  const sessions =
    options.stateless === true
      ? undefined
      : new SessionStore({ createServer: () => createMcpServer(options.toolkit, { catalog }), maxSessions: options.maxSessions });
  // A wildcard bind answers on every interface: their addresses are legitimate Host values.
  const allowedHosts = [...(options.allowedHosts ?? []), ...(isWildcard(host) ? interfaceHosts() : [])];
  const policy: RebindingPolicy = { host, port: 0, allowedHosts, allowedOrigins: options.allowedOrigins };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (!hostAllowed(request.headers.get("host"), policy)) {
      return rpcError(421, "Host header not allowed (DNS rebinding protection).");
    }
    if (!originAllowed(request.headers.get("origin"), policy)) {
      return rpcError(403, "Origin not allowed.");
    }
    if (url.pathname === "/healthz") {
      return Response.json({ status: "ok" });
    }
    if (url.pathname !== "/mcp") return rpcError(404, "Not found: the MCP endpoint is /mcp.");
    const presented = bearerOf(request.headers.get("authorization")) ?? (options.allowQueryToken ? url.searchParams.get("token") : undefined);
    if (!tokenMatches(presented, token)) {
      return rpcError(401, "Missing or wrong bearer token: send Authorization: Bearer <token>.", {
        "www-authenticate": 'Bearer realm="anthropic-admin"',
      });
    }
    if (sessions) return sessions.handle(request);
    const server = createMcpServer(options.toolkit, { catalog });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request);
    } finally {
      // JSON responses are complete when handleRequest resolves; stateless servers are one-shot.
      void server.close().catch(() => {});
    }
  };

  return new Promise((resolve, reject) => {
    const server = serve({ fetch: handle, port: options.port ?? 8787, hostname: host }, (info: AddressInfo) => {
      policy.port = info.port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        host,
        token,
        tokenGenerated,
        close: () =>
          new Promise<void>((done) => {
            void sessions?.close();
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.on("error", reject);
  });
}

function rpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, { status, headers });
}
