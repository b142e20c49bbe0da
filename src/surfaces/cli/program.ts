import { Command } from "commander";
import { operations } from "../../operations/index.js";
import { addAgentCommand } from "./commands/agent.js";
import { addAuditCommands } from "./commands/audit.js";
import { addCallCommand } from "./commands/call.js";
import { addEmulatorCommand } from "./commands/emulator.js";
import { addMcpCommands } from "./commands/mcp.js";
import { addToolsCommand } from "./commands/tools.js";
import { ROOT_HELP_AFTER } from "./examples.js";
import { addGlobalOptions } from "./global-options.js";
import type { CliIo } from "./io.js";
import { addOperationCommand } from "./operation-command.js";
import { packageVersion } from "./version.js";

/** One-line summaries of the command groups; a group missing here gets a summary built from its verbs. */
const GROUP_SUMMARY: Record<string, string> = {
  messages: "Send messages to Claude and count their tokens",
  models: "List and inspect the Claude models this key can use",
  organization: "Your organization (Admin key)",
  users: "Organization members: list, change roles, remove (Admin key)",
  invites: "Invitations to the organization (Admin key)",
  workspaces: "Workspaces: create, rename, archive (Admin key)",
  members: "Workspace members and their workspace roles (Admin key)",
  "api-keys": "API keys: list, rename, deactivate, archive (Admin key)",
  "rate-limits": "Organization and workspace rate limits (Admin key)",
  usage: "Token usage report by time bucket (Admin key)",
  cost: "Cost report in USD by time bucket (Admin key)",
  "claude-code": "Claude Code usage report per user and day (Admin key)",
};

/** Builds the command tree: one `<group> <verb>` per registry operation plus the tool commands. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("anthropic-admin")
    .description(
      "Safe, verified access to the Anthropic API and Admin API: one command per operation, checked by the Verifier.\nTry: anthropic-admin --sandbox models list",
    )
    .version(packageVersion(), "-V, --version")
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .helpCommand(false)
    .addHelpText("after", ROOT_HELP_AFTER);
  addGlobalOptions(program);
  const groups = new Map<string, Command>();
  for (const op of operations) {
    let group = groups.get(op.group);
    if (!group) {
      const verbs = operations.filter((o) => o.group === op.group).map((o) => o.verb);
      group = program.command(op.group).summary(GROUP_SUMMARY[op.group] ?? `${op.group}: ${verbs.join(", ")}`);
      group.description(`${GROUP_SUMMARY[op.group] ?? op.group}. Commands: ${verbs.join(", ")}.`);
      groups.set(op.group, group);
    }
    addOperationCommand(group, op, io);
  }
  addCallCommand(program, io);
  addToolsCommand(program, io);
  addEmulatorCommand(program, io);
  addAuditCommands(program, io);
  addMcpCommands(program, io);
  addAgentCommand(program, io);
  return program;
}
