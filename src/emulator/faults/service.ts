import { seededRandom } from "../ids.js";
import { type Fault, type FaultRule, type FaultRuleInput, FaultRuleSchema, type FaultRuleSet } from "./rules.js";

/** The call a rule is matched against. */
export interface FaultCall {
  tool: string;
  method: string;
  path: string;
  requestId: string;
}

/** One fault that fired, for tests and `GET /_emulator/faults`. */
export interface FiredFault {
  rule_id: string;
  kind: Fault["kind"];
  phase: "before" | "after";
  tool: string;
  method: string;
  path: string;
  request_id: string;
}

interface ActiveRule {
  rule: FaultRule;
  matched: number;
  fired: number;
}

const TOOL_PREFIX = "ANTHROPIC_ADMINISTRATOR_";
/** Faults that answer the call themselves; later rules of the same phase are not consulted. */
const TERMINAL = new Set<Fault["kind"]>(["status", "spend_cap", "reset", "truncate", "revoke_key"]);

/** Real waiting, abortable by the request's signal; tests replace `FaultService.sleep`. */
function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The fault rules of one emulator, with their counters, the seeded random source of
 * probability draws, revoked secrets and a log of what fired. Lives in `emulator.services`
 * under "faults" (see `faultService`).
 */
export class FaultService {
  private rules: ActiveRule[] = [];
  private random: () => number;
  private counter = 0;
  /** Secrets revoked by `revoke_key` faults: answered 401 until the caller presents another key. */
  readonly revoked = new Set<string>();
  /** Every fault that fired, oldest first. */
  readonly log: FiredFault[] = [];
  /** How `latency` faults wait; replace it in tests (no real waiting). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = realSleep;

  constructor(seed = 20261204) {
    this.random = seededRandom(seed);
  }

  /** Restarts the probability draws from a seed (reproducible chaos). */
  seed(seed: number): void {
    this.random = seededRandom(seed);
  }

  /** Adds rules (validated); returns them with their ids. */
  add(input: FaultRuleInput | FaultRuleInput[]): FaultRule[] {
    const list = Array.isArray(input) ? input : [input];
    const added = list.map((raw) => {
      const parsed = FaultRuleSchema.parse(raw);
      const rule: FaultRule = { ...parsed, id: parsed.id ?? `fault_${++this.counter}` };
      this.rules.push({ rule, matched: 0, fired: 0 });
      return rule;
    });
    return added;
  }

  /** Loads a parsed rule file (`parseFaultRules`): seed first, then the rules. */
  load(set: FaultRuleSet): FaultRule[] {
    if (set.seed !== undefined) this.seed(set.seed);
    return this.add(set.rules);
  }

  /** Removes one rule by id; true when it existed. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    return this.rules.length < before;
  }

  /** Removes every rule, forgets revoked keys and clears the log. */
  clear(): void {
    this.rules = [];
    this.revoked.clear();
    this.log.length = 0;
  }

  /** Rules with their counters; `spent` when a counted rule has fired its last time. */
  list(): Array<FaultRule & { matched: number; fired: number; spent: boolean }> {
    return this.rules.map((r) => ({ ...r.rule, matched: r.matched, fired: r.fired, spent: isSpent(r) }));
  }

  /**
   * The faults that fire for this call in this phase, in rule order, up to and including the first
   * terminal one. Counts and probability draws happen here, so each call is judged once per phase.
   */
  pick(phase: "before" | "after", call: FaultCall): Fault[] {
    const out: Fault[] = [];
    for (const active of this.rules) {
      const { rule } = active;
      if (phaseOf(rule.fault) !== phase || isSpent(active) || !matches(rule, call)) continue;
      active.matched++;
      if (active.matched <= (rule.skip ?? 0)) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      active.fired++;
      this.log.push({ rule_id: rule.id, kind: rule.fault.kind, phase, tool: call.tool, method: call.method, path: call.path, request_id: call.requestId });
      out.push(rule.fault);
      if (TERMINAL.has(rule.fault.kind)) break;
    }
    return out;
  }
}

/** The fault service of an emulator's services map, created on first use. */
export function faultService(services: Map<string, unknown>): FaultService {
  let svc = services.get("faults") as FaultService | undefined;
  if (!svc) {
    svc = new FaultService();
    services.set("faults", svc);
  }
  return svc;
}

function isSpent(r: ActiveRule): boolean {
  return r.rule.count !== undefined && r.fired >= r.rule.count;
}

/** When a fault acts: before the behaviour (nothing applied) or after it (applied). */
function phaseOf(fault: Fault): "before" | "after" {
  if (fault.kind === "truncate" || fault.kind === "drift") return "after";
  if (fault.kind === "status" || fault.kind === "latency" || fault.kind === "reset") return fault.phase;
  return "before";
}

function matches(rule: FaultRule, call: FaultCall): boolean {
  const m = rule.match;
  if (m.tool !== undefined) {
    const names = Array.isArray(m.tool) ? m.tool : [m.tool];
    if (!names.some((n) => n === call.tool || TOOL_PREFIX + n === call.tool)) return false;
  }
  if (m.method !== undefined && m.method !== call.method) return false;
  if (m.effect !== undefined && (m.effect === "read") !== (call.method === "GET")) return false;
  if (m.path !== undefined && !globMatch(m.path, call.path)) return false;
  return true;
}

function globMatch(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(path);
}
