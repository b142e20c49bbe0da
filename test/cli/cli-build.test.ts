import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, spawnCli } from "./cli-harness.js";

const BIN = join(ROOT, "dist/src/surfaces/cli/bin.js");

function staticImports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/^\s*import\s[^;]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gm)].map((m) => m[1] ?? m[2]);
}

describe("the built anthropic-admin", () => {
  it("runs from dist with --version, loading nothing but node built-ins", async () => {
    const sources = ["src/surfaces/cli/bin.ts", "src/surfaces/cli/version.ts"].map((f) => statSync(join(ROOT, f)).mtimeMs);
    if (!existsSync(BIN) || Math.max(...sources) > statSync(BIN).mtimeMs) {
      // `npm install` builds it (prepare); build here when the tree was never built or is stale.
      try {
        execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
      } catch {
        // Type errors elsewhere still emit JavaScript; the checks below decide.
      }
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };
    assert.equal(pkg.bin["anthropic-admin"], "dist/src/surfaces/cli/bin.js");
    const r = await spawnCli(["--version"], { bin: [BIN] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), pkg.version);
    assert.match(readFileSync(BIN, "utf8"), /^#!\/usr\/bin\/env node/);
    // The fast path: bin.js statically imports only version.js, which imports only node: modules.
    assert.deepEqual(staticImports(BIN), ["./version.js"]);
    assert.ok(staticImports(join(ROOT, "dist/src/surfaces/cli/version.js")).every((s) => s.startsWith("node:")));
  });
});
