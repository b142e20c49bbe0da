import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import type { AgentEvent, AgentToolCall } from "../../agent/types.js";
import { EXIT } from "../exit-codes.js";
import { type GlobalOptions, toolkitOptions } from "../global-options.js";
import { type CliIo, err, out } from "../io.js";
import { fail, usage } from "../run-operation.js";

/** Model the agent uses when `--model` is not given (the newest Sonnet in the reference model list). */
export const DEFAULT_AGENT_MODEL = "claude-sonnet-5-5";

interface AgentFlags {
  model?: string;
  maxTurns?: string;
  yes?: boolean;
  scenario?: string;
}

const short = (v: unknown) => {
  const text = JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
};

/**
 * Asks on the terminal before each destructive call. Without a terminal the answer is no,
 * unless `--yes` approved every destructive call up front.
 */
function terminalApproval(io: CliIo, approveAll: boolean) {
  return async (call: AgentToolCall): Promise<boolean> => {
    err(io, `! destructive: ${call.name} ${short(call.input)}`);
    if (approveAll) {
      err(io, "  approved by --yes");
      return true;
    }
    if (!io.stdin.isTTY) {
      err(io, "  refused: no terminal to ask (pass --yes to approve destructive calls)");
      return false;
    }
    const rl = createInterface({ input: io.stdin, output: io.stderr });
    try {
      const answer = await rl.question("  run it? [y/N] ");
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

function printEvent(io: CliIo, event: AgentEvent): void {
  if (event.type === "tool_call") err(io, `→ ${event.call.name} ${short(event.call.input)}`);
  else if (event.type === "tool_result") {
    const r = event.record;
    err(io, r.ok ? `  ok` : `  ${r.approved === false ? "refused" : "error"}: ${r.error?.type ?? ""} ${r.error?.message ?? ""}`.trimEnd());
  } else if (event.type === "assistant" && event.stop_reason === "tool_use") {
    for (const block of event.content) if (block.type === "text" && block.text) err(io, String(block.text));
  }
}

/** `agent "task"`: the Messages tool-use loop with every tool call checked by the Verifier. */
export function addAgentCommand(program: Command, io: CliIo): void {
  program
    .command("agent")
    .summary("Let Claude carry out an admin task with the tools, asking before destructive calls")
    .description(
      "Run the tool-use loop: Claude plans, the toolkit executes each tool call through the Verifier, and every destructive call is shown on the terminal for approval first. Progress goes to stderr, the final answer to stdout.",
    )
    .argument("<task>", 'what to do, e.g. "invite alice@example.com as a developer and add her to Research"')
    .option("--model <id>", `model id (default ${DEFAULT_AGENT_MODEL}; see models list)`)
    .option("--max-turns <n>", "most Messages calls before giving up (default 12)")
    .option("-y, --yes", "approve every destructive call without asking")
    .option("--scenario <file>", "with --sandbox: script the emulator's replies from a JSON scenario file (for demos and tests)")
    .action(async (task: string, flags: AgentFlags, self: Command) => {
      const g = self.optsWithGlobals() as GlobalOptions;
      const maxTurns = flags.maxTurns === undefined ? undefined : Number(flags.maxTurns);
      if (maxTurns !== undefined && (!Number.isInteger(maxTurns) || maxTurns < 1)) {
        return usage(io, `--max-turns: expected a whole number ≥ 1, received ${JSON.stringify(flags.maxTurns)}`);
      }
      if (flags.scenario && !g.sandbox) return usage(io, "--scenario needs --sandbox");
      const { createToolkit } = await import("../../toolkit.js");
      const { runAgent } = await import("../../agent/run-agent.js");
      const toolkit = createToolkit(toolkitOptions(g, io));
      try {
        if (flags.scenario) {
          const emulator = await toolkit.sandbox();
          const { installScenario, parseScenario } = await import("../../../emulator/responder/scenario.js");
          try {
            if (emulator) installScenario(emulator.state, parseScenario(JSON.parse(await readFile(flags.scenario, "utf8"))));
          } catch (e) {
            return usage(io, `--scenario: ${(e as Error).message}`);
          }
        }
        const result = await runAgent({
          task,
          model: flags.model ?? DEFAULT_AGENT_MODEL,
          toolkit,
          maxTurns,
          approve: terminalApproval(io, flags.yes === true),
          onEvent: (e) => printEvent(io, e),
        });
        if (result.error) return fail(io, undefined, {}, result.error);
        if (result.text) out(io, result.text);
        err(io, `[${result.turns} turn${result.turns === 1 ? "" : "s"}, ${result.calls.length} tool call${result.calls.length === 1 ? "" : "s"}, stop_reason ${result.stop_reason}]`);
        if (result.stop_reason === "max_turns") io.exitCode = EXIT.failure;
      } finally {
        await toolkit.close();
      }
    });
}
