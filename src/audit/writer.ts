import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { AuditEntry } from "./entry.js";
import { redactText } from "./redact.js";

/** Appends audit entries to one JSON-lines file, in call-completion order. */
export interface AuditWriter {
  append(entry: AuditEntry): Promise<void>;
}

/**
 * A writer for one toolkit instance: creates the directory once, then appends line by line
 * through one chain so concurrent calls never interleave within a line.
 */
export function createAuditWriter(path: string): AuditWriter {
  let ready: Promise<unknown> | undefined;
  let chain: Promise<void> = Promise.resolve();
  return {
    append(entry) {
      ready ??= mkdir(dirname(path), { recursive: true });
      // Belt and braces: a key-shaped string can never reach the file, whatever field it hid in.
      const line = `${redactText(JSON.stringify(entry))}\n`;
      const write = chain.then(async () => {
        await ready;
        await appendFile(path, line, "utf8");
      });
      chain = write.catch(() => undefined);
      return write;
    },
  };
}
