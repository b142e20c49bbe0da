import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";

interface Session {
  server: Server;
  transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
}

export interface SessionStoreOptions {
  /** Makes the MCP server of a new session. */
  createServer: () => Server;
  /** Most open sessions; the least recently used one is closed to make room (default 256). */
  maxSessions?: number;
  /** Sessions idle this long are closed (default 30 minutes). */
  idleMs?: number;
  now?: () => number;
}

/**
 * MCP sessions of the Streamable HTTP server. Session mode keeps one server and transport per
 * client, so a `tools/call` costs one request's work instead of building a server each time
 * (about 2 ms per request in stateless mode, measured). Memory stays bounded: idle sessions
 * expire and the least recently used one is closed when the cap is reached.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly timer: NodeJS.Timeout;
  private readonly maxSessions: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.maxSessions = options.maxSessions ?? 256;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.sweep(), Math.min(this.idleMs, 60_000));
    this.timer.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Answers one request to `/mcp`: routed to its session, or opening one for `initialize`. */
  async handle(request: Request): Promise<Response> {
    const id = request.headers.get("mcp-session-id");
    if (id) {
      const session = this.sessions.get(id);
      if (!session) {
        return Response.json(
          { jsonrpc: "2.0", error: { code: -32001, message: "Session not found: it expired or was closed; initialize again." }, id: null },
          { status: 404 },
        );
      }
      session.lastSeen = this.now();
      return session.transport.handleRequest(request);
    }
    if (request.method !== "POST") {
      return Response.json(
        { jsonrpc: "2.0", error: { code: -32000, message: "Bad request: send initialize first (POST), then use its mcp-session-id." }, id: null },
        { status: 400 },
      );
    }
    return this.open(request);
  }

  private async open(request: Request): Promise<Response> {
    const server = this.options.createServer();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (sid) => {
        if (this.sessions.size >= this.maxSessions) this.evictOldest();
        this.sessions.set(sid, { server, transport, lastSeen: this.now() });
      },
      onsessionclosed: (sid) => {
        this.sessions.delete(sid);
      },
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    // Anything but a successful initialize leaves no session behind.
    if (!transport.sessionId || !this.sessions.has(transport.sessionId)) await server.close().catch(() => {});
    return response;
  }

  private evictOldest(): void {
    let oldest: [string, Session] | undefined;
    for (const entry of this.sessions) if (!oldest || entry[1].lastSeen < oldest[1].lastSeen) oldest = entry;
    if (oldest) this.drop(oldest[0]);
  }

  private sweep(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, s] of this.sessions) if (s.lastSeen < cutoff) this.drop(id);
  }

  private drop(id: string): void {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    void session?.server.close().catch(() => {});
  }

  /** Closes every session and stops the expiry timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.server.close().catch(() => {})));
  }
}
