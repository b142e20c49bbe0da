// Load generator of bench/mcp.ts, run in its own process so clients do not share the servers' CPU:
// node --import tsx bench/mcp-load.ts '<json LoadSpec>' → prints {"latencies":[…],"wallMs":…} on stdout.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createToolkit } from "../src/surfaces/toolkit.js";

/** What one load run does. */
export interface LoadSpec {
  mode: "direct" | "toolkit" | "mcp";
  clients: number;
  calls: number;
  warmup: number;
  /** Emulator base URL and its standard key (direct and toolkit modes). */
  emulatorUrl: string;
  apiKey: string;
  /** MCP endpoint and bearer token (mcp mode). */
  mcpUrl: string;
  token: string;
  tool: string;
  args: Record<string, unknown>;
  /** Path of the direct GET that the tool maps to. */
  path: string;
}

async function workers(spec: LoadSpec): Promise<{ calls: (() => Promise<void>)[]; close: () => Promise<void> }> {
  if (spec.mode === "direct") {
    const headers = { "x-api-key": spec.apiKey, "anthropic-version": "2023-06-01" };
    const call = async () => {
      const res = await fetch(`${spec.emulatorUrl}${spec.path}`, { headers });
      if (!res.ok) throw new Error(`direct call failed: HTTP ${res.status}`);
      await res.json();
    };
    return { calls: Array.from({ length: spec.clients }, () => call), close: async () => {} };
  }
  if (spec.mode === "toolkit") {
    const toolkit = createToolkit({ apiKey: spec.apiKey, baseURL: spec.emulatorUrl, audit: false, warn: () => {} });
    const call = async () => {
      const r = await toolkit.run(spec.tool, spec.args);
      if (!r.ok) throw new Error(`toolkit call failed: ${r.error.message}`);
    };
    return { calls: Array.from({ length: spec.clients }, () => call), close: () => toolkit.close() };
  }
  const clients: Client[] = [];
  for (let i = 0; i < spec.clients; i++) {
    const client = new Client({ name: `bench-${i}`, version: "0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(spec.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${spec.token}` } } }),
    );
    await client.listTools(); // the client caches output schemas to validate structuredContent
    clients.push(client);
  }
  return {
    calls: clients.map((client) => async () => {
      const r = await client.callTool({ name: spec.tool, arguments: spec.args });
      if (r.isError) throw new Error(`MCP call failed: ${JSON.stringify(r.content)}`);
    }),
    close: async () => {
      for (const c of clients) await c.close().catch(() => {});
    },
  };
}

async function drive(calls: (() => Promise<void>)[], perClient: number) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;
const w = await workers(spec);
await drive(w.calls, spec.warmup);
const result = await drive(w.calls, spec.calls);
await w.close();
process.stdout.write(JSON.stringify(result));
