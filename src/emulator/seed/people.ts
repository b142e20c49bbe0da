import { INVITE_TTL_MS } from "../behaviours/invites.js";
import type { EmulatorState, UserRecord } from "../state.js";
import type { SeedContext } from "./organization.js";

const DAY = 86_400_000;

/** Demo members beside the owner: mixed roles, joined oldest first. */
const DEMO_USERS: Array<[name: string, role: string, daysAgo: number]> = [
  ["Ada Lovelace", "admin", 380],
  ["Grace Hopper", "developer", 350],
  ["Alan Turing", "developer", 320],
  ["Katherine Johnson", "billing", 300],
  ["Edsger Dijkstra", "developer", 260],
  ["Barbara Liskov", "user", 220],
  ["Donald Knuth", "claude_code_user", 180],
  ["Frances Allen", "user", 140],
  ["Ken Thompson", "developer", 100],
  ["Radia Perlman", "claude_code_user", 60],
  ["Margaret Hamilton", "user", 30],
];

/** Demo invites: three pending, one expired, one accepted (by the newest demo member). */
const DEMO_INVITES: Array<[email: string, role: string, daysAgo: number, status: "pending" | "accepted"]> = [
  ["margaret.hamilton@example.com", "user", 32, "accepted"],
  ["linus.torvalds@example.com", "developer", 40, "pending"],
  ["hedy.lamarr@example.com", "developer", 10, "pending"],
  ["john.backus@example.com", "user", 5, "pending"],
  ["sophie.wilson@example.com", "claude_code_user", 2, "pending"],
];

/** Roles of scale-seeded members, cycled (mostly users and developers, as in a large org). */
const SCALE_ROLES = ["user", "developer", "user", "claude_code_user", "user", "developer", "billing", "user"];

/** `Ada Lovelace` → `ada.lovelace@example.com`. */
function demoEmail(name: string): string {
  return `${name.toLowerCase().replace(/\s+/g, ".")}@example.com`;
}

/**
 * People of the demo organization (12 members with the owner, 3 pending invites, 1 expired,
 * 1 accepted), plus `scale.users` extra members for the scale benchmark.
 */
export function seedPeople(ctx: SeedContext): void {
  const { state, newId } = ctx;
  const now = state.clock.now();
  for (const [name, role, daysAgo] of DEMO_USERS) {
    state.users.insert({ id: newId("user"), type: "user", email: demoEmail(name), name, role, added_at: state.clock.iso(now - daysAgo * DAY) });
  }
  for (const [email, role, daysAgo, status] of DEMO_INVITES) {
    const sent = now - daysAgo * DAY;
    state.invites.insert({
      id: newId("invite"),
      type: "invite",
      email,
      role,
      status,
      invited_at: state.clock.iso(sent),
      expires_at: state.clock.iso(sent + INVITE_TTL_MS),
      accepted_at: status === "accepted" ? state.clock.iso(now - 30 * DAY) : null,
      rbac_group_ids: [],
    });
  }
  if (ctx.scale.users > 0) seedScaleUsers(state, ctx.scale.users, ctx.random, now);
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const FIVE_CHARS = 62 ** 5;

/**
 * An id like the API's (prefix + `01` + 22 base62 characters) from 5 draws instead of 22, built
 * as one flat string: at 100,000 members the generic factory dominates seeding time.
 */
function fastId(prefix: string, random: () => number, codes: number[]): string {
  let k = 0;
  while (k < 22) {
    let n = Math.floor(random() * FIVE_CHARS);
    for (let j = 0; j < 5 && k < 22; j++) {
      codes[k++] = BASE62.charCodeAt(n % 62);
      n = Math.floor(n / 62);
    }
  }
  return `${prefix}_01${String.fromCharCode(...codes)}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** `2026-12-04T16:11:37.455000Z` without a Date per member: one date prefix per day, the time by arithmetic. */
function isoFast(ms: number, days: Map<number, string>): string {
  const day = Math.floor(ms / DAY);
  let prefix = days.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    days.set(day, prefix);
  }
  let rest = ms - day * DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const three = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${prefix}${two(h)}:${two(m)}:${two(s)}.${three}000Z`;
}

/**
 * Adds `count` members quickly (100,000 in a few hundred milliseconds): ids from the seeded
 * random source, join times spread over the last week so creation order matches `added_at`.
 */
export function seedScaleUsers(state: EmulatorState, count: number, random: () => number, now: number): void {
  const start = Math.floor(now) - 8 * DAY;
  const step = Math.max(1, Math.floor((7 * DAY) / count));
  const days = new Map<number, string>();
  const codes: number[] = new Array(22);
  const base = state.users.size;
  for (let i = 0; i < count; i++) {
    const n = base + i;
    const user: UserRecord = {
      id: fastId("user", random, codes),
      type: "user",
      email: `member${n}@scale.example.com`,
      name: `Member ${n}`,
      role: SCALE_ROLES[i % SCALE_ROLES.length],
      added_at: isoFast(start + i * step, days),
    };
    state.users.insert(user);
  }
}
