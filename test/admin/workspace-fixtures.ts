import assert from "node:assert/strict";
import type { Emulator } from "../../src/emulator/emulator.js";
import type { UserRecord } from "../../src/emulator/state.js";
import { createToolkit, type Toolkit } from "../../src/surfaces/toolkit.js";

/** A sandboxed toolkit and its in-process emulator. */
export async function sandbox(options?: Record<string, unknown>): Promise<{ tk: Toolkit; emu: Emulator }> {
  const tk = createToolkit({ sandbox: options ?? true, audit: false });
  const emu = await tk.sandbox();
  assert.ok(emu);
  return { tk, emu };
}

/** Runs a tool and returns its data, failing the test with the error when it did not succeed. */
export async function ok<T = any>(tk: Toolkit, tool: string, input: Record<string, unknown> = {}): Promise<T> {
  const r = await tk.run<T>(`ANTHROPIC_ADMINISTRATOR_${tool}`, input);
  assert.ok(r.ok, `${tool} failed: ${JSON.stringify(!r.ok && r.error)}`);
  return r.data;
}

/** Runs a tool expected to fail and checks the error's status, type and message. */
export async function fails(
  tk: Toolkit,
  tool: string,
  input: Record<string, unknown>,
  expect: { status?: number; type: string; message?: RegExp; code?: string },
) {
  const r = await tk.run(`ANTHROPIC_ADMINISTRATOR_${tool}`, input);
  assert.equal(r.ok, false, `${tool} should have failed`);
  if (r.ok) return;
  assert.equal(r.error.type, expect.type, JSON.stringify(r.error));
  if (expect.status !== undefined) assert.equal(r.error.status, expect.status);
  if (expect.message) assert.match(r.error.message, expect.message);
  if (expect.code) assert.equal((r.error as { details?: { error_code?: string } }).details?.error_code, expect.code);
  return r.error;
}

/** A request straight to the emulator with the admin key, bypassing the toolkit's own input checks. */
export async function raw(emu: Emulator, method: string, path: string, body?: unknown, key = emu.adminKey) {
  const res = await emu.fetch(`http://emu.local${path}`, {
    method,
    headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Seeded users by organization role. */
export function usersWithRole(emu: Emulator, role: string): UserRecord[] {
  return emu.state.users.all().filter((u) => u.role === role);
}

/** A seeded workspace by name. */
export function workspaceNamed(emu: Emulator, name: string) {
  const ws = emu.state.workspaces.all().find((w) => w.name === name);
  assert.ok(ws, `no workspace ${name}`);
  return ws;
}

/** Adds a plain organization member to the emulator's state (users are another area's tools). */
export function addUser(emu: Emulator, role = "developer"): UserRecord {
  const n = emu.state.users.size + 1;
  return emu.state.users.insert({
    id: `user_test${String(n).padStart(20, "0")}`,
    type: "user",
    email: `test${n}@example.com`,
    name: `Test User ${n}`,
    role,
    added_at: emu.state.clock.iso(),
  });
}

/** A read function as the Verifier hands to `reconcile`: runs the tool, throws the error body on failure. */
export function reader(tk: Toolkit) {
  return async (tool: string, input: Record<string, unknown>) => {
    const r = await tk.run(tool, input);
    if (!r.ok) throw r.error;
    return r.data;
  };
}
