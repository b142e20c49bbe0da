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
  if (ctx.scale.users > 0) seedScaleUsers(state, ctx.scale.users, newId, now);
}

/**
 * Adds `count` members quickly (100,000 in well under a second): ids from the seeded factory,
 * join times spread over the last week so creation order matches `added_at`.
 */
export function seedScaleUsers(state: EmulatorState, count: number, newId: (prefix: string) => string, now: number): void {
  const start = now - 8 * DAY;
  const step = Math.max(1, Math.floor((7 * DAY) / count));
  // Formatting one Date per member is the slow part; reuse the prefix of each whole second.
  let second = -1;
  let prefix = "";
  const base = state.users.size;
  for (let i = 0; i < count; i++) {
    const at = start + i * step;
    const s = Math.floor(at / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, 19);
    }
    const n = base + i;
    const user: UserRecord = {
      id: newId("user"),
      type: "user",
      email: `member${n}@scale.example.com`,
      name: `Member ${n}`,
      role: SCALE_ROLES[i % SCALE_ROLES.length],
      added_at: `${prefix}.${String(at % 1000).padStart(3, "0")}000Z`,
    };
    state.users.insert(user);
  }
}
