import type { ModelInfo } from "../../operations/models.js";

type Line = NonNullable<ModelInfo["line"]>;

const all = (supported: boolean) => ({ supported });

function capabilities(line: Line, generation: number): NonNullable<ModelInfo["capabilities"]> {
  const modern = generation >= 5;
  return {
    batch: all(true),
    citations: all(true),
    code_execution: all(true),
    context_management: {
      supported: true,
      clear_thinking_20251015: all(true),
      clear_tool_uses_20250919: all(true),
      compact_20260112: all(modern),
    },
    effort: { supported: line !== "haiku", low: all(true), medium: all(true), high: all(true), max: all(line === "opus" || modern), xhigh: all(modern) },
    image_input: all(true),
    pdf_input: all(true),
    server_tools: { supported: true, code_execution: all(true), web_search: all(true) },
    structured_outputs: all(true),
    thinking: {
      supported: true,
      types: { adaptive: all(modern), enabled: all(true), disabled: all(true), between_tools: all(modern) },
    },
  };
}

interface Seed {
  id: string;
  name: string;
  line: Line;
  generation: number;
  created: string;
  lifecycle?: ModelInfo["lifecycle"];
  deprecated_at?: string;
  retires_at?: string;
  max_tokens?: number;
  context?: number;
}

/** Models of SDK 1.17.0's `Model` union, oldest first (the list answers newest first). */
const SEEDS: Seed[] = [
  { id: "claude-sonnet-4-5-20250929", name: "Claude Sonnet 4.5", line: "sonnet", generation: 4, created: "2025-09-29", lifecycle: "retired", deprecated_at: "2026-05-01", retires_at: "2026-10-01" },
  { id: "claude-haiku-4-5-20251001", name: "Claude Haiku 4.5", line: "haiku", generation: 4, created: "2025-10-01", max_tokens: 64000 },
  { id: "claude-opus-4-5-20251101", name: "Claude Opus 4.5", line: "opus", generation: 4, created: "2025-11-01", lifecycle: "deprecated", deprecated_at: "2026-10-22", retires_at: "2027-01-22" },
  { id: "claude-opus-4-6", name: "Claude Opus 4.6", line: "opus", generation: 4, created: "2026-02-05" },
  { id: "claude-sonnet-4-6", name: "Claude Sonnet 4.6", line: "sonnet", generation: 4, created: "2026-02-17" },
  { id: "claude-mythos-preview", name: "Claude Mythos Preview", line: "mythos", generation: 4, created: "2026-03-10", lifecycle: "deprecated", deprecated_at: "2026-05-01", retires_at: "2026-06-30" },
  { id: "claude-opus-4-7", name: "Claude Opus 4.7", line: "opus", generation: 4, created: "2026-04-02" },
  { id: "claude-opus-4-8", name: "Claude Opus 4.8", line: "opus", generation: 4, created: "2026-05-14" },
  { id: "claude-opus-5", name: "Claude Opus 5", line: "opus", generation: 5, created: "2026-06-18" },
  { id: "claude-mythos-5", name: "Claude Mythos 5", line: "mythos", generation: 5, created: "2026-06-25" },
  { id: "claude-fable-5", name: "Claude Fable 5", line: "fable", generation: 5, created: "2026-07-01" },
  { id: "claude-sonnet-5", name: "Claude Sonnet 5", line: "sonnet", generation: 5, created: "2026-07-09" },
  { id: "claude-mythos-5-1", name: "Claude Mythos 5.1", line: "mythos", generation: 5, created: "2026-08-12" },
  { id: "claude-opus-5-5", name: "Claude Opus 5.5", line: "opus", generation: 5, created: "2026-09-03" },
  { id: "claude-fable-5-1", name: "Claude Fable 5.1", line: "fable", generation: 5, created: "2026-09-17" },
  { id: "claude-sonnet-5-5", name: "Claude Sonnet 5.5", line: "sonnet", generation: 5, created: "2026-10-01" },
  { id: "claude-haiku-5-5", name: "Claude Haiku 5.5", line: "haiku", generation: 5, created: "2026-10-15", max_tokens: 64000 },
  { id: "claude-mythos-5-2", name: "Claude Mythos 5.2", line: "mythos", generation: 5, created: "2026-11-05" },
  { id: "claude-fable-5-2", name: "Claude Fable 5.2", line: "fable", generation: 5, created: "2026-11-20" },
];

/** Aliases resolve to ids (`claude-haiku-4-5` → its dated id). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  "claude-haiku-4-5": "claude-haiku-4-5-20251001",
  "claude-opus-4-5": "claude-opus-4-5-20251101",
  "claude-sonnet-4-5": "claude-sonnet-4-5-20250929",
});

/** Seed models, oldest first; the collection lists them newest first. */
export function seedModels(): ModelInfo[] {
  return SEEDS.map((s) => ({
    id: s.id,
    type: "model",
    display_name: s.name,
    created_at: `${s.created}T00:00:00Z`,
    max_input_tokens: s.context ?? (s.generation >= 5 ? 1_000_000 : 200_000),
    max_tokens: s.max_tokens ?? (s.line === "opus" ? 128_000 : 64_000),
    lifecycle: s.lifecycle ?? "active",
    deprecated_at: s.deprecated_at ? `${s.deprecated_at}T00:00:00Z` : null,
    retires_at: s.retires_at ? `${s.retires_at}T00:00:00Z` : null,
    line: s.line,
    capabilities: capabilities(s.line, s.generation),
  }));
}
