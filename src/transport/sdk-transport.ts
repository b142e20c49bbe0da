import type { KeyKind } from "../operations/types.js";
import type { StreamEvent } from "../verifier/context.js";
import { ToolkitError } from "../verifier/errors.js";
import { createStreamAccumulator } from "./accumulate-stream.js";
import type { Transport, TransportRequest, TransportResponse } from "./transport.js";

export interface SdkTransportOptions {
  baseURL: string;
  fetch?: typeof fetch;
  /** Reads the current key of a kind before each request, so refreshed keys apply at once. */
  getKey: (kind: KeyKind) => Promise<string | undefined>;
  timeoutMs: number;
}

type Sdk = import("@anthropic-ai/sdk").Anthropic;

/**
 * The official SDK as a plain sender: its generic request method keyed by method and path,
 * with its own retries off (`maxRetries: 0`) because the Verifier owns retries. Loaded lazily so
 * commands that send nothing start fast.
 */
export function createSdkTransport(options: SdkTransportOptions): Transport {
  const clients = new Map<KeyKind, Promise<{ client: Sdk; sdk: typeof import("@anthropic-ai/sdk") }>>();

  function clientFor(kind: KeyKind) {
    let pending = clients.get(kind);
    if (!pending) {
      pending = import("@anthropic-ai/sdk").then((sdk) => ({
        sdk,
        client: new sdk.Anthropic({
          baseURL: options.baseURL,
          apiKey: async () => (await options.getKey(kind)) ?? "missing-key",
          fetch: options.fetch,
          maxRetries: 0,
          timeout: options.timeoutMs,
        }),
      }));
      clients.set(kind, pending);
    }
    return pending;
  }

  return {
    async send(req: TransportRequest): Promise<TransportResponse> {
      const { client, sdk } = await clientFor(req.key);
      const opts = {
        method: req.method.toLowerCase() as "get" | "post" | "delete",
        path: req.path,
        query: req.query,
        body: req.stream ? { ...req.body, stream: true } : req.body,
        headers: req.headers,
        signal: req.signal,
        timeout: req.timeoutMs,
        maxRetries: 0,
        stream: req.stream,
      };
      try {
        if (req.stream) return await sendStream(client, sdk, opts, req.onEvent);
        const { data, response } = await client.request(opts).withResponse();
        return { status: response.status, headers: response.headers, body: data };
      } catch (err) {
        const translated = translate(err, sdk);
        if (!(translated instanceof Error)) return translated;
        throw translated;
      }
    },
  };
}

/**
 * Sends a streamed request, handing each event to `onEvent` as it arrives. A failure after events
 * were delivered to `onEvent` (an `error` event, a dropped connection) is marked not retryable
 * with `details.events_delivered`: resending would show the caller a second, duplicated output.
 */
async function sendStream(
  client: Sdk,
  sdk: typeof import("@anthropic-ai/sdk"),
  opts: any,
  onEvent: ((e: StreamEvent) => void) | undefined,
): Promise<TransportResponse> {
  const { data, response } = await client.request<AsyncIterable<StreamEvent>>(opts).withResponse();
  const acc = createStreamAccumulator();
  let delivered = 0;
  let callerFailed = false;
  try {
    for await (const event of data) {
      acc.push(event);
      // Only events the caller saw count: without onEvent a resend starts a fresh accumulator.
      if (!onEvent) continue;
      delivered++;
      try {
        onEvent(event);
      } catch (err) {
        callerFailed = true;
        throw err;
      }
    }
  } catch (err) {
    // The caller's own callback failing is theirs to see, unchanged.
    if (callerFailed) throw err;
    const translated = translate(err, sdk);
    if (!(translated instanceof Error) || delivered === 0) throw err;
    throw interrupted(translated, delivered);
  }
  return { status: response.status, headers: response.headers, body: acc.result() };
}

/** A mid-stream failure after `delivered` events: never retryable, with a hint saying why. */
function interrupted(err: Error, delivered: number): ToolkitError {
  const base = err instanceof ToolkitError ? err : new ToolkitError({ type: "connection_error", message: `The stream broke: ${err.message}` });
  return new ToolkitError({
    ...base.toJSON(),
    not_sent: false,
    retryable: false,
    details: { ...base.details, events_delivered: delivered },
    hint: `The stream was interrupted after ${delivered} event${delivered === 1 ? "" : "s"}; it is not resent automatically because resending would duplicate the output already delivered. Send the request again yourself if you want a complete answer.`,
  });
}

function translate(err: unknown, sdk: typeof import("@anthropic-ai/sdk")): TransportResponse | Error {
  if (err instanceof sdk.APIConnectionTimeoutError) {
    return new ToolkitError({ type: "timeout", message: "The request timed out before an answer arrived.", retryable: true });
  }
  if (err instanceof sdk.APIUserAbortError) {
    return new ToolkitError({ type: "connection_error", message: "The request was aborted.", retryable: false });
  }
  if (err instanceof sdk.APIConnectionError) {
    const code = causeCode(err);
    return new ToolkitError({
      type: "connection_error",
      message: `Connection failed${code ? ` (${code})` : ""}: ${err.message}`,
      retryable: true,
      not_sent: code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN",
    });
  }
  if (err instanceof sdk.APIError && err.status !== undefined) {
    // Surface as a response: the Verifier's one status-to-error factory decides.
    return { status: err.status, headers: err.headers ?? new Headers(), body: err.error };
  }
  if (err instanceof sdk.APIError) return streamErrorEvent(err);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * An SSE `error` event (e.g. overloaded_error after message_start): the SDK throws an APIError
 * without a status. Keep Anthropic's error type and message; overloaded and api errors are
 * transient (the caller marks the stream interrupted when events had already been delivered).
 */
function streamErrorEvent(err: InstanceType<typeof import("@anthropic-ai/sdk").APIError>): ToolkitError {
  const body = err.error as { type?: unknown; message?: unknown; error?: { type?: unknown; message?: unknown } } | undefined;
  const type = str(body?.error?.type) ?? str(body?.type) ?? str(err.type) ?? "api_error";
  const message = str(body?.error?.message) ?? str(body?.message) ?? err.message;
  return new ToolkitError({
    type: type === "error" ? "api_error" : type,
    message,
    request_id: err.requestID ?? undefined,
    retryable: type === "overloaded_error" || type === "api_error",
  });
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

function causeCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
