import type { Step } from "./context.js";
import { findDrift } from "./drift.js";
import { ToolkitError } from "./errors.js";
import { type ConformanceCheck, compileConformance } from "./strict-schema.js";

/**
 * Checks a success body against the operation's output schema. Tolerant mode (default) keeps the
 * data as the server sent it (unknown fields and values included), reports findings in
 * `meta.drift` and warns once per drift kind per toolkit; strict mode fails the call
 * with `schema_drift` (for tests and CI).
 */
export const checkOutput: Step = async (ctx, next) => {
  // Streamed messages are checked too: the transport hands over the message assembled from the events.
  if (ctx.data !== undefined) {
    // Fast path: a body that conforms exactly has no drift to report.
    const key = `drift:conformance:${ctx.op.tool}`;
    let conforms = ctx.runtime.state.get(key) as ConformanceCheck | undefined;
    if (!conforms) {
      conforms = compileConformance(ctx.op.output);
      ctx.runtime.state.set(key, conforms);
    }
    const findings = conforms(ctx.data) ? [] : findDrift(ctx.op.output, ctx.data);
    if (findings.length > 0) {
      ctx.meta.drift = [...(ctx.meta.drift ?? []), ...findings];
      const summary = findings.map((f) => `${f.path || "(body)"}: ${f.detail}`).join("; ");
      if (ctx.runtime.options.drift === "strict") {
        throw new ToolkitError({
          type: "schema_drift",
          message: `The ${ctx.op.tool} response does not match the documented schema (strict drift mode): ${summary}`,
          retryable: false,
          status: ctx.meta.status,
          request_id: ctx.meta.request_id,
          details: { drift: findings },
          hint: "The API changed; update the toolkit, or use drift: \"tolerant\" to accept and report it.",
        });
      }
      for (const kind of new Set(findings.map((f) => f.kind))) {
        const first = findings.filter((f) => f.kind === kind);
        ctx.runtime.warnOnce(
          `drift:${kind}`,
          `schema drift (${kind.replaceAll("_", " ")}) in ${ctx.op.tool}: ${first.map((f) => `${f.path || "(body)"}: ${f.detail}`).join("; ")}. The data is kept; later drift of this kind, in any tool, is reported in meta.drift only.`,
        );
      }
    }
  }
  await next();
};
