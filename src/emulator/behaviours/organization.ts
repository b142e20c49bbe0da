import type { Behaviours } from "./types.js";

export const organizationBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION: ({ state }) => ({ ...state.organization }),
};
