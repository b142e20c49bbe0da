import { InvalidArgumentError, Option } from "commander";
import type { z } from "zod";
import { pathParams } from "../../operations/derive.js";
import type { AnyOperation } from "../../operations/types.js";
import { deriveAliases, type FlagAlias, parseWhen } from "./aliases.js";
import { type CliField, choicesInPlaceholder, cliFields, FlagValueError, parseValue, placeholder } from "./fields.js";

/** Default `max_tokens` for `messages create` when the flag is left out (a person typing a prompt rarely cares). */
export const CLI_DEFAULT_MAX_TOKENS = 1024;

/** The flags, aliases and positionals of one operation's command. */
export interface OperationFlags {
  fields: CliField[];
  aliases: FlagAlias[];
  /** Positional argument names: input fields, or `prompt` for message operations. */
  positionals: string[];
  /** Commander options with what each fills. */
  options: { option: Option; field?: CliField; alias?: FlagAlias }[];
}

/** A commander parser for a field; bad values become commander errors (one line, exit 2). */
function parserFor(field: CliField) {
  return (raw: string, prev: unknown) => {
    try {
      return parseValue(field, raw, prev);
    } catch (e) {
      if (e instanceof FlagValueError) throw new InvalidArgumentError(e.message);
      throw e;
    }
  };
}

/** Flag name of a field; control field `confirm` is `--yes`. */
function flagName(field: CliField): string {
  return field.name === "confirm" ? "yes" : field.flag;
}

function describeFlag(field: CliField, positional: boolean): string {
  const parts = [field.description || field.name];
  if (field.choices && !choicesInPlaceholder(field)) parts.push(`One of: ${field.choices.join(", ")}.`);
  if (field.kind === "string-list" || field.kind === "number-list") parts.push("Repeatable or comma-separated.");
  if (field.kind === "json") parts.push("As JSON.");
  if (field.required) parts.push(positional ? `(required; or give it as the <${field.name}> argument)` : "(required)");
  return parts.join(" ");
}

/** Derives flags from a tool's input schema (API fields plus control fields such as all, confirm). */
export function operationFlags(op: AnyOperation, toolInput: z.ZodObject<z.ZodRawShape>): OperationFlags {
  const fields = cliFields(toolInput);
  if (op.tool === "ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE") {
    const maxTokens = fields.find((f) => f.name === "max_tokens");
    if (maxTokens) {
      maxTokens.required = false;
      maxTokens.description += ` CLI default ${CLI_DEFAULT_MAX_TOKENS}.`;
    }
  }
  const hasMessages = fields.some((f) => f.name === "messages");
  const positionals = op.positional ?? (hasMessages ? ["prompt"] : pathParams(op));
  const aliases = deriveAliases(fields);
  const options: OperationFlags["options"] = [];
  for (const field of fields) {
    const name = flagName(field);
    const isBool = field.kind === "boolean";
    const option = new Option(`${name === "yes" ? "-y, " : ""}--${name}${isBool ? "" : ` ${placeholder(field)}`}`, describeFlag(field, positionals.includes(field.name)));
    if (!isBool) option.argParser(parserFor(field));
    options.push({ option, field });
  }
  for (const alias of aliases) {
    const target = fields.find((f) => f.name === alias.target);
    const option = new Option(`--${alias.flag} ${alias.placeholder}`, alias.description);
    if (alias.convert === "append" && target) option.argParser(parserFor(target));
    options.push({ option, alias });
  }
  return { fields, aliases, positionals, options };
}

/**
 * The input object for one call: positionals, flags and aliases mapped onto wire field names.
 * `--since 7d` becomes an RFC 3339 `starting_at` (or a date where the field takes one).
 */
export function buildInput(
  op: AnyOperation,
  flags: OperationFlags,
  args: (string | undefined)[],
  values: Record<string, unknown>,
  now: number,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  flags.positionals.forEach((name, i) => {
    const value = args[i];
    if (value === undefined) return;
    if (name === "prompt") input.messages = [{ role: "user", content: value }];
    else input[name] = value;
  });
  for (const { option, field, alias } of flags.options) {
    const value = values[option.attributeName()];
    if (value === undefined) continue;
    if (field) {
      input[field.name] = value;
      continue;
    }
    if (!alias) continue;
    if (alias.convert === "since" || alias.convert === "until") {
      input[alias.target] = timeValue(op, alias, String(value), now);
    } else if (alias.convert === "append") {
      const prev = Array.isArray(input[alias.target]) ? (input[alias.target] as unknown[]) : [];
      input[alias.target] = [...prev, ...(value as unknown[])];
    } else {
      input[alias.target] = value;
    }
  }
  // A person who asks for `--since 30d` means the whole range, not the API's first page of 7 buckets.
  const usedSince = flags.options.some((o) => o.alias?.convert === "since" && values[o.option.attributeName()] !== undefined);
  if (op.pagination === "report" && usedSince && input.limit === undefined && input.page === undefined && input.all === undefined) {
    input.all = true;
  }
  if (op.tool === "ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE" && input.max_tokens === undefined) {
    input.max_tokens = CLI_DEFAULT_MAX_TOKENS;
  }
  return input;
}

function timeValue(op: AnyOperation, alias: FlagAlias, text: string, now: number): string {
  const when = parseWhen(text, now);
  if (!when) {
    throw new FlagValueError(alias.flag, `--${alias.flag}: expected a duration like 7d, 24h, 30m or a date, received ${JSON.stringify(text)}`);
  }
  const iso = when.toISOString().replace(/\.\d{3}Z$/, "Z");
  const schema = op.input.shape[alias.target] as z.ZodType | undefined;
  // Some reports (Claude Code) take a plain date; use one when the full timestamp is refused.
  if (schema && !schema.safeParse(iso).success && schema.safeParse(iso.slice(0, 10)).success) return iso.slice(0, 10);
  return iso;
}

/** Maps an input issue path (`max_tokens`, `messages.0.content`) to the flag a person typed. */
export function flagForPath(flags: OperationFlags, path: string): string {
  const head = path.split(".")[0];
  if (flags.positionals.includes(head)) return `<${head}>`;
  if (head === "messages" && flags.positionals.includes("prompt")) return "--messages/<prompt>";
  const field = flags.fields.find((f) => f.name === head);
  if (!field) return head;
  const rest = path.slice(head.length);
  return `--${flagName(field)}${rest}`;
}
