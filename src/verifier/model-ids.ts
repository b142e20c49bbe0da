import { redactText } from "../audit/redact.js";
import type { CallContext, Runtime } from "./context.js";
import { ToolkitError } from "./errors.js";

const LIST_MODELS = "ANTHROPIC_ADMINISTRATOR_LIST_MODELS";
/** Tools whose `model` field is checked against the cached model list. */
const MODEL_TOOLS = new Set(["ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE", "ANTHROPIC_ADMINISTRATOR_COUNT_MESSAGE_TOKENS"]);
/** An unknown id met with an older list triggers one fresh read first: a model may have been released since. */
const STALE_AFTER_MS = 10 * 60_000;
const STATE_KEY = "models:list";

interface ModelList {
  ids: string[];
  at: number;
}

/**
 * Remembers the model ids of a LIST_MODELS answer when it is the complete current list (no
 * cursor, nothing left to page, no narrowing lifecycle filter), so later calls can check ids.
 */
export function rememberModelList(ctx: CallContext, startedWithCursor: boolean): void {
  if (ctx.op.tool !== LIST_MODELS || !ctx.data) return;
  const page = ctx.data as { data?: Array<{ id?: unknown }>; has_more?: boolean };
  const lifecycle = ctx.input.lifecycle as string[] | undefined;
  const complete =
    !startedWithCursor && page.has_more === false && ctx.meta.truncated !== true &&
    (!lifecycle || (lifecycle.includes("active") && lifecycle.includes("deprecated")));
  if (!complete || !Array.isArray(page.data)) return;
  const ids = page.data.map((m) => m.id).filter((id): id is string => typeof id === "string");
  ctx.runtime.state.set(STATE_KEY, { ids, at: ctx.runtime.now() } satisfies ModelList);
}

/**
 * Refuses a `model` the cached list does not know, before anything is sent, naming the nearest
 * current ids. Without a cached list the id goes to the API unchecked (which answers 404).
 */
export async function checkModelId(ctx: CallContext): Promise<void> {
  const model = ctx.input.model;
  if (!MODEL_TOOLS.has(ctx.op.tool) || typeof model !== "string") return;
  let list = ctx.runtime.state.get(STATE_KEY) as ModelList | undefined;
  if (!list || isKnown(model, list.ids)) return;
  if (ctx.runtime.now() - list.at > STALE_AFTER_MS) {
    await refresh(ctx.runtime);
    list = ctx.runtime.state.get(STATE_KEY) as ModelList;
    if (isKnown(model, list.ids)) return;
  }
  const suggestions = nearest(model, list.ids, 3);
  // The id is echoed so the caller sees the typo, but never a pasted key, and never at length.
  const clean = redactText(model);
  const shown = clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
  throw new ToolkitError({
    type: "invalid_input",
    message: `Unknown model ${JSON.stringify(shown)}: it is not in the current model list. Nearest current ids: ${suggestions.join(", ")}. Nothing was sent.`,
    issues: [{ path: "model", expected: "a current model id (see LIST_MODELS)", received: JSON.stringify(shown), message: `unknown model; did you mean ${suggestions[0]}?` }],
    details: { suggestions },
    retryable: false,
    hint: `Use one of: ${suggestions.join(", ")}.`,
  });
}

async function refresh(runtime: Runtime): Promise<void> {
  try {
    await runtime.call(LIST_MODELS, { all: true });
  } catch {
    // Keep the older list: an unreachable model list must not block the check's verdict.
  }
  const list = runtime.state.get(STATE_KEY) as ModelList | undefined;
  if (list) list.at = runtime.now();
}

/** An id in the list, or an alias of one: `claude-x-4-5` names `claude-x-4-5-20250929`. */
export function isKnown(model: string, ids: readonly string[]): boolean {
  if (ids.includes(model)) return true;
  const base = model.endsWith("-latest") ? model.slice(0, -"-latest".length) : model;
  return ids.some((id) => id === base || (id.startsWith(`${base}-`) && /^\d{8}$/.test(id.slice(base.length + 1))));
}

/** The `n` ids closest to `model` by edit distance (ties keep list order: newest first). */
export function nearest(model: string, ids: readonly string[], n: number): string[] {
  return ids
    .map((id, i) => ({ id, i, d: editDistance(model.toLowerCase(), id.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, n)
    .map((x) => x.id);
}

/** Levenshtein distance with one rolling row. */
export function editDistance(a: string, b: string): number {
  if (a.length > 200) a = a.slice(0, 200);
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
