import type { Command } from "commander";
import { worstEffect } from "../../operations/derive.js";
import { toolInputSchema } from "../../operations/tool-input.js";
import type { AnyOperation } from "../../operations/types.js";
import { EXAMPLES } from "./examples.js";
import { FlagValueError } from "./fields.js";
import type { GlobalOptions } from "./global-options.js";
import { type CliIo, readStdin } from "./io.js";
import { buildInput, flagForPath, operationFlags } from "./operation-flags.js";
import { runOperation, usage } from "./run-operation.js";

const KEY_NAME = { api: "standard API key (ANTHROPIC_API_KEY)", admin: "Admin API key (ANTHROPIC_ADMIN_KEY)" };

function effectText(op: AnyOperation): string {
  if (typeof op.effect !== "function") return op.effect;
  return `depends on the arguments (up to ${worstEffect(op)})`;
}

/** Adds `<group> <verb>` for one operation: flags from its input schema, help from its descriptions. */
export function addOperationCommand(group: Command, op: AnyOperation, io: CliIo): Command {
  const flags = operationFlags(op, toolInputSchema(op));
  const cmd = group.command(op.verb).summary(op.title).description(`${op.title}.\n\n${op.description}`);
  for (const name of flags.positionals) {
    const field = flags.fields.find((f) => f.name === name);
    const text = name === "prompt" ? "The user message (fills messages with one user turn); - reads it from stdin." : (field?.description ?? name);
    cmd.argument(`[${name}]`, text);
  }
  for (const { option } of flags.options) cmd.addOption(option);
  const examples = EXAMPLES[op.tool];
  cmd.addHelpText(
    "after",
    `${examples ? `\nExamples:\n${examples.map((e) => `  ${e}`).join("\n")}\n` : ""}\nTool: ${op.tool}   ${op.method} ${op.path}\nNeeds: ${KEY_NAME[op.key]}   Effect: ${effectText(op)}${
      worstEffect(op) === "destructive" ? " (needs --yes; without it, a preview)" : ""
    }`,
  );
  cmd.action(async (...received: unknown[]) => {
    const self = received[received.length - 1] as Command;
    const args = self.processedArgs as (string | undefined)[];
    const g = self.optsWithGlobals() as GlobalOptions;
    let input: Record<string, unknown>;
    try {
      if (flags.positionals[0] === "prompt" && args[0] === "-") {
          args[0] = (await readStdin(io)).replace(/\n$/, "");
      }
      input = buildInput(op, flags, args, self.opts(), io.now());
    } catch (e) {
      if (e instanceof FlagValueError) return usage(io, e.message);
      throw e;
    }
    await runOperation(op, input, g, io, { flagOf: (path) => flagForPath(flags, path) });
  });
  return cmd;
}
