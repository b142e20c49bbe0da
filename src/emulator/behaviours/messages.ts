import { invalidRequest } from "../api-error.js";
import { echoResponder } from "../responder/echo.js";
import { buildMessage, streamEvents } from "../responder/message.js";
import { nextScenarioTurn } from "../responder/scenario.js";
import { countInputTokens } from "../responder/tokens.js";
import type { MessagesRequest } from "../responder/types.js";
import { checkContextWindow, resolveModel, validateMessagesRequest } from "../responder/validate.js";
import { sseResponse } from "../sse.js";
import type { EmulatorState, WorkspaceRecord } from "../state.js";
import type { BehaviourRequest, Behaviours } from "./types.js";

/** Context-window bucket the usage report groups by. */
const LONG_CONTEXT_FROM = 200_000;

/**
 * Messages without a model behind them: a scripted scenario turn when one is installed, else the
 * deterministic echo responder. Every answered call is recorded for the usage reports.
 */
function createMessage({ input, state, caller, headers, newId, now }: BehaviourRequest) {
  const req = input as MessagesRequest & { stream?: boolean; inference_geo?: unknown };
  const model = resolveModel(state, req.model);
  validateMessagesRequest(req, model, "create");
  const inputTokens = countInputTokens(req);
  checkContextWindow(inputTokens, model);

  const scripted = nextScenarioTurn(state, newId);
  if (scripted && "exhausted" in scripted) {
    throw invalidRequest(
      `emulator scenario exhausted: all ${scripted.exhausted} scripted turns were used; install a longer one with POST /_emulator/scenario`,
    );
  }
  const turn = scripted ?? echoResponder(req, newId);

  const workspace = workspaceOf(state, caller.apiKey?.scope, headers.get("anthropic-workspace-id"));
  const geo = typeof req.inference_geo === "string" ? req.inference_geo : (workspace?.data_residency.default_inference_geo ?? "global");
  const message = buildMessage(newId("msg"), model.id, turn, { input_tokens: inputTokens, service_tier: "standard", inference_geo: geo });

  state.usage.push({
    at: now,
    model: model.id,
    api_key_id: caller.apiKey?.id ?? null,
    workspace_id: workspace?.id ?? null,
    service_tier: "standard",
    context_window: inputTokens > LONG_CONTEXT_FROM ? "200k-1M" : "0-200k",
    inference_geo: geo,
    uncached_input_tokens: inputTokens,
    cache_read_input_tokens: 0,
    cache_creation_5m: 0,
    cache_creation_1h: 0,
    output_tokens: turn.output_tokens,
    web_search_requests: 0,
  });

  return req.stream ? sseResponse(streamEvents(message)) : message;
}

/**
 * The workspace a call bills to: the key's own workspace, or for an organization-scoped
 * credential the one named by `anthropic-workspace-id`, else the Default Workspace. The id is
 * recorded as is; reports map the Default Workspace to null.
 */
function workspaceOf(
  state: EmulatorState,
  scope: { type: "workspace"; workspace_id: string } | { type: "organization" } | undefined,
  header: string | null,
): WorkspaceRecord | undefined {
  if (scope?.type === "workspace") return state.workspaces.get(scope.workspace_id);
  if (header) return state.workspaces.get(header);
  return state.workspaces.all().find((w) => w._default);
}

export const messagesBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE: createMessage,
  ANTHROPIC_ADMINISTRATOR_COUNT_MESSAGE_TOKENS: ({ input, state }) => {
    const req = input as MessagesRequest;
    const model = resolveModel(state, req.model);
    validateMessagesRequest(req, model, "count");
    return { input_tokens: countInputTokens(req) };
  },
};
