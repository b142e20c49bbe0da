import type { CallContext, DriftFinding, Step } from "./context.js";
import { ToolkitError } from "./errors.js";

/**
 * Checks a success body against the operation's output schema. Tolerant mode keeps the data
 * and reports drift in `meta.drift` (one warning per kind per toolkit); strict mode fails.
 */
export const checkOutput: Step = async (ctx, next) => {
  if (ctx.data !== undefined && !(ctx.op.streams && ctx.input.stream)) {
    const findings = findDrift(ctx);
    if (findings.length > 0) {
      ctx.meta.drift = [...(ctx.meta.drift ?? []), ...findings];
      if (ctx.runtime.options.drift === "strict") {
        throw new ToolkitError({
          type: "schema_drift",
          message: `The ${ctx.op.tool} response does not match the documented schema: ${findings.map((f) => `${f.path}: ${f.detail}`).join("; ")}`,
          retryable: false,
          request_id: ctx.meta.request_id,
        });
      }
      for (const f of findings) ctx.runtime.warnOnce(`drift:${ctx.op.tool}:${f.kind}:${f.path}`, `schema drift in ${ctx.op.tool}: ${f.path}: ${f.detail}`);
    }
  }
  await next();
};

function findDrift(ctx: CallContext): DriftFinding[] {
  const result = ctx.op.output.safeParse(ctx.data, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue: { code: string; path: PropertyKey[]; message: string; input?: unknown }) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "invalid_value") return { kind: "unknown_enum_value", path, detail: `new value ${JSON.stringify(issue.input)}` };
    if (issue.code === "invalid_type" && issue.input === undefined) return { kind: "missing_field", path, detail: "required field is missing" };
    return { kind: "wrong_type", path, detail: issue.message };
  });
}
