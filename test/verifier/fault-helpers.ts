import type { Emulator } from "../../src/emulator/emulator.js";
import { type FaultService, faultService } from "../../src/emulator/faults/service.js";
import type { ToolResult } from "../../src/surfaces/toolkit.js";
import { createToolkit, type Toolkit } from "../../src/surfaces/toolkit.js";
import type { ToolkitOptions } from "../../src/verifier/options.js";

export const T = (name: string) => `ANTHROPIC_ADMINISTRATOR_${name}`;

/** A clock that only moves when something sleeps: no real waiting, deadlines still testable. */
export function virtualClock(start = Date.parse("2026-12-04T12:00:00Z")) {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
    advance(ms: number) {
      t += ms;
    },
  };
}

export interface Sandbox {
  toolkit: Toolkit;
  emulator: Emulator;
  faults: FaultService;
  clock: ReturnType<typeof virtualClock>;
}

/**
 * A sandbox toolkit whose toolkit, emulator and latency faults share one virtual clock, with
 * audit off and a fixed random source (jitter = half the ceiling).
 */
export async function sandbox(options: ToolkitOptions = {}): Promise<Sandbox> {
  const clock = virtualClock();
  const toolkit = createToolkit({
    sandbox: { now: clock.now },
    audit: false,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    warn: () => {},
    ...options,
  });
  const emulator = await toolkit.sandbox();
  if (!emulator) throw new Error("no sandbox");
  const faults = faultService(emulator.services);
  faults.sleep = clock.sleep;
  return { toolkit, emulator, faults, clock };
}

/** A sleep that never ends on its own: it waits until the request is aborted (a hung server). */
export function hangUntilAborted(_ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((_resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** Narrows a result for assertions, with the whole result in the failure message. */
export function ok<T>(r: ToolResult<T>): { data: T; meta: Extract<ToolResult<T>, { ok: true }>["meta"] } {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r;
}

export function fail(r: ToolResult): Extract<ToolResult, { ok: false }> {
  if (r.ok) throw new Error(`expected failure, got ${JSON.stringify(r).slice(0, 500)}`);
  return r;
}
