import type { ModelInfo } from "../../operations/models.js";
import { notFound } from "../api-error.js";
import { MODEL_ALIASES } from "../seed/models.js";
import type { EmulatorState } from "../state.js";
import type { Behaviours } from "./types.js";

/** Resolves an id or alias to a model, or undefined. */
export function findModel(state: EmulatorState, idOrAlias: string): ModelInfo | undefined {
  return state.models.get(MODEL_ALIASES[idOrAlias] ?? idOrAlias);
}

export const modelsBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_LIST_MODELS: ({ input, state }) => {
    const lifecycles = new Set<string>(input.lifecycle ?? ["active", "deprecated"]);
    return state.models.page(input, { order: "desc", filter: (m) => lifecycles.has(m.lifecycle ?? "active") });
  },
  ANTHROPIC_ADMINISTRATOR_GET_MODEL: ({ input, state }) => {
    const model = findModel(state, input.model_id);
    if (!model) throw notFound(`model: ${input.model_id}`);
    return model;
  },
};
