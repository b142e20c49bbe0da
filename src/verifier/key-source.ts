import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Where a key comes from: a literal, an environment variable, a file (re-read on refresh, so a
 * rotated file is picked up without a restart), a command whose standard output is the key, or
 * a function.
 */
export type KeySource =
  | string
  | { env: string }
  | { file: string }
  | { command: string; args?: string[] }
  | (() => string | Promise<string>);

/** Reads the key now. Returns undefined when the source is empty; errors never contain the key. */
export async function readKey(source: KeySource | undefined): Promise<string | undefined> {
  if (source === undefined) return undefined;
  let value: string | undefined;
  if (typeof source === "string") value = source;
  else if (typeof source === "function") value = await source();
  else if ("env" in source) value = process.env[source.env];
  else if ("file" in source) value = await readFile(source.file, "utf8");
  else {
    const { stdout } = await run(source.command, source.args ?? [], { timeout: 30_000 });
    value = stdout;
  }
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Names the source without its value, for errors and audit lines. */
export function describeKeySource(source: KeySource | undefined): string {
  if (source === undefined) return "none";
  if (typeof source === "string") return "a literal key";
  if (typeof source === "function") return "a key function";
  if ("env" in source) return `environment variable ${source.env}`;
  if ("file" in source) return `file ${source.file}`;
  return `command ${source.command}`;
}
