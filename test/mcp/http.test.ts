import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type HttpServerHandle, startHttpServer } from "../../src/surfaces/mcp/http.js";
import { createToolkit, type Toolkit } from "../../src/surfaces/toolkit.js";

const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

/** A raw POST with full control of Host and Origin (fetch would not let us set Host). */
function post(
  server: HttpServerHandle,
  path: string,
  headers: Record<string, string>,
  body: unknown = INIT,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        path,
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      },
      (res) => {
        let data = "";
        res.on("data", (d) => {
          data += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe("Streamable HTTP server", () => {
  let toolkit: Toolkit;
  let server: HttpServerHandle;
  before(async () => {
    toolkit = createToolkit({ sandbox: true, audit: false });
    server = await startHttpServer({ toolkit, port: 0, allowedOrigins: ["https://app.example.com"] });
  });
  after(async () => {
    await server.close();
    await toolkit.close();
  });

  it("generates a strong token when none is given", () => {
    assert.equal(server.tokenGenerated, true);
    assert.match(server.token, /^[A-Za-z0-9_-]{43}$/);
  });

  it("answers /healthz without a token", async () => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
  });

  it("refuses a request without the token (401) or with a wrong one", async () => {
    const none = await post(server, "/mcp", {});
    assert.equal(none.status, 401);
    assert.match(String(none.headers["www-authenticate"]), /^Bearer/);
    const wrong = await post(server, "/mcp", { authorization: "Bearer nope" });
    assert.equal(wrong.status, 401);
  });

  it("does not take the token from the URL unless allowed", async () => {
    const res = await post(server, `/mcp?token=${server.token}`, {});
    assert.equal(res.status, 401);
  });

  it("refuses a foreign Origin (403) even with the token", async () => {
    const res = await post(server, "/mcp", { authorization: `Bearer ${server.token}`, origin: "https://evil.example" });
    assert.equal(res.status, 403);
    const nullOrigin = await post(server, "/mcp", { authorization: `Bearer ${server.token}`, origin: "null" });
    assert.equal(nullOrigin.status, 403);
  });

  it("accepts loopback and configured origins", async () => {
    for (const origin of ["http://localhost:6274", "https://app.example.com"]) {
      const res = await post(server, "/mcp", { authorization: `Bearer ${server.token}`, origin });
      assert.equal(res.status, 200, origin);
    }
  });

  it("refuses a Host header naming another site (DNS rebinding) with 421", async () => {
    const res = await post(server, "/mcp", { authorization: `Bearer ${server.token}`, host: `evil.example:${server.port}` });
    assert.equal(res.status, 421);
    const ok = await post(server, "/mcp", { authorization: `Bearer ${server.token}`, host: `localhost:${server.port}` });
    assert.equal(ok.status, 200);
  });

  it("lists and calls tools with the token through the SDK client", async () => {
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${server.token}` } },
    });
    const client = new Client({ name: "test", version: "0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((t) => t.name === "ANTHROPIC_ADMINISTRATOR_LIST_MODELS"));
      const result = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS", arguments: { limit: 3 } });
      assert.equal((result.structuredContent as { data: unknown[] }).data.length, 3);
      // JSON answers carry no progress notifications, but asking for them must not break the call.
      const walked = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS", arguments: { all: true, limit: 5 } }, undefined, {
        onprogress: () => {},
      });
      assert.ok((walked.structuredContent as { data: unknown[] }).data.length > 5);
      const bad = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS", arguments: { limit: "x" } });
      assert.equal(bad.isError, true);
      assert.match(JSON.stringify(bad.content), /limit: expected number/);
    } finally {
      await client.close();
    }
  });
});

describe("HTTP sessions", () => {
  it("answers an unknown session id with 404 so the client initializes again", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const server = await startHttpServer({ toolkit, port: 0 });
    const auth = { authorization: `Bearer ${server.token}` };
    const init = await post(server, "/mcp", auth);
    assert.equal(init.status, 200);
    assert.match(String(init.headers["mcp-session-id"]), /^[0-9a-f-]{36}$/);
    const list = { jsonrpc: "2.0", id: 2, method: "tools/list" };
    const stale = await post(server, "/mcp", { ...auth, "mcp-session-id": "00000000-0000-0000-0000-000000000000" }, list);
    assert.equal(stale.status, 404);
    const noInit = await post(server, "/mcp", auth, list);
    assert.equal(noInit.status, 400);
    await server.close();
    await toolkit.close();
  });

  it("keeps at most maxSessions open, closing the least recently used", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const server = await startHttpServer({ toolkit, port: 0, maxSessions: 2 });
    const auth = { authorization: `Bearer ${server.token}` };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await post(server, "/mcp", auth)).headers["mcp-session-id"]));
    const ping = { jsonrpc: "2.0", id: 9, method: "ping" };
    const protocol = { "mcp-protocol-version": "2025-06-18" };
    assert.equal((await post(server, "/mcp", { ...auth, ...protocol, "mcp-session-id": ids[0] }, ping)).status, 404);
    assert.equal((await post(server, "/mcp", { ...auth, ...protocol, "mcp-session-id": ids[2] }, ping)).status, 200);
    await server.close();
    await toolkit.close();
  });

  it("serves stateless mode too (no session id, a fresh server per request)", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const server = await startHttpServer({ toolkit, port: 0, stateless: true });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${server.token}` } },
    });
    const client = new Client({ name: "test", version: "0" });
    await client.connect(transport);
    assert.equal(transport.sessionId, undefined);
    const result = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS", arguments: { limit: 1 } });
    assert.equal((result.structuredContent as { data: unknown[] }).data.length, 1);
    await client.close();
    await server.close();
    await toolkit.close();
  });
});

describe("binding rules", () => {
  it("refuses a non-loopback address without both a token and allowNonLoopback", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    await assert.rejects(startHttpServer({ toolkit, host: "0.0.0.0", port: 0 }), /non-loopback address needs both/);
    await assert.rejects(
      startHttpServer({ toolkit, host: "0.0.0.0", port: 0, allowNonLoopback: true }),
      /explicit token/,
    );
    await assert.rejects(startHttpServer({ toolkit, host: "0.0.0.0", port: 0, token: "t".repeat(32) }), /allowNonLoopback/);
    const server = await startHttpServer({ toolkit, host: "0.0.0.0", port: 0, token: "t".repeat(32), allowNonLoopback: true });
    assert.equal(server.tokenGenerated, false);
    await server.close();
    await toolkit.close();
  });

  it("takes ?token= when allowQueryToken is on (for clients that cannot set headers)", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const server = await startHttpServer({ toolkit, port: 0, allowQueryToken: true });
    const res = await post(server, `/mcp?token=${server.token}`, {});
    assert.equal(res.status, 200);
    assert.equal((JSON.parse(res.body) as { result: { serverInfo: { name: string } } }).result.serverInfo.name, "anthropic-administrator");
    await server.close();
    await toolkit.close();
  });
});
