import { CommanderError } from "commander";
import { ToolkitError } from "../../verifier/errors.js";
import { EXIT, errorLine, exitCodeOf } from "./exit-codes.js";
import { type CliIo, err, processIo } from "./io.js";
import { buildProgram } from "./program.js";

/** Runs the CLI with the given argv (`[node, script, ...args]`) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    // Configuration refused while building the toolkit (e.g. a bad ANTHROPIC_ADMIN_POLICY).
    if (e instanceof ToolkitError) {
      err(io, errorLine(e.toJSON()));
      return exitCodeOf(e);
    }
    err(io, `anthropic-admin: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.failure;
  }
  return io.exitCode;
}
