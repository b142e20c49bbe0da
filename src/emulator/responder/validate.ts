import type { ModelInfo } from "../../operations/models.js";
import { invalidRequest, notFound } from "../api-error.js";
import { findModel } from "../behaviours/models.js";
import type { EmulatorState } from "../state.js";
import type { Block, MessagesRequest } from "./types.js";

/**
 * Business rules of the Messages API beyond the body's shape (which the registry schema checks):
 * model existence and lifecycle, output and context limits, thinking budget, tool choice and the
 * pairing of tool_use with tool_result across turns. Messages follow the real API where known.
 */
export function resolveModel(state: EmulatorState, id: string): ModelInfo {
  const model = findModel(state, id);
  if (!model) throw notFound(`model: ${id}`);
  if (model.lifecycle === "retired") {
    const when = model.retires_at ? ` on ${model.retires_at.slice(0, 10)}` : "";
    throw invalidRequest(`model: ${id} was retired${when} and no longer serves requests; pick a current model from GET /v1/models`);
  }
  return model;
}

/** Checks a create or count_tokens request against its model; throws ApiError (400). */
export function validateMessagesRequest(req: MessagesRequest, model: ModelInfo, kind: "create" | "count"): void {
  if (kind === "create") checkMaxTokens(req, model);
  checkThinking(req, model, kind);
  checkTools(req);
  checkTurns(req.messages);
  for (const s of req.stop_sequences ?? []) {
    if (!/\S/.test(s)) throw invalidRequest("stop_sequences: each stop sequence must contain non-whitespace");
  }
}

/** The context window check, once the input is counted. */
export function checkContextWindow(inputTokens: number, model: ModelInfo): void {
  const limit = model.max_input_tokens;
  if (typeof limit === "number" && inputTokens > limit) throw invalidRequest(`prompt is too long: ${inputTokens} tokens > ${limit} maximum`);
}

function checkMaxTokens(req: MessagesRequest, model: ModelInfo) {
  const max = model.max_tokens;
  if (typeof max === "number" && (req.max_tokens ?? 0) > max) {
    throw invalidRequest(`max_tokens: ${req.max_tokens} > ${max}, which is the maximum allowed number of output tokens for ${model.id}`);
  }
}

function checkThinking(req: MessagesRequest, model: ModelInfo, kind: "create" | "count") {
  const t = req.thinking;
  if (!t) return;
  const types = model.capabilities?.thinking.types as Record<string, { supported: boolean } | undefined> | undefined;
  if (types && types[t.type]?.supported === false) {
    throw invalidRequest(`thinking.type: "${t.type}" is not supported by ${model.id}`);
  }
  if (kind === "create" && t.type === "enabled" && (t.budget_tokens ?? 0) >= (req.max_tokens ?? 0)) {
    throw invalidRequest("`max_tokens` must be greater than `thinking.budget_tokens`");
  }
}

function checkTools(req: MessagesRequest) {
  const names = new Set<string>();
  for (const t of req.tools ?? []) {
    if (names.has(t.name)) throw invalidRequest(`tools: tool names must be unique (${t.name} appears twice)`);
    names.add(t.name);
  }
  const choice = req.tool_choice;
  if (!choice || choice.type === "auto" || choice.type === "none") return;
  if (names.size === 0) throw invalidRequest(`tool_choice: type "${choice.type}" needs at least one tool in tools`);
  if (choice.type === "tool" && !names.has(choice.name ?? "")) {
    throw invalidRequest(`tool_choice.name: tool ${JSON.stringify(choice.name)} is not among the tools given`);
  }
}

function checkTurns(messages: MessagesRequest["messages"]) {
  messages.forEach((m, i) => {
    const last = i === messages.length - 1;
    const empty = typeof m.content === "string" ? m.content.length === 0 : m.content.length === 0;
    if (empty && !(last && m.role === "assistant")) {
      throw invalidRequest(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
    }
    if (typeof m.content === "string") return;
    m.content.forEach((b, j) => {
      if (b.type === "text" && b.text === "" && !(last && m.role === "assistant")) {
        throw invalidRequest(`messages.${i}.content.${j}.text: text content blocks must be non-empty`);
      }
    });
    if (m.role === "user") checkResultsAnswerUses(messages, i);
    if (m.role === "assistant" && !last) checkUsesGetResults(messages, i);
  });
}

function blocksOf(m: MessagesRequest["messages"][number] | undefined): Block[] {
  return m && Array.isArray(m.content) ? m.content : [];
}

function checkResultsAnswerUses(messages: MessagesRequest["messages"], i: number) {
  const prev = messages[i - 1];
  const uses = new Set(prev?.role === "assistant" ? blocksOf(prev).filter((b) => b.type === "tool_use").map((b) => String(b.id)) : []);
  blocksOf(messages[i]).forEach((b, j) => {
    if (b.type === "tool_result" && !uses.has(String(b.tool_use_id))) {
      throw invalidRequest(
        `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${b.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
  });
}

function checkUsesGetResults(messages: MessagesRequest["messages"], i: number) {
  const ids = blocksOf(messages[i]).filter((b) => b.type === "tool_use").map((b) => String(b.id));
  if (!ids.length) return;
  const next = messages[i + 1];
  const answered = new Set(next?.role === "user" ? blocksOf(next).filter((b) => b.type === "tool_result").map((b) => String(b.tool_use_id)) : []);
  const missing = ids.filter((id) => !answered.has(id));
  if (missing.length) {
    throw invalidRequest(
      `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    );
  }
}
