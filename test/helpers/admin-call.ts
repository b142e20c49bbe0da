import type { Emulator } from "../../src/emulator/emulator.js";

export type Json = Record<string, any>;

/** One request to the emulator with its admin key, answered in-process; the body parsed as JSON. */
export async function adminCall(emu: Emulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await emu.fetch(`http://emu.local${path}`, {
    method,
    headers: { "x-api-key": emu.adminKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
