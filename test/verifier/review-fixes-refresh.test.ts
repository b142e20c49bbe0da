import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";

const GET_ORG = "ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION";
const NEW_ADMIN_KEY = "sk-ant-admin01-rotated-concurrent-0123456789abcdefghijklmnop";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("review fix: concurrent 401s after a key rotation", () => {
  it("every parallel call refused with the old key succeeds with the rotated one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rf-refresh-"));
    dirs.push(dir);
    const emulator = createEmulator();
    const keyFile = join(dir, "admin.key");
    await writeFile(keyFile, `${emulator.adminKey}\n`);
    let refused = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const res = await emulator.fetch(input, init);
      if (res.status === 401) refused++;
      return res;
    };
    const toolkit = createToolkit({ adminKey: { file: keyFile }, baseURL: "http://emu.local", fetch, audit: false });
    assert.equal((await toolkit.run(GET_ORG, {})).ok, true, "the key is cached before the rotation");

    emulator.state.adminKeys.delete(emulator.adminKey);
    emulator.state.adminKeys.add(NEW_ADMIN_KEY);
    await writeFile(keyFile, NEW_ADMIN_KEY);

    const results = await Promise.all([1, 2, 3].map(() => toolkit.run(GET_ORG, {})));
    for (const r of results) assert.equal(r.ok, true, JSON.stringify(r));
    assert.ok(refused >= 2, `the calls raced on the old key (${refused} refused)`);
    await toolkit.close();
  });
});
