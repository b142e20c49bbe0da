import { z } from "zod";
import type { EmulatorState } from "../state.js";
import { blockTokens } from "./tokens.js";
import type { Block, ResponderTurn } from "./types.js";

const TextBlock = z.object({ type: z.literal("text"), text: z.string() });
const ToolUseBlock = z.object({
  type: z.literal("tool_use"),
  id: z.string().optional().describe("toolu_… id; generated when absent."),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()).default({}),
});
const ThinkingBlock = z.object({ type: z.literal("thinking"), thinking: z.string(), signature: z.string().optional() });

const ScenarioTurnSchema = z.object({
  content: z
    .union([z.string(), z.array(z.discriminatedUnion("type", [TextBlock, ToolUseBlock, ThinkingBlock]))])
    .describe("The assistant's content for this turn; a string is one text block."),
  stop_reason: z
    .enum(["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal"])
    .optional()
    .describe("Default: tool_use when the turn holds a tool_use block, else end_turn."),
  stop_sequence: z.string().nullable().optional(),
});

/**
 * A scripted conversation for agent tests (issue 5 §5): each Messages call consumes the next
 * turn, whatever the request holds (a user message of tool_result blocks is just the next call).
 */
export const ScenarioSchema = z.object({
  turns: z.array(ScenarioTurnSchema).min(1),
  on_exhausted: z
    .enum(["error", "echo"])
    .default("error")
    .describe("After the last turn: answer 400 (a loop that calls too often is a bug) or fall back to the echo responder."),
});

export type Scenario = z.input<typeof ScenarioSchema>;
type ParsedScenario = z.output<typeof ScenarioSchema>;

interface ScenarioState {
  scenario: ParsedScenario;
  next: number;
}

const KEY = "messages:scenario";

/** Validates a scenario; throws an Error naming the first bad field. */
export function parseScenario(value: unknown): ParsedScenario {
  const parsed = ScenarioSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`scenario.${first.path.map(String).join(".")}: ${first.message}`);
  }
  return parsed.data;
}

/** Installs a scenario on the organization's state, replacing any earlier one. */
export function installScenario(state: EmulatorState, scenario: Scenario): void {
  state.extra.set(KEY, { scenario: parseScenario(scenario), next: 0 } satisfies ScenarioState);
}

/** Removes the scenario; Messages calls go back to the echo responder. */
export function clearScenario(state: EmulatorState): void {
  state.extra.delete(KEY);
}

/** Where the scenario stands, for the control surface and tests. */
export function scenarioStatus(state: EmulatorState) {
  const s = state.extra.get(KEY) as ScenarioState | undefined;
  if (!s) return { installed: false as const };
  return { installed: true as const, turns: s.scenario.turns.length, next: s.next, remaining: s.scenario.turns.length - s.next };
}

/**
 * The next scripted turn. `undefined` when no scenario is installed or it is exhausted with
 * `on_exhausted: "echo"`; `{ exhausted }` when it is exhausted and should fail.
 */
export function nextScenarioTurn(
  state: EmulatorState,
  newId: (prefix: string) => string,
): ResponderTurn | { exhausted: number } | undefined {
  const s = state.extra.get(KEY) as ScenarioState | undefined;
  if (!s) return undefined;
  const turn = s.scenario.turns[s.next];
  if (!turn) return s.scenario.on_exhausted === "echo" ? undefined : { exhausted: s.scenario.turns.length };
  s.next++;
  const content: Block[] = typeof turn.content === "string" ? [{ type: "text", text: turn.content }] : turn.content.map((b) => ({ ...b }));
  let outputTokens = 0;
  let thinkingTokens = 0;
  for (const b of content) {
    if (b.type === "tool_use") b.id ??= newId("toolu");
    if (b.type === "text") b.citations = null;
    if (b.type === "thinking") b.signature ??= "scenario";
    const cost = blockTokens(b);
    outputTokens += cost;
    if (b.type === "thinking") thinkingTokens += cost;
  }
  const stop_reason = turn.stop_reason ?? (content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn");
  return { content, stop_reason, stop_sequence: turn.stop_sequence ?? null, output_tokens: outputTokens, thinking_tokens: thinkingTokens };
}
