import { addDecimal, type Decimal, formatDecimal, roundDecimal } from "../../money.js";
import { invalidRequest } from "../api-error.js";
import { seededRandom } from "../ids.js";
import type { EmulatorState } from "../state.js";
import { tokenCostCents } from "./prices.js";

const DAY_MS = 86_400_000;
/** Days of Claude Code history the demo organization has (as for Messages usage). */
const HISTORY_DAYS = 90;
/** At most this many people use Claude Code in the demo org, however large it is seeded. */
const MAX_USER_ACTORS = 60;
const LIMIT = { default: 20, max: 1000 };
const TERMINALS = ["vscode", "iTerm.app", "tmux", "cursor", "Apple_Terminal", "jetbrains"];
const MODELS = ["claude-sonnet-5-5", "claude-opus-5-5", "claude-haiku-5-5"];
const TOOLS = ["edit_tool", "multi_edit_tool", "write_tool", "notebook_edit_tool"];

type Actor = { type: "user_actor"; email_address: string } | { type: "api_actor"; api_key_name: string };

/** FNV-1a: a stable 32-bit hash so each actor-day is the same on every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Who uses Claude Code: a stable subset of users (by id hash) and the first standard keys. */
function actors(state: EmulatorState): Actor[] {
  const out: Actor[] = [];
  for (const u of state.users.all()) {
    if (out.length >= MAX_USER_ACTORS) break;
    if (hash(u.id) % 3 === 0 || u.role === "admin") out.push({ type: "user_actor", email_address: u.email });
  }
  for (const k of state.apiKeys.all().slice(0, 2)) out.push({ type: "api_actor", api_key_name: k.name });
  return out;
}

function actorName(a: Actor): string {
  return a.type === "user_actor" ? a.email_address : a.api_key_name;
}

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One actor's record for one day and place (local or remote), or undefined when they were idle. */
function recordFor(state: EmulatorState, day: number, actor: Actor, remote: boolean) {
  const random = seededRandom(hash(`${day}|${actorName(actor)}|${remote}`));
  const weekday = new Date(day).getUTCDay() % 6 !== 0;
  if (random() > (remote ? 0.15 : weekday ? 0.75 : 0.2)) return undefined;
  const sessions = int(random, 1, 12);
  const model_breakdown = MODELS.filter((_, i) => i === 0 || random() < 0.35).map((model) => {
    const tokens = {
      input: int(random, 2_000, 60_000) * sessions,
      output: int(random, 1_000, 20_000) * sessions,
      cache_read: int(random, 10_000, 400_000) * sessions,
      cache_creation: int(random, 1_000, 40_000) * sessions,
    };
    let cents: Decimal = tokenCostCents(tokens.input, model, "uncached_input_tokens", "0-200k", "standard");
    cents = addDecimal(cents, tokenCostCents(tokens.output, model, "output_tokens", "0-200k", "standard"));
    cents = addDecimal(cents, tokenCostCents(tokens.cache_read, model, "cache_read_input_tokens", "0-200k", "standard"));
    cents = addDecimal(cents, tokenCostCents(tokens.cache_creation, model, "cache_creation.ephemeral_5m_input_tokens", "0-200k", "standard"));
    return { model, tokens, estimated_cost: { amount: Number(formatDecimal(roundDecimal(cents, 2))), currency: "USD" } };
  });
  const tool_actions: Record<string, { accepted: number; rejected: number }> = {};
  for (const tool of TOOLS) {
    if (tool === "notebook_edit_tool" && random() < 0.8) continue;
    tool_actions[tool] = { accepted: int(random, 0, 40) * sessions, rejected: int(random, 0, 6) * sessions };
  }
  return {
    date: new Date(day).toISOString().replace(/\.\d{3}Z$/, "Z"),
    actor,
    organization_id: state.organization.id,
    customer_type: "api",
    subscription_type: null,
    terminal_type: remote ? "remote" : TERMINALS[hash(actorName(actor)) % TERMINALS.length],
    is_remote: remote,
    core_metrics: {
      num_sessions: sessions,
      lines_of_code: { added: int(random, 10, 400) * sessions, removed: int(random, 0, 150) * sessions },
      commits_by_claude_code: int(random, 0, 3 * sessions),
      pull_requests_by_claude_code: int(random, 0, sessions),
    },
    tool_actions,
    model_breakdown,
  };
}

function decodeOffset(token: string): number {
  const raw = token.startsWith("page_") ? Buffer.from(token.slice(5), "base64").toString("utf8") : "";
  const m = /^offset:(\d+)$/.exec(raw);
  if (!m) throw invalidRequest(`page: invalid page token ${JSON.stringify(token)}; pass next_page from the previous response unchanged`);
  return Number(m[1]);
}

/**
 * Answers GET /v1/organizations/usage_report/claude_code: every actor's records for one UTC day,
 * ordered by actor then local before remote, deterministic for a given organization and date.
 */
export function claudeCodeReport(input: Record<string, unknown>, state: EmulatorState, now: number) {
  const day = Date.parse(`${String(input.starting_at)}T00:00:00Z`);
  if (!Number.isFinite(day)) throw invalidRequest("starting_at: expected a date YYYY-MM-DD");
  const limit = input.limit === undefined ? LIMIT.default : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMIT.max) {
    throw invalidRequest(`limit: must be between 1 and ${LIMIT.max}, got ${input.limit}`);
  }
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const records = [];
  if (day <= today && day >= today - HISTORY_DAYS * DAY_MS) {
    const list = actors(state).sort((a, b) => (actorName(a) < actorName(b) ? -1 : 1));
    for (const actor of list) {
      for (const remote of [false, true]) {
        const record = recordFor(state, day, actor, remote);
        if (record) records.push(record);
      }
    }
  }
  const offset = input.page === undefined ? 0 : decodeOffset(String(input.page));
  const data = records.slice(offset, offset + limit);
  const has_more = offset + limit < records.length;
  const next_page = has_more ? `page_${Buffer.from(`offset:${offset + limit}`).toString("base64")}` : null;
  return { data, has_more, next_page };
}
