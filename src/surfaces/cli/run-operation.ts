import { operations } from "../../operations/index.js";
import type { AnyOperation } from "../../operations/types.js";
import type { CallMeta, StreamEvent } from "../../verifier/context.js";
import type { ErrorBody } from "../../verifier/errors.js";
import type { ToolResult } from "../toolkit.js";
import { errorLine, EXIT, exitCodeOf } from "./exit-codes.js";
import { type GlobalOptions, outputMode, POLICIES, toolkitOptions } from "./global-options.js";
import { type CliIo, err, out } from "./io.js";
import { printDryRun, printPreview } from "./output/preview.js";
import { isMessage, messageFooter, ndjsonItems, renderHuman } from "./output/render.js";

/** What a command needs to explain errors in terms of its own flags. */
export interface RunContext {
  /** Maps an input issue path to the flag the person typed. */
  flagOf?: (path: string) => string;
}

/**
 * Runs one operation from the CLI through the toolkit, whose guardrails own the policy, dry runs
 * and the confirmation of destructive calls (one pipeline for every surface); this renders what
 * they answer, shows progress and sets the exit code.
 */
export async function runOperation(op: AnyOperation, input: Record<string, unknown>, g: GlobalOptions, io: CliIo, ctx: RunContext = {}): Promise<void> {
  if (g.policy && !(POLICIES as readonly string[]).includes(g.policy)) {
    return usage(io, `--policy: expected one of ${POLICIES.join(", ")}, received ${JSON.stringify(g.policy)}`);
  }
  const mode = outputMode(g);
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
      if (result.error.type === "confirmation_required") {
        printPreview(op, input, result.error, mode, io);
        io.exitCode = EXIT.confirm;
        return;
      }
      return fail(io, op, ctx, result.error);
    }
    if (result.meta.dry_run) return printDryRun(result.data, mode, io);
    printResult(result.data, result.meta, mode, io, streaming);
  } finally {
    await toolkit.close();
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
