import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { usage } from "../run-operation.js";

/** `audit tail` and `audit search`: placeholder until the audit log reader lands. */
export function addAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command("audit").summary("Read the local audit log of calls");
  audit.command("tail").action(() => usage(io, "audit is not available in this build"));
}
