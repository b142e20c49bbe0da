import type { Command } from "commander";
import { worstEffect } from "../../../operations/derive.js";
import { TOOL_FORMATS, type ToolFormat } from "../../tools.js";
import { type GlobalOptions, guardrailOptions } from "../global-options.js";
import { type CliIo, out } from "../io.js";
import { renderTable } from "../output/table.js";
import { usage } from "../run-operation.js";

/** `tools [--format F]`: tool definitions for agent frameworks, or a table of the tools for people. */
export function addToolsCommand(program: Command, io: CliIo): void {
  program
    .command("tools")
    .summary("Tool definitions for agent frameworks")
    .description(
      `Print the tool definitions in one format (${TOOL_FORMATS.join(", ")}) as JSON, filtered by --policy and --allow-tools. Without --format, a table of the tools.`,
    )
    .option("--format <format>", `one of ${TOOL_FORMATS.join(", ")}`)
    .action(async (opts: { format?: string }, self: Command) => {
      const g = self.optsWithGlobals() as GlobalOptions;
      if (opts.format && !(TOOL_FORMATS as readonly string[]).includes(opts.format)) {
        return usage(io, `--format: expected one of ${TOOL_FORMATS.join(", ")}, received ${JSON.stringify(opts.format)}`);
      }
      const { createToolkit } = await import("../../toolkit.js");
      const toolkit = createToolkit({ ...guardrailOptions(g), audit: false });
      const format = (opts.format ?? (g.json || g.ndjson ? "json-schema" : undefined)) as ToolFormat | undefined;
      if (format) {
        const defs = toolkit.tools(format);
        if (g.ndjson) for (const d of defs) out(io, JSON.stringify(d));
        else out(io, JSON.stringify(defs, null, 2));
        return;
      }
      const ops = toolkit.operations();
      out(
        io,
        renderTable(
          [{ header: "tool" }, { header: "command" }, { header: "effect" }, { header: "key" }],
          ops.map((op) => [op.tool, `${op.group} ${op.verb}`, worstEffect(op), op.key]),
        ),
      );
      out(io, `${ops.length} tools; --format ${TOOL_FORMATS.join("|")} prints their definitions`);
    });
}
