import type { CliField } from "./fields.js";

/** A friendlier flag that fills an input field: `--role` for `roles`, `--workspace` for `workspace_id`. */
export interface FlagAlias {
  /** Flag name without dashes. */
  flag: string;
  /** The input field it fills. */
  target: string;
  /** How its text becomes a value. */
  convert: "same" | "append" | "since" | "until";
  placeholder: string;
  description: string;
}

/** Singular of a plural field name (`roles` → `role`, `statuses` → `status`, `api_key_ids` → `api_key_id`). */
export function singular(name: string): string | undefined {
  if (name.endsWith("ses")) return name.slice(0, -2);
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  if (name.endsWith("s") && !name.endsWith("ss")) return name.slice(0, -1);
  return undefined;
}

/** Flag names the CLI uses itself; aliases never shadow them. */
const RESERVED = new Set(["json", "ndjson", "sandbox", "base-url", "policy", "audit-file", "audit", "yes", "help", "version"]);

/**
 * Aliases derived from field names, so new operations get them without CLI changes:
 * a singular flag for each list field, `--X` for each `X_id`, and `--since`/`--until` for
 * reports with `starting_at`/`ending_at`.
 */
export function deriveAliases(fields: readonly CliField[]): FlagAlias[] {
  const taken = new Set<string>([...fields.map((f) => f.flag), ...RESERVED]);
  const aliases: FlagAlias[] = [];
  const add = (alias: FlagAlias) => {
    if (taken.has(alias.flag)) return;
    taken.add(alias.flag);
    aliases.push(alias);
  };
  for (const f of fields) {
    if (f.kind === "string-list") {
      const one = singular(f.name);
      if (one) {
        add({
          flag: one.replace(/_/g, "-"),
          target: f.name,
          convert: "append",
          placeholder: "<value>",
          description: `Same as --${f.flag} (repeatable).`,
        });
      }
    }
    if (f.name.endsWith("_id") && f.kind === "string" && f.name !== "before_id" && f.name !== "after_id") {
      const short = f.name.slice(0, -3);
      add({ flag: short.replace(/_/g, "-"), target: f.name, convert: "same", placeholder: "<id>", description: `Same as --${f.flag}.` });
    }
    if (f.name.endsWith("_role")) {
      add({ flag: "role", target: f.name, convert: "same", placeholder: "<role>", description: `Same as --${f.flag}.` });
    }
    if (f.name === "starting_at") {
      add({
        flag: "since",
        target: f.name,
        convert: "since",
        placeholder: "<7d|24h|30m|date>",
        description:
          "Start of the range: a duration back from now (7d, 24h, 30m) or a date/time; fills starting_at. Without --limit or --page, every bucket up to now is fetched.",
      });
    }
    if (f.name === "ending_at") {
      add({
        flag: "until",
        target: f.name,
        convert: "until",
        placeholder: "<7d|24h|30m|date>",
        description: "End of the range: a duration back from now or a date/time; fills ending_at.",
      });
    }
  }
  return aliases;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A point in time from `7d`, `24h`, `30m` (back from now) or any date the platform parses.
 * Returns undefined when the text is neither.
 */
export function parseWhen(text: string, now: number): Date | undefined {
  const m = DURATION.exec(text.trim());
  if (m) return new Date(now - Number(m[1]) * UNIT_MS[m[2].toLowerCase()]);
  if (/^\d{4}-\d{2}-\d{2}/.test(text.trim())) {
    const t = Date.parse(text.trim());
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  return undefined;
}
