import { CommanderError } from "commander";
import { EXIT } from "./exit-codes.js";
import { type CliIo, err, processIo } from "./io.js";
import { buildProgram } from "./program.js";

/** Runs the CLI with the given argv (`[node, script, ...args]`) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    err(io, `anthropic-admin: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.failure;
  }
  return io.exitCode;
}
