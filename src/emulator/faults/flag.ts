import { type FaultRuleSet, parseFaultRules } from "./rules.js";

/** Keys of a `--fault` spec that belong to the rule rather than to the fault. */
const RULE_KEYS = new Set(["count", "probability", "skip"]);
/** Fault kinds that take no value, or whose value is the phase. */
const BARE_KINDS = new Set(["truncate", "spend_cap", "revoke_key", "reset"]);

/**
 * Parses the CLI's short fault form, `TOOL:KIND[=VALUE][,key=value…]`, into a fault rule:
 *
 *   CREATE_WORKSPACE:status=503,count=2        two 503s on workspace creation
 *   *:status=429,retry_after=1,probability=0.2 a 429 with retry-after on 20% of calls
 *   CREATE_INVITE:reset=after                  apply the write, then drop the connection
 *   LIST_USERS:latency=300                     300 ms before answering
 *   LIST_WORKSPACES:drift=extra_field          an undocumented field in the answer
 *   *:spend_cap / *:truncate / *:revoke_key
 *
 * `TOOL` is a tool name with or without its prefix, or `*` for every call. Other keys
 * (phase, retry_after_ms, error_code, field, to, skip…) are as in the JSON rule format.
 * Throws an Error naming what is wrong.
 */
export function parseFaultFlag(spec: string): FaultRuleSet {
  const colon = spec.indexOf(":");
  if (colon <= 0) throw new Error(`--fault ${JSON.stringify(spec)}: expected TOOL:KIND[=VALUE][,key=value…], e.g. CREATE_WORKSPACE:status=503`);
  const target = spec.slice(0, colon).trim();
  const [head, ...rest] = spec.slice(colon + 1).split(",").map((s) => s.trim()).filter(Boolean);
  if (!head) throw new Error(`--fault ${JSON.stringify(spec)}: no fault kind after ":"`);
  const [kind, value] = splitPair(head);
  const fault: Record<string, unknown> = { kind };
  if (kind === "status") fault.status = toValue(value);
  else if (kind === "latency") fault.ms = toValue(value);
  else if (kind === "drift") fault.variant = value;
  else if (kind === "reset" && value !== undefined) fault.phase = value;
  else if (!BARE_KINDS.has(kind) || value !== undefined) {
    throw new Error(`--fault ${JSON.stringify(spec)}: unknown fault ${JSON.stringify(head)}; use status=N, latency=MS, reset[=before|after], truncate, drift=VARIANT, spend_cap or revoke_key`);
  }
  const rule: Record<string, unknown> = { fault };
  if (target !== "*") rule.match = { tool: target };
  for (const item of rest) {
    const [key, v] = splitPair(item);
    (RULE_KEYS.has(key) ? rule : fault)[key] = toValue(v);
  }
  try {
    return parseFaultRules(rule);
  } catch (err) {
    throw new Error(`--fault ${JSON.stringify(spec)}: ${(err as Error).message}`);
  }
}

function splitPair(item: string): [string, string | undefined] {
  const eq = item.indexOf("=");
  return eq < 0 ? [item, undefined] : [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
}

function toValue(v: string | undefined): unknown {
  if (v === undefined) return true;
  if (v === "true" || v === "false") return v === "true";
  const n = Number(v);
  return v !== "" && Number.isFinite(n) ? n : v;
}
