import { z } from "zod";
import { defineOperation } from "./derive.js";
import { cursorPage, cursorPageInput, idField } from "./shared.js";

const support = z.object({ supported: z.boolean() });

const CapabilitiesSchema = z.object({
  batch: support,
  citations: support,
  code_execution: support,
  context_management: z.object({
    supported: z.boolean(),
    clear_thinking_20251015: support.nullable(),
    clear_tool_uses_20250919: support.nullable(),
    compact_20260112: support.nullable(),
  }),
  effort: z.object({
    supported: z.boolean(),
    low: support,
    medium: support,
    high: support,
    max: support,
    xhigh: support.nullable(),
  }),
  image_input: support,
  pdf_input: support,
  server_tools: z.object({ supported: z.boolean(), code_execution: support, web_search: support }).optional(),
  structured_outputs: support,
  thinking: z.object({
    supported: z.boolean(),
    types: z.object({
      adaptive: support,
      enabled: support,
      disabled: support.optional(),
      between_tools: support.optional(),
    }),
  }),
});

/** `ModelInfo`; fields added after 2025 are optional so older servers do not read as drift. */
export const ModelInfoSchema = z.object({
  id: z.string(),
  type: z.literal("model"),
  display_name: z.string(),
  created_at: z.string(),
  max_input_tokens: z.number().nullable().optional(),
  max_tokens: z.number().nullable().optional(),
  lifecycle: z.enum(["active", "deprecated", "retired"]).optional(),
  deprecated_at: z.string().nullable().optional(),
  retires_at: z.string().nullable().optional(),
  line: z.enum(["haiku", "sonnet", "opus", "fable", "mythos"]).nullable().optional(),
  capabilities: CapabilitiesSchema.nullable().optional(),
});

export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const listModels = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS",
  title: "List models",
  group: "models",
  verb: "list",
  method: "GET",
  path: "/v1/models",
  key: "api",
  input: z.object({
    ...cursorPageInput,
    lifecycle: z
      .array(z.enum(["active", "deprecated", "retired"]))
      .max(3)
      .optional()
      .describe("Only models in these lifecycle states (default: active and deprecated)."),
  }),
  output: cursorPage(ModelInfoSchema),
  effect: "read",
  idempotent: true,
  pagination: "cursor",
  description:
    "List the Claude models available to this API key, newest first, with their ids, display names, context and output limits, lifecycle and capabilities. Use it to pick a valid model id before CREATE_MESSAGE or COUNT_MESSAGE_TOKENS; ids change as models are released and retired, so never guess one. Set all: true to walk every page (bounded by max_items). Needs the standard API key (ANTHROPIC_API_KEY).",
});

export const getModel = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_MODEL",
  title: "Get a model",
  group: "models",
  verb: "get",
  method: "GET",
  path: "/v1/models/{model_id}",
  key: "api",
  input: z.object({
    model_id: idField("Model id or alias, e.g. claude-sonnet-5-5. Take ids from LIST_MODELS."),
  }),
  output: ModelInfoSchema,
  effect: "read",
  idempotent: true,
  description:
    "Get one model by id or alias (an alias resolves to the current id): display name, context window (max_input_tokens), max output tokens, lifecycle (active, deprecated, retired with dates) and capabilities such as thinking, effort and image input. A stale or misspelled id gives not_found_error: take ids from LIST_MODELS. Needs the standard API key.",
});

export const modelOperations = [listModels, getModel];
