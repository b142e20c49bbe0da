import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";

const GET_ORG = "ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION";
const GET_MODEL = "ANTHROPIC_ADMINISTRATOR_GET_MODEL";
const NEW_ADMIN_KEY = "sk-ant-admin01-rotated-0123456789abcdefghijklmnopqrstuvwxyz";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), "h4b-cred-"));
  dirs.push(dir);
  const emulator = createEmulator();
  let requests = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests++;
    return emulator.fetch(input, init);
  };
  const keyFile = join(dir, "admin.key");
  await writeFile(keyFile, `${emulator.adminKey}\n`);
  return { dir, emulator, fetch, keyFile, requests: () => requests };
}

/** Rotates the emulator's admin key, as the Console would: the old one stops working at once. */
function rotateAdminKey(emulator: ReturnType<typeof createEmulator>, next: string) {
  emulator.state.adminKeys.clear();
  emulator.state.adminKeys.add(next);
}

describe("credential refresh on 401", () => {
  it("picks up a rotated key file without a restart and retries once", async () => {
    const { emulator, fetch, keyFile, requests } = await setup();
    const toolkit = createToolkit({ adminKey: { file: keyFile }, baseURL: "http://emu.local", fetch, audit: false });
    const first = await toolkit.run(GET_ORG, {});
    assert.equal(first.ok, true);
    rotateAdminKey(emulator, NEW_ADMIN_KEY);
    await writeFile(keyFile, NEW_ADMIN_KEY);
    const before = requests();
    const second = await toolkit.run(GET_ORG, {});
    assert.equal(second.ok, true, JSON.stringify(second));
    assert.equal(requests() - before, 2, "one refused attempt, one with the re-read key");
  });

  it("works the same for a command source", async () => {
    const { emulator, fetch, keyFile } = await setup();
    const toolkit = createToolkit({ adminKey: { command: "cat", args: [keyFile] }, baseURL: "http://emu.local", fetch, audit: false });
    assert.equal((await toolkit.run(GET_ORG, {})).ok, true);
    rotateAdminKey(emulator, NEW_ADMIN_KEY);
    await writeFile(keyFile, NEW_ADMIN_KEY);
    assert.equal((await toolkit.run(GET_ORG, {})).ok, true);
  });

  it("names the admin key and its source, never the key, when re-reading does not help", async () => {
    const { emulator, fetch, keyFile, requests } = await setup();
    const toolkit = createToolkit({ adminKey: { file: keyFile }, baseURL: "http://emu.local", fetch, audit: false });
    const oldKey = emulator.adminKey;
    rotateAdminKey(emulator, NEW_ADMIN_KEY); // revoked, and the file still holds the old key
    const result = await toolkit.run(GET_ORG, {});
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.type, "authentication_error");
    assert.equal(result.error.status, 401);
    assert.match(result.error.message, /Admin API key/);
    assert.match(result.error.message, new RegExp(`file ${keyFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.match(result.error.message, /same key/);
    const text = JSON.stringify(result);
    assert.ok(!text.includes(oldKey) && !text.includes(NEW_ADMIN_KEY), "no key in the result");
    assert.equal(requests(), 1, "an unchanged key is not sent twice");
  });

  it("names the standard key when it is refused", async () => {
    const { fetch } = await setup();
    const badKey = "sk-ant-api03-not-a-real-key-000000000000000000000000";
    const toolkit = createToolkit({ apiKey: badKey, baseURL: "http://emu.local", fetch, audit: false });
    const result = await toolkit.run(GET_MODEL, { model_id: "claude-opus-5" });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.error.message, /standard API key \(from a literal key\)/);
    assert.ok(!JSON.stringify(result).includes(badKey));
  });

  it("reports a key file that cannot be read any more", async () => {
    const { emulator, fetch, keyFile } = await setup();
    const toolkit = createToolkit({ adminKey: { file: keyFile }, baseURL: "http://emu.local", fetch, audit: false });
    assert.equal((await toolkit.run(GET_ORG, {})).ok, true);
    rotateAdminKey(emulator, NEW_ADMIN_KEY);
    await rm(keyFile);
    const result = await toolkit.run(GET_ORG, {});
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.error.message, /Admin API key .*re-reading it failed \(ENOENT\)/);
  });
});
