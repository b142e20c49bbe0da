import { effectOf } from "../operations/derive.js";
import { findOperation, operations } from "../operations/index.js";
import type { AnyOperation, KeyKind } from "../operations/types.js";
import { createSdkTransport } from "../transport/sdk-transport.js";
import type { Transport } from "../transport/transport.js";
import type { CallContext, CallControl, CallMeta, Runtime, StreamEvent } from "../verifier/context.js";
import { asToolkitError, type ErrorBody, ToolkitError } from "../verifier/errors.js";
import { readKey } from "../verifier/key-source.js";
import { type ResolvedOptions, resolveOptions, type ToolkitOptions } from "../verifier/options.js";
import { runPipeline } from "../verifier/pipeline.js";
import { visibleOperations } from "../verifier/visible-operations.js";
import { buildClient, type Client } from "./client.js";
import { type ToolFormat, toolDefinitions } from "./tools.js";

/** What `run` answers: data and meta, or a typed error. It never throws. */
export type ToolResult<T = unknown> = { ok: true; data: T; meta: CallMeta } | { ok: false; error: ErrorBody; meta?: CallMeta };

/** Per-call options of `run`. */
export interface RunOptions {
  signal?: AbortSignal;
  /** Streaming calls: receives each server-sent event. */
  onEvent?: (event: StreamEvent) => void;
  /** Walks: called after each page. */
  onProgress?: (pages: number, items: number) => void;
}

export interface Toolkit {
  /** Runs a tool by name through the Verifier. Never throws. */
  run<T = unknown>(tool: string, input?: unknown, options?: RunOptions): Promise<ToolResult<T>>;
  /** Tool definitions for an agent framework, filtered by the guardrail policy. */
  tools(format: ToolFormat): unknown[];
  /** Typed methods derived from the registry, throwing ToolkitError. */
  client: Client;
  /** The operations this toolkit exposes under its policy. */
  operations(): AnyOperation[];
  /** The rate-limit governor's current view. */
  limits(): unknown;
  /** The in-process emulator when `sandbox` is on. */
  sandbox(): Promise<import("../emulator/emulator.js").Emulator | undefined>;
  readonly options: ResolvedOptions;
  close(): Promise<void>;
}

/** Creates a toolkit: one Verifier instance with its own governor, caches and audit log. */
export function createToolkit(options: ToolkitOptions = {}): Toolkit {
  const resolved = resolveOptions(options);
  const warned = new Set<string>();
  const keyCache = new Map<KeyKind, Promise<string | undefined>>();
  let emulatorPromise: Promise<import("../emulator/emulator.js").Emulator> | undefined;

  if (resolved.sandbox) {
    const sandboxOptions = typeof resolved.sandbox === "object" ? resolved.sandbox : {};
    emulatorPromise = import("../emulator/emulator.js").then((m) => m.createEmulator(sandboxOptions));
  }

  const sourceOf = async (kind: KeyKind) => {
    const configured = kind === "api" ? resolved.apiKey : resolved.adminKey;
    if (configured !== undefined || !emulatorPromise) return configured;
    const emulator = await emulatorPromise;
    return kind === "api" ? emulator.apiKey : emulator.adminKey;
  };

  const getKey = (kind: KeyKind): Promise<string | undefined> => {
    let pending = keyCache.get(kind);
    if (!pending) {
      pending = sourceOf(kind).then(readKey);
      pending.catch(() => keyCache.delete(kind));
      keyCache.set(kind, pending);
    }
    return pending;
  };

  let transport: Transport | undefined;
  const transportFor = async (): Promise<Transport> => {
    if (transport) return transport;
    const fetchImpl = emulatorPromise ? (await emulatorPromise).fetch : resolved.fetch;
    transport = createSdkTransport({
      baseURL: emulatorPromise ? "http://sandbox.emulator.invalid" : resolved.baseURL,
      fetch: fetchImpl,
      getKey,
      timeoutMs: resolved.timeoutMs,
    });
    return transport;
  };

  const runtime: Runtime = {
    options: resolved,
    transport: {
      send: async (req) => (await transportFor()).send(req),
    },
    now: options.now ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    getKey,
    refreshKey: (kind) => keyCache.delete(kind),
    warnOnce: (kind, message) => {
      if (warned.has(kind)) return;
      warned.add(kind);
      resolved.warn(message);
    },
    call: async (tool, input) => {
      const result = await execute(tool, input, {}, true);
      if (!result.ok) throw new ToolkitError(result.error);
      return result.data;
    },
    state: new Map(),
  };

  async function execute(tool: string, input: unknown, opts: RunOptions, internal = false): Promise<ToolResult> {
    const started = runtime.now();
    const op = findOperation(tool);
    if (!op) {
      return {
        ok: false,
        error: {
          type: "unknown_tool",
          message: `Unknown tool ${JSON.stringify(tool)}. List the tools with tools("json-schema") or \`anthropic-admin tools\`.`,
          retryable: false,
        },
      };
    }
    const meta: CallMeta = { tool, effect: "read", attempts: 0, duration_ms: 0 };
    const control: CallControl = { onProgress: opts.onProgress };
    const ctx: CallContext = { op, raw: input, input: {}, control, runtime, meta, signal: opts.signal, onEvent: opts.onEvent, internal };
    try {
      meta.effect = effectOfRaw(op, input);
      await runPipeline(ctx);
      meta.duration_ms = runtime.now() - started;
      // Derived fields (exact USD on cost reports) go on after every page is in; dry runs stay as sent.
      if (op.decorate && ctx.data !== undefined && !meta.dry_run) ctx.data = op.decorate(ctx.data);
      return { ok: true, data: ctx.data, meta };
    } catch (err) {
      meta.duration_ms = runtime.now() - started;
      return { ok: false, error: asToolkitError(err).toJSON(), meta };
    }
  }

  const toolkit: Toolkit = {
    options: resolved,
    run: (tool, input, opts = {}) => execute(tool, input, opts) as Promise<ToolResult<never>>,
    tools: (format) => toolDefinitions(format, toolkit.operations()),
    client: undefined as unknown as Client,
    operations: () => visibleOperations(operations, resolved),
    limits: () => {
      const view = runtime.state.get("governor:view");
      return typeof view === "function" ? view() : {};
    },
    sandbox: async () => (emulatorPromise ? await emulatorPromise : undefined),
    close: async () => {
      if (emulatorPromise) await (await emulatorPromise).close();
    },
  };
  (toolkit as { client: Client }).client = buildClient(toolkit);
  return toolkit;
}

function effectOfRaw(op: AnyOperation, input: unknown) {
  try {
    return effectOf(op, (input ?? {}) as Record<string, unknown>);
  } catch {
    return typeof op.effect === "function" ? "write" : op.effect;
  }
}

/**
 * The real-clock sleep used when no `sleep` option is injected; an abort rejects with the
 * signal's reason. The abort listener is removed when the timer fires, so one long-lived signal
 * reused across many sleeps (a walk, a retry loop) does not pile up listeners.
 */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
