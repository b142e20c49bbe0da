import { effectOf } from "../../operations/derive.js";
import type { AnyOperation, Effect } from "../../operations/types.js";
import { errorText } from "../mcp/result.js";
import { toolDefinitions } from "../tools.js";
import type {
  AgentCallRecord,
  AgentResult,
  AgentToolCall,
  RunAgentOptions,
  TranscriptMessage,
} from "./types.js";

const CREATE_MESSAGE = "ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE";

const DEFAULT_SYSTEM =
  "You administer an Anthropic organization through the tools given (users, invites, workspaces, workspace members, " +
  "API keys, rate limits, usage and cost). Look things up before changing them: take ids from list tools, never guess. " +
  "Destructive calls are shown to the operator for approval before they run; you do not need to pass confirm. " +
  "If a tool returns an error, read it and fix the call or explain what blocks you. " +
  "Finish with a short summary of what you changed and anything left to do.";

interface MessageData {
  content: Record<string, unknown>[];
  stop_reason: string | null;
}

/**
 * The Messages tool-use loop (the "Distributor" pattern): the model plans, the toolkit executes
 * each tool call through the Verifier, destructive calls go to `approve` first, and results
 * go back as tool_result blocks until the model ends its turn or `maxTurns` is reached.
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentResult> {
  const { toolkit, onEvent } = options;
  const maxTurns = options.maxTurns ?? 12;
  const maxChars = options.maxResultChars ?? 100_000;
  const offered = offeredOperations(toolkit.operations(), options.tools);
  const byName = new Map(offered.map((op) => [op.tool, op]));
  const tools = toolDefinitions("anthropic", offered).map(withoutConfirm);

  const transcript: TranscriptMessage[] = [{ role: "user", content: options.task }];
  const calls: AgentCallRecord[] = [];
  let text = "";
  let turns = 0;

  while (turns < maxTurns) {
    turns++;
    const sent = await toolkit.run<MessageData>(
      CREATE_MESSAGE,
      {
        model: options.model,
        max_tokens: options.maxTokens ?? 4096,
        system: options.system ?? DEFAULT_SYSTEM,
        messages: transcript,
        ...(tools.length > 0 ? { tools } : {}),
      },
      { signal: options.signal },
    );
    if (!sent.ok) return { text, transcript, calls, turns, stop_reason: "error", error: sent.error };
    const { content, stop_reason } = sent.data;
    transcript.push({ role: "assistant", content });
    onEvent?.({ type: "assistant", turn: turns, content, stop_reason });
    const said = content.filter((b) => b.type === "text").map((b) => String(b.text));
    if (said.length > 0) text = said.join("\n");

    if (stop_reason === "pause_turn") continue; // server tools paused a long turn: send it back as is
    const uses = content.filter((b) => b.type === "tool_use");
    if (stop_reason !== "tool_use" || uses.length === 0) {
      return { text, transcript, calls, turns, stop_reason: stop_reason ?? "end_turn" };
    }

    const results: Record<string, unknown>[] = [];
    for (const block of uses) {
      const record = await execute(block, byName, options);
      calls.push(record);
      onEvent?.({ type: "tool_result", record });
      results.push(toolResultBlock(record, maxChars));
    }
    transcript.push({ role: "user", content: results });
  }
  return { text, transcript, calls, turns, stop_reason: "max_turns" };
}

/** Runs one tool_use block: unknown tools and refused destructive calls never reach the toolkit. */
async function execute(
  block: Record<string, unknown>,
  byName: Map<string, AnyOperation>,
  options: RunAgentOptions,
): Promise<AgentCallRecord> {
  const name = String(block.name);
  const input = (block.input && typeof block.input === "object" ? block.input : {}) as Record<string, unknown>;
  const op = byName.get(name);
  const call: AgentToolCall = { id: String(block.id), name, input, effect: op ? safeEffect(op, input) : "read" };
  options.onEvent?.({ type: "tool_call", call });
  if (!op) {
    return {
      ...call,
      ok: false,
      error: { type: "unknown_tool", message: `No tool named ${JSON.stringify(name)} is available to this agent.`, retryable: false },
    };
  }
  let args = input;
  let approved: boolean | undefined;
  if (call.effect === "destructive") {
    approved = (await options.approve(call)) === true;
    if (!approved) {
      return {
        ...call,
        approved,
        ok: false,
        error: { type: "policy_denied", message: "refused by the operator; nothing was sent. Do not retry this call; ask or explain instead.", retryable: false },
      };
    }
    args = { ...input, confirm: true };
  }
  const result = await options.toolkit.run(name, args, { signal: options.signal });
  const record: AgentCallRecord = { ...call, ok: result.ok };
  if (approved !== undefined) record.approved = approved;
  if (result.ok) record.data = result.data;
  else record.error = result.error;
  return record;
}

function toolResultBlock(record: AgentCallRecord, maxChars: number): Record<string, unknown> {
  let content = record.ok ? JSON.stringify(record.data ?? null) : errorText(record.error ?? { type: "api_error", message: "failed", retryable: false });
  if (content.length > maxChars) {
    content = `${content.slice(0, maxChars)}\n[truncated: ${content.length - maxChars} more characters; narrow the call (limit, filters) to see the rest]`;
  }
  return { type: "tool_result", tool_use_id: record.id, content, ...(record.ok ? {} : { is_error: true }) };
}

function offeredOperations(ops: AnyOperation[], names: string[] | undefined): AnyOperation[] {
  const wanted = names ? new Set(names) : undefined;
  return ops.filter((op) => op.tool !== CREATE_MESSAGE && (!wanted || wanted.has(op.tool)));
}

/** The loop sets `confirm` itself after approval, so the model is not offered the field. */
function withoutConfirm(def: unknown): Record<string, unknown> {
  const tool = def as { input_schema: { properties?: Record<string, unknown>; required?: string[] } };
  const properties = { ...(tool.input_schema.properties ?? {}) };
  delete properties.confirm;
  return { ...tool, input_schema: { ...tool.input_schema, properties } };
}

function safeEffect(op: AnyOperation, input: Record<string, unknown>): Effect {
  try {
    return effectOf(op, input);
  } catch {
    return "destructive"; // an effect function that cannot judge the input errs on the side of asking
  }
}
