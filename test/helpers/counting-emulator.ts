import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/emulator.js";

/** An in-process emulator and a `fetch` into it that counts requests (to prove nothing was sent). */
export function countingEmulator(options: EmulatorOptions = {}): { emulator: Emulator; fetch: typeof globalThis.fetch; requests: () => number } {
  const emulator = createEmulator(options);
  let requests = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests++;
    return emulator.fetch(input, init);
  };
  return { emulator, fetch, requests: () => requests };
}
