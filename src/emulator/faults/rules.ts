import { z } from "zod";

/** Which calls a rule applies to; every given field must match (none given: every call). */
const MatchSchema = z
  .object({
    tool: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe("Tool name(s), full (ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE) or without the prefix (CREATE_WORKSPACE)."),
    method: z.enum(["GET", "POST", "DELETE"]).optional(),
    path: z.string().optional().describe("Request path; `*` matches any run of characters, e.g. /v1/organizations/workspaces*."),
    effect: z.enum(["read", "write"]).optional().describe("read: GET calls; write: POST and DELETE calls."),
  })
  .strict();

const StatusFault = z
  .object({
    kind: z.literal("status"),
    status: z.number().int().min(400).max(599),
    /** `retry-after` in seconds (may be fractional); omitted: no header. */
    retry_after: z.number().min(0).optional(),
    retry_after_ms: z.number().min(0).optional(),
    x_should_retry: z.boolean().optional(),
    error_type: z.string().optional(),
    error_code: z.string().optional(),
    message: z.string().optional(),
    /** before: the call is refused and nothing happens; after: the behaviour runs, then the error is sent. */
    phase: z.enum(["before", "after"]).default("before"),
  })
  .strict();

const SpendCapFault = z.object({ kind: z.literal("spend_cap") }).strict();
const LatencyFault = z
  .object({
    kind: z.literal("latency"),
    ms: z.number().int().min(0),
    /** before: delay before the behaviour runs; after: the behaviour runs, then the answer is delayed. */
    phase: z.enum(["before", "after"]).default("before"),
  })
  .strict();
const ResetFault = z.object({ kind: z.literal("reset"), phase: z.enum(["before", "after"]).default("before") }).strict();
const TruncateFault = z.object({ kind: z.literal("truncate") }).strict();
const DriftFault = z
  .object({
    kind: z.literal("drift"),
    variant: z.enum(["extra_field", "rename_field", "enum_value"]),
    /** Field to add, rename or change (in each `data[]` item of a list page). */
    field: z.string().optional(),
    /** New name (rename_field) or new value (extra_field, enum_value). */
    to: z.string().optional(),
  })
  .strict();
const RevokeKeyFault = z.object({ kind: z.literal("revoke_key") }).strict();

/** What a rule does when it fires. */
export const FaultSchema = z.discriminatedUnion("kind", [
  StatusFault,
  SpendCapFault,
  LatencyFault,
  ResetFault,
  TruncateFault,
  DriftFault,
  RevokeKeyFault,
]);

/** One fault rule as written in JSON (the `--faults FILE` format and `POST /_emulator/faults`). */
export const FaultRuleSchema = z
  .object({
    id: z.string().optional().describe("Name for listing and removal; generated when omitted."),
    match: MatchSchema.default({}),
    fault: FaultSchema,
    /** Fire on the next N matching calls only (after `skip`). */
    count: z.number().int().min(1).optional(),
    /** Fire with this probability per matching call (seeded, reproducible). */
    probability: z.number().min(0).max(1).optional(),
    /** Let the first N matching calls through before firing. */
    skip: z.number().int().min(0).optional(),
  })
  .strict();

/** The file as an object: `{ seed?, rules }`. */
const FaultFileObjectSchema = z.object({ seed: z.number().int().optional(), rules: z.array(FaultRuleSchema) }).strict();

export type FaultRuleInput = z.input<typeof FaultRuleSchema>;
export type FaultRule = z.output<typeof FaultRuleSchema> & { id: string };
export type Fault = z.output<typeof FaultSchema>;

/** Parsed fault rules and the optional seed of their probability draws. */
export interface FaultRuleSet {
  seed?: number;
  rules: Array<z.output<typeof FaultRuleSchema>>;
}

/**
 * Parses fault rules from JSON text or an already-parsed value (the CLI's `--faults FILE`).
 * Throws an Error naming the first bad field.
 */
export function parseFaultRules(json: unknown): FaultRuleSet {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new Error(`Fault rules are not valid JSON: ${(err as Error).message}`);
    }
  }
  // Pick the schema by shape so errors name the field, not "no union member matched".
  if (Array.isArray(value)) return { rules: check(z.array(FaultRuleSchema), value) };
  if (value && typeof value === "object" && "rules" in value) return check(FaultFileObjectSchema, value);
  return { rules: [check(FaultRuleSchema, value)] };
}

function check<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new Error(`Invalid fault rules at ${first.path.map(String).join(".") || "(top)"}: ${first.message}`);
}
