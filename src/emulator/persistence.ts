import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Collection } from "./collection.js";
import { seedModels } from "./seed/models.js";
import { hint } from "./seed/organization.js";
import type { EmulatorState, UsageEvent } from "./state.js";

/** What the emulator tells persistence beside the state and its seed. */
export interface PersistenceOptions {
  /** Wipe the file and seed again (`reset`), instead of loading what is there. */
  fresh?: boolean;
  /** The standard key of this run: the demo key record is re-pointed to it after a reload. */
  apiKey?: string;
  /** The admin key of this run (admin keys are never written to the file). */
  adminKey?: string;
}

/** A state file attached to an organization. */
export interface Persistence {
  /** Starts from this file since its last seed (0 = seeded now). Reloaded runs draw ids from another stream. */
  boot: number;
  /** Writes what is pending and closes the file. */
  close(): void;
  /** Writes what is pending now (changes are otherwise written at the end of the current task). */
  flush(): void;
}

type AnyCollection = Collection<any>;

interface Table {
  name: string;
  collection: AnyCollection;
  key: (item: { id?: string; workspace_id?: string; user_id?: string }) => string;
}

const byId = (item: { id?: string }) => String(item.id);

function tablesOf(state: EmulatorState): Table[] {
  return [
    { name: "users", collection: state.users, key: byId },
    { name: "invites", collection: state.invites, key: byId },
    { name: "workspaces", collection: state.workspaces, key: byId },
    { name: "members", collection: state.members, key: (m) => `${m.workspace_id}:${m.user_id}` },
    { name: "api_keys", collection: state.apiKeys, key: byId },
  ];
}

/**
 * Keeps the organization in a SQLite file (one table per collection, `id` + JSON, in creation
 * order by rowid). First start: seed and write everything in one transaction. Later starts: load
 * instead of seeding. Every change is written through: collection hooks queue it, and one
 * transaction per task writes the batch (so seeding 100,000 members costs one commit, not 100,000).
 */
export function attachPersistence(
  state: EmulatorState,
  path: string,
  seed: () => void,
  options: PersistenceOptions = {},
): Persistence {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const tables = tablesOf(state);
  for (const t of tables) db.exec(`CREATE TABLE IF NOT EXISTS ${t.name} (id TEXT PRIMARY KEY, json TEXT NOT NULL)`);
  db.exec("CREATE TABLE IF NOT EXISTS usage (seq INTEGER PRIMARY KEY, json TEXT NOT NULL)");
  db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  db.exec("CREATE TABLE IF NOT EXISTS extra (key TEXT PRIMARY KEY, value TEXT NOT NULL)");

  const getMeta = db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?");
  const setMeta = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const upserts = new Map(
    tables.map((t) => [t.name, db.prepare(`INSERT INTO ${t.name} (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json`)]),
  );
  const deletes = new Map(tables.map((t) => [t.name, db.prepare(`DELETE FROM ${t.name} WHERE id = ?`)]));
  const insertUsage = db.prepare("INSERT INTO usage (seq, json) VALUES (?, ?)");

  const meta = (key: string): string | undefined => getMeta.get(key)?.value;
  let usageWritten = 0;
  let orgWritten = "";

  const writeOrganization = () => {
    const json = JSON.stringify(state.organization);
    if (json !== orgWritten) setMeta.run("organization", json);
    orgWritten = json;
  };
  const writeUsageTail = () => {
    const events = state.usage;
    if (events.length < usageWritten) {
      db.exec("DELETE FROM usage");
      usageWritten = 0;
    }
    for (let i = usageWritten; i < events.length; i++) insertUsage.run(i, JSON.stringify(events[i]));
    usageWritten = events.length;
  };

  let boot: number;
  const stored = options.fresh ? undefined : meta("organization");
  if (stored) {
    boot = Number(meta("boot") ?? "0") + 1;
    load(db, tables, state, stored);
    usageWritten = state.usage.length;
    orgWritten = stored;
  } else {
    boot = 0;
    seed();
    db.transaction(() => {
      for (const t of [...tables.map((x) => x.name), "usage", "meta"]) db.exec(`DELETE FROM ${t}`);
      for (const t of tables) {
        const upsert = upserts.get(t.name);
        for (const item of t.collection.all()) upsert?.run(t.key(item), JSON.stringify(item));
      }
      writeUsageTail();
      writeOrganization();
      writeExtra(db, state);
      const demo = state.apiKeys.all().find((k) => k._secret === options.apiKey);
      if (demo) setMeta.run("demo_api_key_id", demo.id);
    })();
  }
  setMeta.run("boot", String(boot));
  // Admin keys never go to disk: each run accepts the key it was started with.
  if (options.adminKey) state.adminKeys.add(options.adminKey);

  // Changes queued per table: the latest item, or a removal (a removal then re-insert must
  // move the row to the end, as the collection does, so it is deleted first).
  const pending = new Map<string, Map<string, { item: object | null; removed: boolean }>>();
  // Keys of state.extra changed since the last flush (set, deleted, or marked after an in-place change).
  const pendingExtra = new Set<string>();
  const putExtra = db.prepare("INSERT INTO extra (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const deleteExtra = db.prepare("DELETE FROM extra WHERE key = ?");
  let scheduled = false;
  let closed = false;

  const flush = () => {
    scheduled = false;
    if (closed) return;
    db.transaction(() => {
      for (const [name, changes] of pending) {
        const upsert = upserts.get(name);
        const remove = deletes.get(name);
        for (const [key, change] of changes) {
          if (change.removed) remove?.run(key);
          if (change.item) upsert?.run(key, JSON.stringify(change.item));
        }
        changes.clear();
      }
      writeUsageTail();
      writeOrganization();
      for (const key of pendingExtra) {
        if (TRANSIENT_EXTRA.test(key)) continue;
        const json = state.extra.has(key) ? JSON.stringify(state.extra.get(key), encode) : undefined;
        if (json === undefined) deleteExtra.run(key);
        else putExtra.run(key, json);
      }
      pendingExtra.clear();
    })();
  };
  const schedule = () => {
    if (scheduled || closed) return;
    scheduled = true;
    queueMicrotask(flush);
  };
  for (const t of tables) {
    const changes = new Map<string, { item: object | null; removed: boolean }>();
    pending.set(t.name, changes);
    t.collection.onChange = (item: object) => {
      const key = t.key(item);
      changes.set(key, { item, removed: changes.get(key)?.removed ?? false });
      schedule();
    };
    t.collection.onRemove = (id: string) => {
      changes.set(id, { item: null, removed: true });
      schedule();
    };
  }
  // Messages calls append usage events; hearing about them keeps the usage table current.
  const events = state.usage;
  const push = events.push;
  events.push = (...items: UsageEvent[]) => {
    const n = push.apply(events, items);
    schedule();
    return n;
  };

  // Extra values replaced or dropped as a whole are heard here; in-place changes come through
  // state.markExtraChanged, which the areas' writers call.
  const extra = state.extra;
  const markExtra = (key: string) => {
    pendingExtra.add(key);
    schedule();
  };
  const setExtra = extra.set;
  const deleteExtraKey = extra.delete;
  extra.set = (key: string, value: unknown) => {
    setExtra.call(extra, key, value);
    markExtra(key);
    return extra;
  };
  extra.delete = (key: string) => {
    const had = deleteExtraKey.call(extra, key);
    if (had) markExtra(key);
    return had;
  };
  state.markExtraChanged = markExtra;

  if (stored && options.apiKey) repointDemoKey(state, meta("demo_api_key_id"), options.apiKey);

  return {
    boot,
    flush,
    close() {
      if (closed) return;
      flush();
      writeExtra(db, state);
      closed = true;
      db.close();
    },
  };
}

function load(db: Database.Database, tables: Table[], state: EmulatorState, organization: string): void {
  Object.assign(state.organization, JSON.parse(organization));
  // Models come from the code, not the file, so a newer build serves its newer model list.
  state.models.clear();
  for (const m of seedModels()) state.models.insert(m);
  for (const t of tables) {
    t.collection.clear();
    for (const row of db.prepare<[], { json: string }>(`SELECT json FROM ${t.name} ORDER BY rowid`).iterate()) {
      t.collection.insert(JSON.parse(row.json));
    }
  }
  state.usage.length = 0;
  for (const row of db.prepare<[], { json: string }>("SELECT json FROM usage ORDER BY seq").iterate()) {
    state.usage.push(JSON.parse(row.json) as UsageEvent);
  }
  for (const row of db.prepare<[], { key: string; value: string }>("SELECT key, value FROM extra").iterate()) {
    state.extra.set(row.key, JSON.parse(row.value, revive));
  }
}

/** Per-run entries of `state.extra` that must not outlive the run (secret index, scripted replies). */
const TRANSIENT_EXTRA = /^(auth:|messages:scenario)/;

/**
 * Saves the areas' free-form state (rate limits, synthetic report history) with Maps and Sets
 * kept, all of it: at seed time and at close. Between them, flush writes the keys that changed.
 */
function writeExtra(db: Database.Database, state: EmulatorState): void {
  const put = db.prepare("INSERT INTO extra (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  db.transaction(() => {
    db.exec("DELETE FROM extra");
    for (const [key, value] of state.extra) {
      if (TRANSIENT_EXTRA.test(key)) continue;
      put.run(key, JSON.stringify(value, encode));
    }
  })();
}

function encode(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
}

function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const v = value as { $map?: [unknown, unknown][]; $set?: unknown[] };
    if (v.$map && Object.keys(v).length === 1) return new Map(v.$map);
    if (v.$set && Object.keys(v).length === 1) return new Set(v.$set);
  }
  return value;
}

/** After a reload, the key this run was started with authenticates as the seeded demo key. */
function repointDemoKey(state: EmulatorState, demoId: string | undefined, apiKey: string): void {
  if (state.apiKeys.all().some((k) => k._secret === apiKey)) return;
  const demo = demoId ? state.apiKeys.get(demoId) : undefined;
  if (demo) state.apiKeys.update({ ...demo, _secret: apiKey, partial_key_hint: hint(apiKey) });
}
