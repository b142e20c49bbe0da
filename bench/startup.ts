import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "./stats.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = "dist/src/surfaces/cli/bin.js";
const RUNS = 21;
const NPX_RUNS = 5;

function timeOnce(command: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(0, 200)}`);
  return ms;
}

/** Runs the commands interleaved (so load changes hit all of them alike) and returns each median in ms. */
function interleaved(commands: [string, string[]][], runs: number): number[] {
  const times = commands.map(() => [] as number[]);
  for (const [c, a] of commands) timeOnce(c, a); // warm the file cache
  for (let i = 0; i < runs; i++) {
    for (const [k, [c, a]] of commands.entries()) times[k].push(timeOnce(c, a));
  }
  return times.map(median);
}

/**
 * CLI start-up: `node dist/…/bin.js --version` against `node -e 0`, interleaved, medians and
 * their ratio (target ≤ 4×); `--help` (which loads the registry) beside it; and, for reference,
 * `npx anthropic-admin --version`, whose time is mostly npm's own start (compared with `npx -c true`).
 */
export async function benchStartup(): Promise<string[]> {
  if (!existsSync(`${ROOT}${BIN}`)) {
    try {
      execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
    } catch {
      // Type errors elsewhere still emit JavaScript.
    }
  }
  const node = process.execPath;
  const [bare, version, help] = interleaved(
    [
      [node, ["-e", "0"]],
      [node, [BIN, "--version"]],
      [node, [BIN, "--help"]],
    ],
    RUNS,
  );
  const lines = [
    `node -e 0: ${bare.toFixed(1)} ms; node ${BIN} --version: ${version.toFixed(1)} ms → ${(version / bare).toFixed(2)}× (target ≤ 4×; medians of ${RUNS} interleaved runs)`,
    `  --help (loads commander and the registry): ${help.toFixed(1)} ms → ${(help / bare).toFixed(2)}×`,
  ];
  try {
    const [npxNoop, npxVersion] = interleaved(
      [
        ["npx", ["--offline", "-c", "true"]],
        ["npx", ["--offline", "anthropic-admin", "--version"]],
      ],
      NPX_RUNS,
    );
    lines.push(
      `  npx anthropic-admin --version: ${npxVersion.toFixed(0)} ms → ${(npxVersion / bare).toFixed(1)}× node -e 0; npm's own start (npx -c true) is ${npxNoop.toFixed(0)} ms of it, so the CLI adds ${(npxVersion - npxNoop).toFixed(0)} ms`,
    );
  } catch (err) {
    lines.push(`  npx reference skipped: ${err instanceof Error ? err.message : String(err)}`);
  }
  return lines;
}
