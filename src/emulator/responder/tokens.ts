import type { Block, MessagesRequest } from "./types.js";

/**
 * The emulator's deterministic token counter, shared by count_tokens and the usage of every
 * Messages answer so the two always agree. Roughly one token per four characters, plus fixed
 * per-message and per-tool overheads like the real tokenizer's framing.
 */
export const CHARS_PER_TOKEN = 4;

const REQUEST_OVERHEAD = 3;
const MESSAGE_OVERHEAD = 4;
const TOOLS_PREAMBLE = 20;
const TOOL_OVERHEAD = 8;
const IMAGE_TOKENS = 1_000;
const FILE_TOKENS = 1_000;

/** Tokens of a piece of text (0 for the empty string). */
export function textTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The longest prefix of `text` that fits in `tokens` tokens. */
export function truncateToTokens(text: string, tokens: number): string {
  return text.slice(0, Math.max(0, tokens) * CHARS_PER_TOKEN);
}

/** Input tokens of a Messages request (system, messages, tools, tool choice, thinking). */
export function countInputTokens(req: Pick<MessagesRequest, "messages" | "system" | "tools" | "tool_choice" | "thinking">): number {
  let n = REQUEST_OVERHEAD;
  if (typeof req.system === "string") n += textTokens(req.system);
  else if (Array.isArray(req.system)) for (const b of req.system) n += blockTokens(b);
  for (const m of req.messages) n += MESSAGE_OVERHEAD + contentTokens(m.content);
  if (req.tools?.length) {
    n += TOOLS_PREAMBLE;
    for (const t of req.tools) {
      n += TOOL_OVERHEAD + textTokens(t.name) + textTokens(t.description ?? "") + textTokens(JSON.stringify(t.input_schema ?? {}));
    }
  }
  if (req.tool_choice && req.tool_choice.type !== "auto") n += textTokens(JSON.stringify(req.tool_choice));
  if (req.thinking && req.thinking.type !== "disabled") n += textTokens(req.thinking.type);
  return n;
}

/** Tokens of a message's content (string or blocks). */
export function contentTokens(content: string | Block[]): number {
  if (typeof content === "string") return textTokens(content);
  let n = 0;
  for (const b of content) n += blockTokens(b);
  return n;
}

/** Tokens of one content block, input or output. */
export function blockTokens(b: Block): number {
  switch (b.type) {
    case "text":
      return textTokens(String(b.text ?? ""));
    case "image":
      return IMAGE_TOKENS;
    case "document":
      return documentTokens(b);
    case "tool_use":
      return 4 + textTokens(String(b.name ?? "")) + textTokens(JSON.stringify(b.input ?? {}));
    case "tool_result":
      return 4 + (b.content === undefined ? 0 : contentTokens(b.content as string | Block[]));
    case "thinking":
      return textTokens(String(b.thinking ?? ""));
    case "redacted_thinking":
      return textTokens(String(b.data ?? ""));
    default:
      return textTokens(JSON.stringify(b));
  }
}

function documentTokens(b: Block): number {
  const source = (b.source ?? {}) as Record<string, unknown>;
  const framing = textTokens(String(b.title ?? "")) + textTokens(String(b.context ?? ""));
  if (source.type === "text") return framing + textTokens(String(source.data ?? ""));
  if (source.type === "content" && Array.isArray(source.content)) return framing + contentTokens(source.content as Block[]);
  // A PDF: its decoded size drives the count, about 100 bytes a token.
  if (source.type === "base64") return framing + Math.ceil((String(source.data ?? "").length * 3) / 4 / 100);
  return framing + FILE_TOKENS;
}

/** Output tokens of the blocks an answer holds. */
export function outputTokens(content: Block[]): number {
  let n = 0;
  for (const b of content) n += blockTokens(b);
  return n;
}
