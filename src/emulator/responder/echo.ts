import { createHash } from "node:crypto";
import { exampleFromSchema } from "./schema-value.js";
import { blockTokens, textTokens, truncateToTokens } from "./tokens.js";
import type { Block, MessagesRequest, ResponderTurn } from "./types.js";

/**
 * The default responder: no model behind it, just a deterministic answer that honours the
 * request's controls the way a model would. It echoes the last user text ("Echo: …"), calls the
 * forced tool (tool_choice tool/any) with an input that validates against its schema, writes a
 * thinking block when thinking is on, stops at the first stop sequence, and cuts at max_tokens.
 */
export function echoResponder(req: MessagesRequest, newId: (prefix: string) => string): ResponderTurn {
  const maxTokens = req.max_tokens ?? 0;
  const content: Block[] = [];
  let used = 0;
  let thinkingTokens = 0;

  const thinking = thinkingBlock(req);
  if (thinking && maxTokens > 0) {
    const budget = Math.min(req.thinking?.budget_tokens ?? maxTokens, maxTokens);
    thinking.thinking = truncateToTokens(thinking.thinking, budget);
    thinking.signature = signatureOf(thinking.thinking);
    thinkingTokens = blockTokens(thinking);
    used += thinkingTokens;
    content.push(thinking);
  }
  const remaining = maxTokens - used;

  const tool = forcedTool(req);
  if (tool) {
    const block: Block = { type: "tool_use", id: newId("toolu"), name: tool.name, input: exampleFromSchema(tool.input_schema ?? {}) };
    const cost = blockTokens(block);
    // An unfinished tool call is never handed out: it would not parse.
    if (cost > remaining) return done(content, "max_tokens", null, maxTokens, thinkingTokens);
    content.push(block);
    return done(content, "tool_use", null, used + cost, thinkingTokens);
  }

  const full = `Echo: ${lastUserText(req)}`;
  const stop = firstStopSequence(full, req.stop_sequences ?? []);
  const untilStop = stop ? full.slice(0, stop.index) : full;
  let text = untilStop;
  let reason: ResponderTurn["stop_reason"] = stop ? "stop_sequence" : "end_turn";
  if (textTokens(untilStop) > remaining) {
    text = truncateToTokens(untilStop, remaining);
    reason = "max_tokens";
  }
  if (text.length > 0 || reason === "end_turn" || reason === "stop_sequence") content.push({ type: "text", text, citations: null });
  return done(content, reason, reason === "stop_sequence" ? stop!.sequence : null, used + textTokens(text), thinkingTokens);
}

function done(
  content: Block[],
  stop_reason: ResponderTurn["stop_reason"],
  stop_sequence: string | null,
  output_tokens: number,
  thinking_tokens: number,
): ResponderTurn {
  return { content, stop_reason, stop_sequence, output_tokens, thinking_tokens };
}

/** The tool a request forces: the named one for `tool`, the first for `any`. */
function forcedTool(req: MessagesRequest) {
  const choice = req.tool_choice;
  if (!choice || !req.tools?.length) return undefined;
  if (choice.type === "tool") return req.tools.find((t) => t.name === choice.name);
  if (choice.type === "any") return req.tools[0];
  return undefined;
}

function thinkingBlock(req: MessagesRequest): { type: "thinking"; thinking: string; signature: string } | undefined {
  const t = req.thinking;
  if (!t || (t.type !== "enabled" && t.type !== "adaptive")) return undefined;
  const text = t.display === "omitted" ? "" : `The user wrote: ${lastUserText(req).slice(0, 200)}. I will echo it back.`;
  return { type: "thinking", thinking: text, signature: "" };
}

/** An opaque, deterministic stand-in for the real signature. */
function signatureOf(thinking: string): string {
  return createHash("sha256").update(`emulator:${thinking}`).digest("base64");
}

/** Text of the last user turn: its text blocks, else the text inside its tool results. */
export function lastUserText(req: Pick<MessagesRequest, "messages">): string {
  const last = [...req.messages].reverse().find((m) => m.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  const texts = last.content.filter((b) => b.type === "text").map((b) => String(b.text));
  if (texts.length) return texts.join("\n");
  const results: string[] = [];
  for (const b of last.content) {
    if (b.type !== "tool_result") continue;
    if (typeof b.content === "string") results.push(b.content);
    else if (Array.isArray(b.content)) for (const c of b.content as Block[]) if (c.type === "text") results.push(String(c.text));
  }
  return results.join("\n");
}

function firstStopSequence(text: string, sequences: string[]): { index: number; sequence: string } | undefined {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (!sequence) continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (!best || index < best.index)) best = { index, sequence };
  }
  return best;
}
