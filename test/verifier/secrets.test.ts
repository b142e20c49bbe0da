import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import type { EmulatorHook } from "../../src/emulator/hooks.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";

const T = (name: string) => `ANTHROPIC_ADMINISTRATOR_${name}`;
const WRONG_API_KEY = "sk-ant-api03-wrong-key-for-the-secrets-test-0123456789abcdef";
const ROTATED_ADMIN_KEY = "sk-ant-admin01-rotated-for-the-secrets-test-0123456789abcdef";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Adds an undocumented field to organization answers so a drift warning is produced too. */
const driftHook: EmulatorHook = {
  name: "secrets-drift",
  after: (ctx, body) => (ctx.op.tool === T("GET_ORGANIZATION") ? { ...(body as object), surprise: true } : body),
};

describe("secrets never leak", () => {
  it("no output, warning, error, audit line or emulator answer contains a key", async () => {
    const dir = await mkdtemp(join(tmpdir(), "h4b-secrets-"));
    dirs.push(dir);
    const auditPath = join(dir, "audit.jsonl");
    const keyFile = join(dir, "admin.key");
    const emulator = createEmulator({ hooks: [driftHook] });
    await writeFile(keyFile, emulator.adminKey);
    const keys = [emulator.apiKey, emulator.adminKey, WRONG_API_KEY, ROTATED_ADMIN_KEY];
    const seen: string[] = [];
    const wire: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const res = await emulator.fetch(input, init);
      wire.push(await res.clone().text(), JSON.stringify([...res.headers]));
      return res;
    };
    const common = { baseURL: "http://emu.local", fetch, audit: { path: auditPath }, warn: (m: string) => seen.push(m), retry: { maxAttempts: 2 }, sleep: async () => {} };
    const good = createToolkit({ ...common, apiKey: emulator.apiKey, adminKey: { file: keyFile } });
    const wrongStandard = createToolkit({ ...common, apiKey: WRONG_API_KEY, adminKey: emulator.apiKey });
    const swapped = createToolkit({ ...common, apiKey: emulator.adminKey, adminKey: emulator.adminKey });

    const calls: Array<[ReturnType<typeof createToolkit>, string, unknown]> = [
      [good, T("LIST_MODELS"), { all: true }],
      [good, T("GET_MODEL"), { model_id: "nope" }],
      [good, T("GET_ORGANIZATION"), {}],
      [good, T("LIST_USERS"), { limit: 5 }],
      [good, T("LIST_API_KEYS"), {}],
      [good, T("COUNT_MESSAGE_TOKENS"), { model: "claude-opus-5", messages: [{ role: "user", content: `rotate ${emulator.apiKey} today` }] }],
      [good, T("COUNT_MESSAGE_TOKENS"), { model: emulator.apiKey, messages: [{ role: "user", content: "hi" }] }],
      [good, T("LIST_USERS"), { limit: emulator.adminKey, email: emulator.apiKey, api_key: emulator.apiKey }],
      [good, T("CREATE_WORKSPACE"), { name: emulator.apiKey.slice(0, 40), dry_run: true }],
      [good, T("UPDATE_API_KEY"), { api_key_id: emulator.adminKey, name: emulator.apiKey }],
      [wrongStandard, T("GET_MODEL"), { model_id: "claude-opus-5" }],
      [wrongStandard, T("GET_ORGANIZATION"), {}],
      [swapped, T("LIST_MODELS"), {}],
    ];
    for (const [toolkit, tool, input] of calls) seen.push(JSON.stringify(await toolkit.run(tool, input)));
    // Revoke the admin key behind the file: the refresh path and its error message.
    emulator.state.adminKeys.clear();
    emulator.state.adminKeys.add(ROTATED_ADMIN_KEY);
    seen.push(JSON.stringify(await good.run(T("GET_ORGANIZATION"), {})));
    await writeFile(keyFile, ROTATED_ADMIN_KEY);
    seen.push(JSON.stringify(await good.run(T("GET_ORGANIZATION"), {})));
    // The throwing client: message, JSON form and stack.
    for (const attempt of [() => good.client.models.get({ model_id: "nope" }), () => wrongStandard.client.models.list({})]) {
      try {
        await attempt();
        assert.fail("expected a throw");
      } catch (err) {
        seen.push(String(err), JSON.stringify(err), (err as Error).stack ?? "");
      }
    }
    seen.push(JSON.stringify(good.limits()), JSON.stringify(good.tools("mcp")));
    const audit = await readFile(auditPath, "utf8");
    assert.ok(audit.split("\n").length > calls.length, "the audit log was written");
    assert.ok(seen.some((s) => /schema drift/.test(s)), "a drift warning was produced");
    assert.ok(seen.some((s) => /authentication_error/.test(s)), "an authentication failure was produced");

    for (const key of keys) {
      const prefix = key.slice(0, 24);
      for (const [name, texts] of [["results, warnings and errors", seen], ["audit log", [audit]], ["emulator answers", wire]] as const) {
        const hit = texts.find((t) => t.includes(key) || t.includes(prefix));
        assert.equal(hit, undefined, `a key leaked into ${name}: ${hit?.slice(0, 200)}`);
      }
    }
  });

  it("redacts a key an API error message echoes back", async () => {
    const key = "sk-ant-admin01-echoed-by-a-server-0123456789abcdefghijkl";
    const fetch: typeof globalThis.fetch = async () =>
      Response.json(
        { type: "error", error: { type: "invalid_request_error", message: `bad credential ${key}`, details: { field: key } }, request_id: "req_1" },
        { status: 400 },
      );
    const toolkit = createToolkit({ adminKey: key, baseURL: "http://x.test", fetch, audit: false });
    const result = await toolkit.run(T("GET_ORGANIZATION"), {});
    assert.equal(result.ok, false);
    const text = JSON.stringify(result);
    assert.ok(!text.includes(key.slice(0, 20)), text);
    assert.match(text, /bad credential \[REDACTED\]/);
  });
});
