// `npm run bench`: every benchmark, each printing ratios measured side by side in one run.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Bench {
  file: string;
  fn: string;
  title: string;
}

const BENCHES: Bench[] = [
  { file: "./startup.ts", fn: "benchStartup", title: "CLI start-up (target ≤ 4× node -e 0)" },
  { file: "./overhead.ts", fn: "benchOverhead", title: "Toolkit overhead over the bare SDK (target ≤ 1.10× at the median)" },
  { file: "./scale.ts", fn: "benchScale", title: "Emulator at scale: 100,000 users, 10,000 API keys" },
  { file: "./goodput.ts", fn: "benchGoodput", title: "Goodput under a server rate limit (target ≤ 1.15× ideal, ≤ 5% 429s)" },
  { file: "./mcp.ts", fn: "benchMcp", title: "MCP over HTTP vs direct calls (target ≤ 1.25× at the median)" },
];

const only = process.argv.slice(2);
let failed = false;
for (const bench of BENCHES) {
  if (only.length && !only.some((o) => bench.file.includes(o))) continue;
  console.log(`\n== ${bench.title}`);
  if (!existsSync(fileURLToPath(new URL(bench.file, import.meta.url)))) {
    console.log(`   (missing: ${bench.file})`);
    failed = true;
    continue;
  }
  try {
    const mod = (await import(bench.file)) as Record<string, () => Promise<string[]>>;
    for (const line of await mod[bench.fn]()) console.log(`   ${line}`);
  } catch (err) {
    failed = true;
    console.log(`   failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exitCode = failed ? 1 : 0;
