/** One Server-Sent Event: its name (always sent: the SDK drops data lines without one) and JSON data. */
export interface SseEvent {
  event: string;
  data: unknown;
}

const encoder = new TextEncoder();

/** Frames one event as `event: <name>\ndata: <json>\n\n`. */
export function formatSse(e: SseEvent): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/**
 * A `text/event-stream` answer that sends the events one chunk each, so readers see them
 * arrive separately as they would over the network.
 */
export function sseResponse(events: Iterable<SseEvent>, headers: Record<string, string> = {}): Response {
  const frames = [...events].map(formatSse);
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < frames.length) controller.enqueue(encoder.encode(frames[i++]));
      else controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers },
  });
}
