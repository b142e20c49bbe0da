/**
 * Faults below HTTP (a dropped connection, a body cut short) cannot be expressed as a Response,
 * so the fault hook marks its Response with this header and each transport acts it out: the
 * in-process `fetch` rejects or cuts the body as undici would; the socket server destroys the socket.
 */
export const WIRE_FAULT_HEADER = "x-emulator-wire-fault";

/** A Response that tells the transport to drop the connection without an answer. */
export function resetResponse(): Response {
  return new Response(null, { status: 502, headers: { [WIRE_FAULT_HEADER]: "reset" } });
}

/** A Response that tells the transport to send half of this body and then drop the connection. */
export function truncatedResponse(body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { ...headers, "content-type": "application/json", [WIRE_FAULT_HEADER]: "truncate" },
  });
}

/** The rejection undici's fetch gives when the peer resets the connection. */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104, syscall: "read" });
  return new TypeError("fetch failed", { cause });
}

/** The error undici raises while reading a body whose connection closed early. */
function terminatedError(): TypeError {
  const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
  return new TypeError("terminated", { cause });
}

/**
 * A `fetch` that answers in-process (no socket) and acts out wire faults: a reset rejects with
 * `TypeError("fetch failed")` whose cause has `code: "ECONNRESET"`; a truncated body errors
 * mid-read with `TypeError("terminated")`; an aborted signal rejects with its reason at once.
 */
export function inProcessFetch(handle: (request: Request) => Response | Promise<Response>): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    // Watch the caller's own signal: undici links a Request's signal to it only weakly, so under
    // GC pressure the derived signal (and a request hung on it) could vanish and never abort.
    const signal = init?.signal ?? request.signal;
    const response = await raceAbort(Promise.resolve(handle(request)), signal, request);
    const fault = response.headers.get(WIRE_FAULT_HEADER);
    if (fault === "reset") throw connectionResetError();
    if (fault === "truncate") return cutShort(response);
    return response;
  };
}

async function cutShort(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const part = bytes.slice(0, Math.floor(bytes.length / 2));
  const headers = new Headers(response.headers);
  headers.delete(WIRE_FAULT_HEADER);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(part);
      controller.error(terminatedError());
    },
  });
  return new Response(body, { status: response.status, headers });
}

/** Settles with `work`, or rejects with the signal's reason once it aborts. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, request: Request): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    // Holding `request` here keeps its derived signal alive, so the emulator side sees the abort too.
    const onAbort = () => reject(signal.reason ?? request.signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Node's request/response pair as @hono/node-server passes it to `fetch(request, env)`. */
interface NodeBindings {
  incoming?: { socket?: { destroy(): void; end(): void } };
  outgoing?: {
    writeHead(status: number, headers: Record<string, string | number>): void;
    write(chunk: Uint8Array): void;
    socket?: { destroy(): void; end(): void } | null;
  };
}

/**
 * Wraps the app's fetch for the socket server: a reset destroys the socket; a truncated body
 * writes the headers (with the full content-length) and half the bytes, then destroys the socket.
 */
export function socketFetch(
  handle: (request: Request, env?: unknown) => Response | Promise<Response>,
): (request: Request, env?: unknown) => Promise<Response> {
  return async (request, env) => {
    const response = await handle(request, env);
    const fault = response.headers.get(WIRE_FAULT_HEADER);
    if (!fault) return response;
    const bindings = (env ?? {}) as NodeBindings;
    if (fault === "truncate" && bindings.outgoing) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      const headers: Record<string, string | number> = {};
      response.headers.forEach((v, k) => {
        if (k !== WIRE_FAULT_HEADER) headers[k] = v;
      });
      headers["content-length"] = bytes.length;
      bindings.outgoing.writeHead(response.status, headers);
      bindings.outgoing.write(bytes.slice(0, Math.floor(bytes.length / 2)));
    }
    const socket = bindings.outgoing?.socket ?? bindings.incoming?.socket;
    // A truncation flushes what was written, then closes; a reset drops everything at once.
    if (fault === "truncate") socket?.end();
    else socket?.destroy();
    // Tells @hono/node-server the answer is already dealt with.
    return new Response(null, { headers: { "x-hono-already-sent": "1" } });
  };
}
