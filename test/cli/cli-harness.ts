import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PassThrough, Writable } from "node:stream";
import type { CliIo } from "../../src/surfaces/cli/io.js";
import { main } from "../../src/surfaces/cli/main.js";

/** The repository root (tsx resolves from here). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What one CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a spawned CLI, without any Anthropic variable of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("ANTHROPIC_")) env[k] = v;
  return { ...env, NO_COLOR: "1", ...extra };
}

/** Runs `anthropic-admin ARGS` as a child process through tsx (no build needed). */
export function spawnCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; bin?: string[] } = {}): Promise<CliRun> {
  const bin = options.bin ?? ["--import", "tsx", "src/surfaces/cli/bin.ts"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...bin, ...args], { cwd: ROOT, env: options.env ?? cleanEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
}

/** Runs the CLI in this process with in-memory streams (fast; for cases that need no real process). */
export async function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; now?: () => number } = {}): Promise<CliRun> {
  const out: string[] = [];
  const errs: string[] = [];
  const stdin = new PassThrough();
  stdin.end(options.input ?? "");
  const io: CliIo = {
    stdout: sink(out),
    stderr: sink(errs),
    stdin,
    env: options.env ?? cleanEnv(),
    now: options.now ?? Date.now,
    exitCode: 0,
  };
  const code = await main(["node", "anthropic-admin", ...args], io);
  return { code, stdout: out.join(""), stderr: errs.join("") };
}
