// MCP over Streamable HTTP vs direct calls to the same emulator endpoint, 8 concurrent clients.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startEmulatorServer } from "../src/emulator/server.js";
import { startHttpServer } from "../src/surfaces/mcp/http.js";
import { createToolkit } from "../src/surfaces/toolkit.js";
import type { LoadSpec } from "./mcp-load.js";
import { quantile } from "./stats.js";

const run = promisify(execFile);
const LOAD = fileURLToPath(new URL("./mcp-load.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

const CLIENTS = 8;
const CALLS_PER_CLIENT = 60;
const WARMUP_PER_CLIENT = 15;
const ROUNDS = 3;
const TOOL = "ANTHROPIC_ADMINISTRATOR_LIST_MODELS";
const ARGS = { limit: 20 };
/** Milliseconds the second scenario adds to every emulator answer, standing in for the network to api.anthropic.com. */
const SIMULATED_RTT_MS = 40;

interface Sample {
  latencies: number[];
  wallMs: number;
}

function merge(samples: Sample[]): Sample {
  return { latencies: samples.flatMap((s) => s.latencies), wallMs: samples.reduce((a, s) => a + s.wallMs, 0) };
}

function line(label: string, s: Sample): string {
  const rate = (s.latencies.length / s.wallMs) * 1000;
  return `${label.padEnd(38)} median ${quantile(s.latencies, 0.5).toFixed(2)} ms, p95 ${quantile(s.latencies, 0.95).toFixed(2)} ms, ${rate.toFixed(0)} calls/s`;
}

/**
 * `tools/call` of LIST_MODELS (limit 20) over the MCP HTTP server with 8 concurrent SDK clients,
 * beside 8 concurrent direct HTTP GETs of the same emulator endpoint, and `toolkit.run` in the
 * client process (the Verifier without MCP) to show where the time goes. Servers (emulator on a
 * loopback socket, MCP server) run here; the clients run in a child process, as real MCP clients
 * are other processes. Two backends: answering at once (pure CPU cost), then with a simulated
 * network round trip as the real API has. Rounds alternate so load drift hits every mode alike.
 */
export async function benchMcp(): Promise<string[]> {
  return [...(await scenario(0)), ...(await scenario(SIMULATED_RTT_MS))];
}

async function scenario(rttMs: number): Promise<string[]> {
  const hooks = rttMs > 0 ? [{ name: "simulated-rtt", before: () => new Promise<void>((r) => setTimeout(r, rttMs)) }] : [];
  const backend = await startEmulatorServer({ port: 0, hooks });
  const toolkit = createToolkit({
    apiKey: backend.emulator.apiKey,
    adminKey: backend.emulator.adminKey,
    baseURL: backend.url,
    audit: false,
    warn: () => {},
  });
  const mcp = await startHttpServer({ toolkit, port: 0 });
  const base: Omit<LoadSpec, "mode"> = {
    clients: CLIENTS,
    calls: CALLS_PER_CLIENT,
    warmup: WARMUP_PER_CLIENT,
    emulatorUrl: backend.url,
    apiKey: backend.emulator.apiKey,
    mcpUrl: `${mcp.url}/mcp`,
    token: mcp.token,
    tool: TOOL,
    args: ARGS,
    path: `/v1/models?limit=${ARGS.limit}`,
  };
  const load = async (mode: LoadSpec["mode"]): Promise<Sample> => {
    const { stdout } = await run(process.execPath, ["--import", TSX, LOAD, JSON.stringify({ ...base, mode })], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout) as Sample;
  };
  try {
    const runs = { direct: [] as Sample[], toolkit: [] as Sample[], mcp: [] as Sample[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.direct.push(await load("direct"));
      runs.toolkit.push(await load("toolkit"));
      runs.mcp.push(await load("mcp"));
    }
    const d = merge(runs.direct);
    const t = merge(runs.toolkit);
    const m = merge(runs.mcp);
    const ratio = quantile(m.latencies, 0.5) / quantile(d.latencies, 0.5);
    const overToolkit = quantile(m.latencies, 0.5) / quantile(t.latencies, 0.5);
    const backendNote = rttMs > 0 ? `+ ${rttMs} ms simulated network round trip` : "answering at once";
    return [
      `-- ${CLIENTS} concurrent clients × ${CALLS_PER_CLIENT} calls × ${ROUNDS} rounds, ${TOOL} limit ${ARGS.limit}, emulator on loopback ${backendNote}`,
      line("direct HTTP GET /v1/models", d),
      line("toolkit.run (Verifier, no MCP)", t),
      line("MCP tools/call over HTTP", m),
      `MCP vs direct at the median: ${ratio.toFixed(2)}× (target ≤ 1.25×: ${ratio <= 1.25 ? "met" : "NOT met"})`,
      `MCP vs toolkit.run at the median: ${overToolkit.toFixed(2)}× (the MCP hop alone)`,
    ];
  } finally {
    await mcp.close();
    await toolkit.close();
    await backend.close();
  }
}
