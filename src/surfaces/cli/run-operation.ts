import { effectOf, toHttpRequest } from "../../operations/derive.js";
import { operations } from "../../operations/index.js";
import { CONTROL_FIELDS, toolInputSchema } from "../../operations/tool-input.js";
import type { AnyOperation } from "../../operations/types.js";
import type { CallMeta, StreamEvent } from "../../verifier/context.js";
import type { ErrorBody } from "../../verifier/errors.js";
import type { ToolResult } from "../toolkit.js";
import { errorLine, EXIT, exitCodeOf } from "./exit-codes.js";
import { type GlobalOptions, outputMode, POLICIES, toolkitOptions } from "./global-options.js";
import { type CliIo, err, out } from "./io.js";
import { isMessage, messageFooter, ndjsonItems, renderHuman } from "./output/render.js";

/** What a command needs to explain errors in terms of its own flags. */
export interface RunContext {
  /** Maps an input issue path to the flag the person typed. */
  flagOf?: (path: string) => string;
}

/** Runs one operation from the CLI: policy and confirmation checks, the call, progress, output, exit code. */
export async function runOperation(op: AnyOperation, input: Record<string, unknown>, g: GlobalOptions, io: CliIo, ctx: RunContext = {}): Promise<void> {
  if (g.policy && !(POLICIES as readonly string[]).includes(g.policy)) {
    return usage(io, `--policy: expected one of ${POLICIES.join(", ")}, received ${JSON.stringify(g.policy)}`);
  }
  const mode = outputMode(g);
  const policy = g.policy ?? "confirm_destructive";
  const effect = safeEffect(op, input);
  const valid = toolInputSchema(op).safeParse(input);
  // Refusals and previews are decided here, before any request, for valid input only: invalid input
  // goes to the toolkit, whose input check refuses it with per-field issues and sends nothing.
  if (valid.success) {
    if (policy === "read_only" && effect !== "read") {
      return fail(io, op, ctx, {
        type: "policy_denied",
        message: `${op.tool} is a ${effect} call and the policy is read_only.`,
        hint: "use --policy confirm_destructive to allow writes",
        retryable: false,
      });
    }
    if (input.dry_run === true && effect !== "read") return dryRun(op, valid.data as Record<string, unknown>, mode, io);
    if (effect === "destructive" && input.confirm !== true && policy !== "open") {
      return preview(op, valid.data as Record<string, unknown>, undefined, mode, io);
    }
  }
  // Loaded here, not at start-up: help and usage errors never pay for the Verifier and transport.
  const { createToolkit } = await import("../toolkit.js");
  const toolkit = createToolkit(toolkitOptions(g, io));
  try {
    const streaming = input.stream === true;
    const onEvent = streaming ? streamPrinter(io, mode) : undefined;
    const onProgress = progressPrinter(io);
    const result = (await toolkit.run(op.tool, input, { onEvent, onProgress: onProgress.update })) as ToolResult;
    onProgress.done(result.ok ? result.meta.pages : undefined);
    if (!result.ok) {
      if (result.error.type === "confirmation_required") return preview(op, input, result.error, mode, io);
      return fail(io, op, ctx, result.error);
    }
    printResult(result.data, result.meta, mode, io, streaming);
  } finally {
    await toolkit.close();
  }
}

function safeEffect(op: AnyOperation, input: Record<string, unknown>) {
  try {
    return effectOf(op, input);
  } catch {
    return "write" as const;
  }
}

/** Prints a successful result in the chosen mode. */
export function printResult(data: unknown, meta: CallMeta | undefined, mode: string, io: CliIo, streamed = false): void {
  if (mode === "json") {
    out(io, JSON.stringify(data, null, 2));
    return;
  }
  if (mode === "ndjson") {
    if (streamed) return;
    for (const item of ndjsonItems(data)) out(io, JSON.stringify(item));
    return;
  }
  if (isMessage(data)) {
    if (!streamed) out(io, renderHuman(data, meta, io.now()));
    err(io, messageFooter(data));
    return;
  }
  out(io, renderHuman(data, meta, io.now()));
}

/** Prints text deltas as they arrive (people) or every event (ndjson); `--json` waits for the final message. */
function streamPrinter(io: CliIo, mode: string): (event: StreamEvent) => void {
  return (event) => {
    if (mode === "ndjson") return out(io, JSON.stringify(event));
    if (mode === "json") return;
    const delta = event.delta as { type?: string; text?: string } | undefined;
    if (event.type === "content_block_delta" && delta?.type === "text_delta" && delta.text) io.stdout.write(delta.text);
    if (event.type === "message_stop") io.stdout.write("\n");
  };
}

/** A progress line on stderr while walking pages: live on a terminal, one summary line otherwise. */
function progressPrinter(io: CliIo) {
  let last = { pages: 0, items: 0 };
  const tty = io.stderr.isTTY === true;
  return {
    update: (pages: number, items: number) => {
      last = { pages, items };
      if (tty && pages > 1) io.stderr.write(`\r… ${pages} pages, ${items.toLocaleString("en-US")} items`);
    },
    done: (pages: number | undefined) => {
      if (!pages || pages < 2) return;
      if (tty) io.stderr.write("\r\x1b[2K");
      else err(io, `walked ${last.pages} pages, ${last.items.toLocaleString("en-US")} items`);
    },
  };
}

function apiFields(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k]) => !(CONTROL_FIELDS as readonly string[]).includes(k)));
}

/** The exact request a write would send, without sending it. */
function dryRun(op: AnyOperation, input: Record<string, unknown>, mode: string, io: CliIo): void {
  const req = toHttpRequest(op, apiFields(input));
  const shown = { dry_run: true, tool: op.tool, effect: safeEffect(op, input), method: req.method, path: req.path, query: req.query, body: req.body };
  if (mode !== "table") {
    out(io, JSON.stringify(shown, null, mode === "json" ? 2 : 0));
    return;
  }
  out(io, `dry run: would send ${req.method} ${req.path}${req.query ? `?${new URLSearchParams(req.query as Record<string, string>)}` : ""}`);
  if (req.body && Object.keys(req.body).length) out(io, JSON.stringify(req.body, null, 2));
  err(io, "nothing was sent");
}

/** What a destructive call would do; exits 6 until `--yes` is given. */
function preview(op: AnyOperation, input: Record<string, unknown>, error: ErrorBody | undefined, mode: string, io: CliIo): void {
  const req = toHttpRequest(op, apiFields(input));
  const fromGuardrail = error?.details?.preview;
  const body = {
    confirmation_required: true,
    tool: op.tool,
    effect: "destructive",
    request: { method: req.method, path: req.path, body: req.body },
    ...(fromGuardrail !== undefined ? { preview: fromGuardrail } : {}),
  };
  if (mode !== "table") out(io, JSON.stringify(body, null, mode === "json" ? 2 : 0));
  else {
    err(io, `${op.title}: this is destructive and cannot be undone.`);
    err(io, `would send: ${req.method} ${req.path}${req.body && Object.keys(req.body).length ? ` ${JSON.stringify(req.body)}` : ""}`);
    if (fromGuardrail !== undefined) err(io, `preview: ${typeof fromGuardrail === "string" ? fromGuardrail : JSON.stringify(fromGuardrail)}`);
    if (error?.message) err(io, error.message);
  }
  err(io, "anthropic-admin: confirmation_required: nothing was sent (hint: re-run with --yes to carry it out)");
  io.exitCode = EXIT.confirm;
}

function listCommandOf(op: AnyOperation): string | undefined {
  return operations.some((o) => o.group === op.group && o.verb === "list") ? `${op.group} list` : undefined;
}

/** Prints a failed call's one-line error and sets its exit code. */
export function fail(io: CliIo, op: AnyOperation | undefined, ctx: RunContext, error: ErrorBody): void {
  err(io, errorLine(error, { listCommand: op ? listCommandOf(op) : undefined, flagOf: ctx.flagOf }));
  io.exitCode = exitCodeOf(error);
}

/** A usage error (exit 2). */
export function usage(io: CliIo, message: string): void {
  err(io, `anthropic-admin: usage: ${message} (hint: see --help)`);
  io.exitCode = EXIT.usage;
}
