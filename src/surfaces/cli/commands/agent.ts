import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { usage } from "../run-operation.js";

/** `agent "task"`: placeholder until the agent loop lands. */
export function addAgentCommand(program: Command, io: CliIo): void {
  program.command("agent").argument("<task>").action(() => usage(io, "agent is not available in this build"));
}
