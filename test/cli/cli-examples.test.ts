import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXAMPLES } from "../../src/surfaces/cli/examples.js";
import { runCli } from "./cli-harness.js";

const S = ["--sandbox", "--no-audit"];

/** Splits a shell-like example line into arguments (double quotes only; a trailing # comment dropped). */
function argv(line: string): string[] {
  const text = line.replace(/\s+#.*$/, "").replace(/^anthropic-admin\s+/, "");
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

describe("--help examples", () => {
  it("every example runs against the sandbox (placeholders filled with seeded ids)", async () => {
    const first = async (args: string[]) => {
      const r = await runCli([...S, "--json", ...args]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).data[0].id as string;
    };
    const ids: Record<string, string> = {
      user_id: await first(["users", "list", "--role", "developer"]),
      workspace_id: await first(["workspaces", "list"]),
      api_key_id: await first(["api-keys", "list", "--status", "active"]),
    };
    const users = JSON.parse((await runCli([...S, "--json", "users", "list", "--all"])).stdout).data as { id: string; role: string }[];
    const members = JSON.parse((await runCli([...S, "--json", "members", "list", ids.workspace_id, "--all"])).stdout).data as { user_id: string }[];
    const outsider = users.find((u) => u.role !== "admin" && !members.some((m) => m.user_id === u.id));
    for (const [tool, lines] of Object.entries(EXAMPLES)) {
      for (const line of lines) {
        if (line.includes("|")) continue; // shell pipelines are exercised in cli-process tests
        const filled = line
          .replace("--user <user_id>", `--user ${outsider?.id ?? ids.user_id}`)
          .replace(/<(\w+)>/g, (_, name: string) => ids[name] ?? `<${name}>`);
        const r = await runCli([...S, ...argv(filled)]);
        const expected = /remove <|archive|archived/.test(line) && !line.includes("--yes") ? 6 : 0;
        assert.equal(r.code, expected, `${tool}: ${filled}\n${r.stderr}`);
      }
    }
  });
});
