import type { Command } from "commander";
import { findOperation } from "../../../operations/index.js";
import type { GlobalOptions } from "../global-options.js";
import { type CliIo, readStdin } from "../io.js";
import { fail, runOperation, usage } from "../run-operation.js";

/** `call <TOOL_NAME> [JSON]`: any tool by name, with its JSON input as an argument or on stdin. */
export function addCallCommand(program: Command, io: CliIo): void {
  program
    .command("call")
    .summary("Call any tool by name with a JSON input")
    .description(
      "Call any tool by its name (see `anthropic-admin tools`) with its JSON input, given as an argument or on stdin. The same checks apply as for the named commands.",
    )
    .argument("<tool>", "tool name, e.g. ANTHROPIC_ADMINISTRATOR_LIST_MODELS")
    .argument("[json]", "the tool's input as JSON (default: read stdin when it is not a terminal, else {})")
    .option("-y, --yes", "carry out a destructive call (sets confirm: true)")
    .option("--dry-run", "for writes: print the request that would be sent, without sending it")
    .action(async (tool: string, json: string | undefined, opts: { yes?: boolean; dryRun?: boolean }, self: Command) => {
      const g = self.optsWithGlobals() as GlobalOptions;
      let text = json;
      if (text === "-" || (text === undefined && !io.stdin.isTTY)) text = await readStdin(io);
      text ??= "";
      let input: Record<string, unknown> = {};
      if (text.trim()) {
        try {
          input = JSON.parse(text);
        } catch (e) {
          return usage(io, `the input is not valid JSON: ${(e as Error).message}`);
        }
        if (!input || typeof input !== "object" || Array.isArray(input)) return usage(io, "the input must be a JSON object");
      }
      if (opts.yes) input.confirm = true;
      if (opts.dryRun) input.dry_run = true;
      const op = findOperation(tool);
      if (!op) {
        return fail(io, undefined, {}, {
          type: "unknown_tool",
          message: `Unknown tool ${JSON.stringify(tool)}`,
          hint: "list the tool names with `anthropic-admin tools`",
          retryable: false,
        });
      }
      await runOperation(op, input, g, io);
    });
}
