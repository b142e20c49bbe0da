import { z } from "zod";
import { defineOperation } from "./derive.js";

const cacheControl = z
  .object({ type: z.literal("ephemeral"), ttl: z.enum(["5m", "1h"]).optional() })
  .describe("Prompt-cache breakpoint.");

const TextBlock = z.looseObject({
  type: z.literal("text"),
  text: z.string().describe("The text."),
  cache_control: cacheControl.optional(),
});

const ImageBlock = z.looseObject({
  type: z.literal("image"),
  source: z
    .union([
      z.object({
        type: z.literal("base64"),
        media_type: z.enum(["image/jpeg", "image/png", "image/gif", "image/webp"]),
        data: z.string(),
      }),
      z.object({ type: z.literal("url"), url: z.string() }),
      z.object({ type: z.literal("file"), file_id: z.string() }),
    ])
    .describe("Image source: base64 data, a URL, or an uploaded file id."),
  cache_control: cacheControl.optional(),
});

const DocumentBlock = z.looseObject({
  type: z.literal("document"),
  source: z
    .looseObject({ type: z.enum(["base64", "url", "text", "content", "file"]) })
    .describe("PDF (base64 or URL), plain text, content blocks, or an uploaded file."),
  title: z.string().nullable().optional(),
  context: z.string().nullable().optional(),
  cache_control: cacheControl.optional(),
});

const ToolUseBlock = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().describe("toolu_… id of this tool call."),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});

const ToolResultBlock = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().describe("Id of the tool_use block this answers."),
  content: z.union([z.string(), z.array(z.union([TextBlock, ImageBlock, DocumentBlock]))]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl.optional(),
});

const ThinkingBlock = z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() });
const RedactedThinkingBlock = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() });

/** Input content blocks this toolkit validates in detail. */
export const InputContentBlockSchema = z.discriminatedUnion("type", [
  TextBlock,
  ImageBlock,
  DocumentBlock,
  ToolUseBlock,
  ToolResultBlock,
  ThinkingBlock,
  RedactedThinkingBlock,
]);

export const MessageParamSchema = z
  .object({
    role: z.enum(["user", "assistant", "system"]).describe("Who speaks this turn; system turns take text only."),
    content: z
      .union([z.string(), z.array(InputContentBlockSchema)])
      .describe("A string, or content blocks: text, image, document, tool_use, tool_result."),
  })
  .refine((m) => m.role !== "system" || typeof m.content === "string" || m.content.every((b) => b.type === "text"), {
    message: "a system turn takes a string or text blocks only",
    path: ["content"],
  });

export const ToolDefinitionSchema = z.looseObject({
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,128}$/)
    .describe("Tool name, 1-128 of [a-zA-Z0-9_-]."),
  description: z.string().optional().describe("What the tool does, for the model."),
  input_schema: z
    .looseObject({ type: z.literal("object") })
    .describe("JSON Schema of the tool's input; top level must be type object."),
  cache_control: cacheControl.optional(),
  strict: z.boolean().optional(),
});

const ToolChoiceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal("tool"), name: z.string(), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal("none") }),
]);

const ThinkingConfigSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("enabled"),
    budget_tokens: z.number().int().min(1024).describe("Thinking budget, ≥ 1024, counted within max_tokens."),
    display: z.enum(["summarized", "omitted"]).nullable().optional(),
  }),
  z.object({ type: z.literal("disabled") }),
  z.object({ type: z.literal("between_tools") }),
  z.object({ type: z.literal("adaptive"), display: z.enum(["summarized", "omitted"]).nullable().optional() }),
]);

const systemField = z
  .union([z.string(), z.array(TextBlock)])
  .optional()
  .describe("System prompt: a string or text blocks.");

const modelField = z.string().min(1).describe("Model id or alias, e.g. claude-sonnet-5-5. Take ids from LIST_MODELS.");
const messagesField = z
  .array(MessageParamSchema)
  .min(1)
  .max(100000)
  .describe("The conversation so far: alternating user and assistant turns; a final assistant turn is a prefill.");

const toolsField = z.array(ToolDefinitionSchema).optional().describe("Tools the model may call.");
const toolChoiceField = ToolChoiceSchema.optional().describe(
  "How the model picks tools: auto, any, a named tool, or none.",
);
const thinkingField = ThinkingConfigSchema.optional().describe("Extended thinking configuration.");

export const UsageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number().nullable().optional(),
  cache_read_input_tokens: z.number().nullable().optional(),
  cache_creation: z
    .object({ ephemeral_5m_input_tokens: z.number(), ephemeral_1h_input_tokens: z.number() })
    .nullable()
    .optional(),
  server_tool_use: z.looseObject({}).nullable().optional(),
  service_tier: z.enum(["standard", "priority", "batch"]).nullable().optional(),
  inference_geo: z.string().nullable().optional(),
  output_tokens_details: z.object({ thinking_tokens: z.number() }).nullable().optional(),
  speed: z.enum(["standard", "fast"]).nullable().optional(),
});

const ResponseContentBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string(), citations: z.array(z.unknown()).nullable().optional() }),
  z.object({
    type: z.literal("tool_use"),
    id: z.string(),
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
    caller: z.looseObject({ type: z.string() }).optional(),
  }),
  z.object({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() }),
  z.object({ type: z.literal("redacted_thinking"), data: z.string() }),
]);

export const MessageSchema = z.object({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  content: z.array(ResponseContentBlock),
  model: z.string(),
  stop_reason: z
    .enum(["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal", "model_context_window_exceeded"])
    .nullable(),
  stop_sequence: z.string().nullable(),
  stop_details: z.looseObject({ type: z.string() }).nullable().optional(),
  container: z.looseObject({}).nullable().optional(),
  diagnostics: z.object({ cache_miss_reason: z.string().nullable() }).nullable().optional(),
  usage: UsageSchema,
});

export type Message = z.infer<typeof MessageSchema>;

export const createMessage = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE",
  title: "Send a message to Claude",
  group: "messages",
  verb: "create",
  method: "POST",
  path: "/v1/messages",
  key: "api",
  input: z.object({
    model: modelField,
    messages: messagesField,
    max_tokens: z
      .number()
      .int()
      .min(0)
      .describe("Maximum tokens to generate; the model's own cap applies (0 only pre-warms the cache)."),
    system: systemField,
    temperature: z.number().min(0).max(1).optional().describe("Randomness 0-1 (older API versions only)."),
    top_p: z.number().min(0).max(1).optional().describe("Nucleus sampling 0-1 (older API versions only)."),
    top_k: z.number().int().min(0).optional().describe("Sample from the top K tokens (older API versions only)."),
    stop_sequences: z.array(z.string()).optional().describe("Strings that end generation when produced."),
    metadata: z
      .object({ user_id: z.string().nullable().optional().describe("Opaque end-user id; no personal data.") })
      .optional()
      .describe("Request metadata."),
    tools: toolsField,
    tool_choice: toolChoiceField,
    thinking: thinkingField,
    service_tier: z.enum(["auto", "standard_only"]).optional().describe("Use Priority Tier capacity when available (auto) or not."),
    stream: z.boolean().optional().describe("Stream the answer as Server-Sent Events (CLI: --stream)."),
  }),
  output: MessageSchema,
  effect: "write",
  idempotent: false,
  resendSafe: true,
  streams: true,
  description:
    "Send a conversation to a Claude model and get its reply (text and, when tools are given, tool_use blocks), with stop_reason and token usage. Use for any generation task; set tools and tool_choice for structured output. Known failures: a stale model id gives not_found_error (take ids from LIST_MODELS); max_tokens above the model's limit or a malformed turn order gives invalid_request_error; overloaded_error (529) and rate_limit_error (429) are retried by the toolkit. Each call is billed. Needs the standard API key (ANTHROPIC_API_KEY).",
});

export const countMessageTokens = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_COUNT_MESSAGE_TOKENS",
  title: "Count message tokens",
  group: "messages",
  verb: "count-tokens",
  method: "POST",
  path: "/v1/messages/count_tokens",
  key: "api",
  input: z.object({
    model: modelField,
    messages: messagesField,
    system: systemField,
    tools: toolsField,
    tool_choice: toolChoiceField,
    thinking: thinkingField,
  }),
  output: z.object({ input_tokens: z.number().int() }),
  effect: "read",
  idempotent: true,
  description:
    "Count the input tokens a CREATE_MESSAGE request would use, without sending it to the model: free, and separately rate-limited. Use it to check a prompt fits the context window or to estimate cost before a large call. Fails with not_found_error for an unknown model id (take ids from LIST_MODELS). Needs the standard API key.",
});

export const messageOperations = [createMessage, countMessageTokens];
