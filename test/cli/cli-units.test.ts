import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { deriveAliases, parseWhen, singular } from "../../src/surfaces/cli/aliases.js";
import { EXIT, errorLine, exitCodeOf } from "../../src/surfaces/cli/exit-codes.js";
import { cliFields, parseValue } from "../../src/surfaces/cli/fields.js";
import { renderBucketReport } from "../../src/surfaces/cli/output/report.js";

describe("CLI building blocks", () => {
  it("classifies zod fields into flag kinds, keeping descriptions and required-ness", () => {
    const fields = cliFields(
      z.object({
        max_tokens: z.number().int().describe("Max."),
        roles: z.array(z.enum(["admin", "developer"])).optional().describe("Roles."),
        system: z.union([z.string(), z.array(z.object({ text: z.string() }))]).optional(),
        metadata: z.object({ user_id: z.string() }).optional(),
        stream: z.boolean().optional(),
        status: z.enum(["active", "inactive"]).optional(),
      }),
    );
    assert.deepEqual(
      fields.map((f) => [f.flag, f.kind, f.required]),
      [
        ["max-tokens", "number", true],
        ["roles", "string-list", false],
        ["system", "json-or-string", false],
        ["metadata", "json", false],
        ["stream", "boolean", false],
        ["status", "enum", false],
      ],
    );
    assert.equal(fields[0].description, "Max.");
    assert.deepEqual(fields[1].choices, ["admin", "developer"]);
    assert.deepEqual(parseValue(fields[1], "admin,developer", ["x"]), ["x", "admin", "developer"]);
    assert.equal(parseValue(fields[0], "12", undefined), 12);
    assert.equal(parseValue(fields[0], "twelve", undefined), "twelve");
    assert.equal(parseValue(fields[2], "plain text", undefined), "plain text");
    assert.deepEqual(parseValue(fields[2], '[{"text":"a"}]', undefined), [{ text: "a" }]);
    assert.throws(() => parseValue(fields[3], "{oops", undefined), /--metadata: expected JSON/);
  });

  it("derives friendly aliases from field names without shadowing real flags", () => {
    const fields = cliFields(
      z.object({
        workspace_id: z.string(),
        user_id: z.string(),
        workspace_role: z.string(),
        roles: z.array(z.string()).optional(),
        statuses: z.array(z.string()).optional(),
        after_id: z.string().optional(),
        starting_at: z.string(),
        ending_at: z.string().optional(),
      }),
    );
    const aliases = Object.fromEntries(deriveAliases(fields).map((a) => [a.flag, a.target]));
    assert.deepEqual(aliases, {
      workspace: "workspace_id",
      user: "user_id",
      role: "workspace_role",
      status: "statuses",
      since: "starting_at",
      until: "ending_at",
    });
    assert.equal(singular("api_key_ids"), "api_key_id");
    assert.equal(singular("class"), undefined);
  });

  it("reads --since as an age back from now or a date", () => {
    const now = Date.parse("2026-12-04T12:00:00Z");
    assert.equal(parseWhen("7d", now)?.toISOString(), "2026-11-27T12:00:00.000Z");
    assert.equal(parseWhen("24h", now)?.toISOString(), "2026-12-03T12:00:00.000Z");
    assert.equal(parseWhen("30m", now)?.toISOString(), "2026-12-04T11:30:00.000Z");
    assert.equal(parseWhen("2026-11-01", now)?.toISOString(), "2026-11-01T00:00:00.000Z");
    assert.equal(parseWhen("soon", now), undefined);
  });

  it("maps errors to exit codes and one line with a hint", () => {
    assert.equal(exitCodeOf({ type: "invalid_input" }), EXIT.usage);
    assert.equal(exitCodeOf({ type: "configuration_error" }), EXIT.auth);
    assert.equal(exitCodeOf({ type: "authentication_error", status: 401 }), EXIT.auth);
    assert.equal(exitCodeOf({ type: "not_found_error", status: 404 }), EXIT.api4xx);
    assert.equal(exitCodeOf({ type: "spend_limit_reached", status: 429 }), EXIT.api4xx);
    assert.equal(exitCodeOf({ type: "overloaded_error", status: 529 }), EXIT.api5xx);
    assert.equal(exitCodeOf({ type: "connection_error" }), EXIT.api5xx);
    assert.equal(exitCodeOf({ type: "confirmation_required" }), EXIT.confirm);
    const line = errorLine(
      { type: "invalid_input", message: "x", retryable: false, issues: [{ path: "max_tokens", expected: "number", received: '"a"', message: 'expected number, received "a"' }] },
      { flagOf: (p) => `--${p.replace(/_/g, "-")}` },
    );
    assert.equal(line.includes("\n"), false);
    assert.match(line, /invalid_input: --max-tokens: expected number, received "a" \(hint: /);
  });

  it("totals cost reports exactly in USD", () => {
    const bucket = (amounts: string[]) => ({
      starting_at: "2026-12-01T00:00:00Z",
      ending_at: "2026-12-02T00:00:00Z",
      results: amounts.map((amount) => ({ amount, currency: "USD", workspace_id: null, description: null })),
    });
    // 0.1 + 0.2 cents many times: floats drift, the table must not.
    const amounts = Array.from({ length: 1000 }, (_, i) => (i % 2 ? "0.1" : "0.2"));
    const text = renderBucketReport({ data: [bucket(amounts), bucket(["99.5"])], has_more: false, next_page: null }, Date.now());
    // 500 × 0.1 + 500 × 0.2 + 99.5 = 249.5 cents = $2.495 → $2.50 (half away from zero)
    assert.match(text, /^total\s+\$2\.50$/m);
  });
});
