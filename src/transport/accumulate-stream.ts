import type { StreamEvent } from "../verifier/context.js";

type Block = Record<string, unknown> & { type: string };

/**
 * Folds Messages API stream events into the final Message object, as `messages.create` would
 * have answered without streaming. Usage values in message_delta are cumulative.
 */
export function createStreamAccumulator() {
  let message: Record<string, unknown> | undefined;
  const partialJson = new Map<number, string>();
  return {
    push(event: StreamEvent): void {
      switch (event.type) {
        case "message_start":
          message = structuredClone(event.message as Record<string, unknown>);
          message.content = [];
          break;
        case "content_block_start": {
          const content = message?.content as Block[] | undefined;
          content?.splice(event.index as number, 0, structuredClone(event.content_block as Block));
          break;
        }
        case "content_block_delta": {
          const index = event.index as number;
          const block = (message?.content as Block[] | undefined)?.[index];
          const delta = event.delta as Block;
          if (!block) break;
          if (delta.type === "text_delta") block.text = `${block.text ?? ""}${delta.text}`;
          else if (delta.type === "input_json_delta")
            partialJson.set(index, `${partialJson.get(index) ?? ""}${delta.partial_json}`);
          else if (delta.type === "thinking_delta") block.thinking = `${block.thinking ?? ""}${delta.thinking}`;
          else if (delta.type === "signature_delta") block.signature = delta.signature;
          break;
        }
        case "content_block_stop": {
          const index = event.index as number;
          const block = (message?.content as Block[] | undefined)?.[index];
          const json = partialJson.get(index);
          if (block && json !== undefined) block.input = json === "" ? {} : JSON.parse(json);
          break;
        }
        case "message_delta": {
          if (!message) break;
          Object.assign(message, event.delta as object);
          const usage = (message.usage ?? {}) as Record<string, unknown>;
          for (const [k, v] of Object.entries((event.usage ?? {}) as Record<string, unknown>)) {
            if (v !== null && v !== undefined) usage[k] = v;
          }
          message.usage = usage;
          break;
        }
      }
    },
    /** The assembled message; undefined when no message_start arrived. */
    result(): Record<string, unknown> | undefined {
      return message;
    },
  };
}
