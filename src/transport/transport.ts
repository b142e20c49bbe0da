import type { KeyKind } from "../operations/types.js";
import type { StreamEvent } from "../verifier/context.js";

/** One HTTP request as the Verifier hands it to a transport. */
export interface TransportRequest {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Which credential authenticates the request. */
  key: KeyKind;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Ask for Server-Sent Events; `onEvent` receives each; the final body is the assembled object. */
  stream?: boolean;
  onEvent?: (event: StreamEvent) => void;
}

/** An HTTP answer, success or not: the Verifier decides what a status means. */
export interface TransportResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Sends requests. Returns non-2xx answers as responses; throws a ToolkitError of type
 * `connection_error` or `timeout` when no answer arrived (with `not_sent` when provably unsent).
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
