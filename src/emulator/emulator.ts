import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { createEmulatorApp } from "./app.js";
import { EmulatorClock } from "./clock.js";
import { mountControl } from "./control/index.js";
import type { ControlEnv } from "./control/types.js";
import type { EmulatorHook } from "./hooks.js";
import { createIdFactory, seededRandom, uuidFrom } from "./ids.js";
import { createFaultHook } from "./faults/index.js";
import { inProcessFetch } from "./faults/wire.js";
import { attachPersistence, type Persistence } from "./persistence.js";
import { createRateLimitHook, type RateLimitSettings } from "./rate-limiter.js";
import { seedOrganization } from "./seed/index.js";
import { createEmptyState, type EmulatorState } from "./state.js";
import { installScenario, type Scenario } from "./responder/scenario.js";

export interface EmulatorOptions {
  /** Standard API key to accept (default: a generated demo key). */
  apiKey?: string;
  /** Admin API key to accept (default: a generated demo key). */
  adminKey?: string;
  /** Seed of the deterministic random source (ids, synthetic data). */
  seed?: number;
  /** Base clock (default Date.now); the emulator's own clock can be moved on top of it. */
  now?: () => number;
  /** Extra hooks (run after the built-in ones). */
  hooks?: EmulatorHook[];
  /** Check every success body against the registry's output schema (default true). */
  selfCheck?: boolean;
  /** Organization name. */
  orgName?: string;
  /** Seeded organization size (default: a small demo org); the scale benchmark uses 100,000 users. */
  scale?: { users?: number; apiKeys?: number };
  /** Keep the organization in this SQLite file across restarts (default: in memory). */
  statePath?: string;
  /** Script the Messages responder: each call answers with the next turn (agent tests). */
  scenario?: Scenario;
  /** Inference rate limits reported in headers, and enforced with 429 when `enforce` (or `requestsPerSecond`) is set. */
  rateLimit?: RateLimitSettings;
}

/** A running emulator: an HTTP app, its organization, and a `fetch` that needs no socket. */
export interface Emulator {
  app: Hono;
  /** Answers requests in-process (pass as the SDK's or toolkit's `fetch`). */
  fetch: typeof fetch;
  state: EmulatorState;
  clock: EmulatorClock;
  apiKey: string;
  adminKey: string;
  /** Per-module services (faults, rate limiter) for tests and the control surface. */
  services: Map<string, unknown>;
  reset(): void;
  close(): Promise<void>;
}

/** Generated demo keys look like real ones so prefix checks behave the same. */
function demoKey(kind: "api03" | "admin01"): string {
  return `sk-ant-${kind}-demo-${randomBytes(24).toString("base64url")}`;
}

/** Creates an emulator with a seeded demo organization. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const apiKey = options.apiKey ?? demoKey("api03");
  const adminKey = options.adminKey ?? demoKey("admin01");
  const clock = new EmulatorClock(options.now);
  const services = new Map<string, unknown>();
  let random = seededRandom(options.seed ?? 20261204);
  let newId = createIdFactory(random);
  const scale = { users: options.scale?.users ?? 0, apiKeys: options.scale?.apiKeys ?? 0 };
  let persistence: Persistence | undefined;
  let state = build();

  function build(fresh = false): EmulatorState {
    random = seededRandom(options.seed ?? 20261204);
    newId = createIdFactory(random);
    const s = createEmptyState(clock, uuidFrom(random), options.orgName ?? "Demo Organization");
    const seed = () => seedOrganization({ state: s, newId: (p) => newId(p), random: () => random(), apiKey, adminKey, scale });
    persistence?.close();
    if (options.statePath) {
      persistence = attachPersistence(s, options.statePath, seed, { fresh, apiKey, adminKey });
      // A reloaded organization holds ids from earlier runs: draw new ones from another stream.
      if (persistence.boot > 0) {
        random = seededRandom(((options.seed ?? 20261204) + persistence.boot * 0x9e3779b9) >>> 0);
        newId = createIdFactory(random);
      }
    } else seed();
    if (options.scenario) installScenario(s, options.scenario);
    return s;
  }

  const control: ControlEnv = {
    get state() {
      return state;
    },
    newId: (p) => newId(p),
    random: () => random(),
    reset: () => {
      state = build(true);
      emulator.state = state;
    },
    services,
  };

  const app = createEmulatorApp({
    get state() {
      return state;
    },
    newId: (p) => newId(p),
    random: () => random(),
    hooks: [createRateLimitHook(services, options.rateLimit), createFaultHook(services), ...(options.hooks ?? [])],
    selfCheck: options.selfCheck ?? true,
    mount: (a) => mountControl(a, control),
  });

  const emulator: Emulator = {
    app,
    // In-process, no socket; acts out injected connection resets and truncated bodies as undici would.
    fetch: inProcessFetch((request) => app.fetch(request)),
    state,
    clock,
    apiKey,
    adminKey,
    services,
    reset: control.reset,
    close: async () => {
      persistence?.close();
    },
  };
  return emulator;
}
