import type { SseEvent } from "../sse.js";
import type { Block, ResponderTurn } from "./types.js";

/** The `usage` facts of one answer. */
export interface UsageFacts {
  input_tokens: number;
  service_tier: "standard" | "priority";
  inference_geo: string;
}

/** The Message object a non-streamed call answers (SDK 1.17.0 shape: every nullable field present). */
export function buildMessage(id: string, model: string, turn: ResponderTurn, facts: UsageFacts) {
  return {
    id,
    type: "message" as const,
    role: "assistant" as const,
    model,
    content: turn.content,
    stop_reason: turn.stop_reason,
    stop_sequence: turn.stop_sequence,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: facts.input_tokens,
      output_tokens: turn.output_tokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      server_tool_use: null,
      service_tier: facts.service_tier,
      inference_geo: facts.inference_geo,
      output_tokens_details: turn.thinking_tokens ? { thinking_tokens: turn.thinking_tokens } : null,
      speed: "standard" as const,
    },
  };
}

type Message = ReturnType<typeof buildMessage>;

/** Deltas carry up to 16 characters, a few tokens each, like the real stream. */
function pieces(s: string): string[] {
  return s.match(/[\s\S]{1,16}/g) ?? [""];
}

/**
 * The documented stream for a message: message_start (empty content, null stop_reason), a ping,
 * then per block start / deltas / stop, one message_delta with the stop reason and cumulative
 * usage, and message_stop.
 */
export function streamEvents(message: Message): SseEvent[] {
  const events: SseEvent[] = [];
  const push = (event: string, data: Record<string, unknown>) => events.push({ event, data: { type: event, ...data } });
  const usage = message.usage;
  push("message_start", {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens), output_tokens_details: null },
    },
  });
  push("ping", {});
  message.content.forEach((block, index) => {
    push("content_block_start", { index, content_block: emptyOf(block) });
    for (const delta of deltasOf(block)) push("content_block_delta", { index, delta });
    push("content_block_stop", { index });
  });
  push("message_delta", {
    delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence, stop_details: null, container: null },
    usage: {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      server_tool_use: null,
      output_tokens_details: usage.output_tokens_details,
    },
  });
  push("message_stop", {});
  return events;
}

function emptyOf(block: Block): Block {
  switch (block.type) {
    case "text":
      return { type: "text", text: "", citations: null };
    case "tool_use":
      return { ...block, input: {} };
    case "thinking":
      return { type: "thinking", thinking: "", signature: "" };
    default:
      return block;
  }
}

function deltasOf(block: Block): Array<Record<string, unknown>> {
  switch (block.type) {
    case "text":
      return pieces(String(block.text)).map((text) => ({ type: "text_delta", text }));
    case "tool_use":
      // The first piece may be empty, as the real stream sends it.
      return ["", ...pieces(JSON.stringify(block.input ?? {}))].map((partial_json) => ({ type: "input_json_delta", partial_json }));
    case "thinking":
      return [
        ...pieces(String(block.thinking)).map((thinking) => ({ type: "thinking_delta", thinking })),
        { type: "signature_delta", signature: block.signature },
      ];
    default:
      return [];
  }
}
