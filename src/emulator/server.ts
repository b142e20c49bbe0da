import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createEmulator, type Emulator, type EmulatorOptions } from "./emulator.js";
import { socketFetch } from "./faults/wire.js";

export interface EmulatorServer {
  emulator: Emulator;
  url: string;
  close(): Promise<void>;
}

/** Starts the emulator on a socket (default 127.0.0.1, a free port when `port` is 0). */
export async function startEmulatorServer(
  options: EmulatorOptions & { port?: number; host?: string } = {},
): Promise<EmulatorServer> {
  const emulator = createEmulator(options);
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: socketFetch(emulator.app.fetch), port: options.port ?? 0, hostname: host }, (info: AddressInfo) => {
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        emulator,
        url: `http://${shownHost}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.on("error", reject);
  });
}
