import type { Effect } from "../../operations/types.js";
import type { ErrorBody } from "../../verifier/errors.js";
import type { Toolkit } from "../toolkit.js";

/** A tool call the model asked for. */
export interface AgentToolCall {
  /** The `toolu_…` id of the tool_use block. */
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** The call's effect judged from its arguments; `destructive` calls go to `approve` first. */
  effect: Effect;
}

/** What happened to one tool call. */
export interface AgentCallRecord extends AgentToolCall {
  /** Only for destructive calls: the operator's answer. */
  approved?: boolean;
  ok: boolean;
  data?: unknown;
  error?: ErrorBody;
}

/** A message of the conversation as sent to the Messages API. */
export interface TranscriptMessage {
  role: "user" | "assistant";
  content: string | Record<string, unknown>[];
}

/** Progress the loop reports while it runs (the CLI prints these). */
export type AgentEvent =
  | { type: "assistant"; turn: number; content: Record<string, unknown>[]; stop_reason: string | null }
  | { type: "tool_call"; call: AgentToolCall }
  | { type: "tool_result"; record: AgentCallRecord };

export interface RunAgentOptions {
  /** What the operator wants done, in plain words. */
  task: string;
  /** Model id (take one from LIST_MODELS). */
  model: string;
  /** The toolkit that sends the messages and executes every tool call through the Verifier. */
  toolkit: Toolkit;
  /** Tool names the model may use (default: every tool the toolkit's policy exposes, except CREATE_MESSAGE). */
  tools?: string[];
  /** Asked before each destructive call; true runs it with confirm: true, false refuses it. */
  approve: (call: AgentToolCall) => boolean | Promise<boolean>;
  /** Most Messages calls before giving up (default 12). */
  maxTurns?: number;
  /** max_tokens of each Messages call (default 4096). */
  maxTokens?: number;
  /** Replaces the default system prompt. */
  system?: string;
  /** Longest tool result text handed back to the model (default 100,000 characters). */
  maxResultChars?: number;
  onEvent?: (event: AgentEvent) => void;
  signal?: AbortSignal;
}

export interface AgentResult {
  /** The model's last text (its answer to the operator). */
  text: string;
  /** Every message sent and received, in order. */
  transcript: TranscriptMessage[];
  calls: AgentCallRecord[];
  /** Messages calls made. */
  turns: number;
  /** The last stop_reason, `max_turns` when the loop ran out, or `error` when a Messages call failed. */
  stop_reason: string;
  /** Set when a Messages call failed. */
  error?: ErrorBody;
}
