import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { EXIT } from "../exit-codes.js";
import { type CliIo, err, out } from "../io.js";
import { usage } from "../run-operation.js";
import { intOption, untilSignal } from "./wait.js";

interface EmulatorFlags {
  port?: string;
  host?: string;
  apiKey?: string;
  adminKey?: string;
  state?: string;
  faults?: string;
  fault?: string[];
  scaleUsers?: string;
}

/** Default port of `anthropic-admin emulator` (the MCP server uses 8787). */
export const EMULATOR_PORT = 4141;

/**
 * `emulator`: the local Anthropic API emulator on a socket, with a demo organization. Prints its
 * URL, the emulator's own demo keys (they open nothing but this emulator) and how to point the CLI at it.
 */
export function addEmulatorCommand(program: Command, io: CliIo): void {
  program
    .command("emulator")
    .summary("Run the local Anthropic API emulator with a demo organization")
    .description(
      "Start a local server that speaks the Anthropic API and Admin API wire format, with a seeded demo organization, its business rules, usage history and an /_emulator/ control surface. Keys are demo keys for this emulator only (generated unless given).",
    )
    .option("--port <n>", `port to listen on (default ${EMULATOR_PORT}; 0 picks a free one)`)
    .option("--host <address>", "address to bind (default 127.0.0.1)")
    .option("--api-key <key>", "standard key the emulator accepts (default: a generated demo key)")
    .option("--admin-key <key>", "admin key the emulator accepts (default: a generated demo key)")
    .option("--state <path>", "keep the organization in this SQLite file across restarts")
    .option("--faults <file>", "JSON file of fault rules to inject (see docs/emulator-faults.md: 429, 529, 5xx, resets, latency, drift)")
    .option(
      "--fault <spec>",
      "one fault rule, repeatable: TOOL:KIND[=VALUE][,key=value…], e.g. CREATE_WORKSPACE:status=503,count=2 or '*:status=429,retry_after=1,probability=0.2'",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--scale-users <n>", "seed this many extra users (e.g. 100000 for scale tests)")
    .action(async (flags: EmulatorFlags) => {
      let port: number | undefined;
      let users: number | undefined;
      try {
        port = intOption(flags.port, "port") ?? EMULATOR_PORT;
        users = intOption(flags.scaleUsers, "scale-users", 0, 10_000_000);
      } catch (e) {
        return usage(io, (e as Error).message);
      }
      let faultText: string | undefined;
      if (flags.faults) {
        try {
          faultText = await readFile(flags.faults, "utf8");
        } catch (e) {
          return usage(io, `--faults: cannot read ${flags.faults}: ${(e as Error).message}`);
        }
      }
      const { startEmulatorServer } = await import("../../../emulator/server.js");
      let rules: import("../../../emulator/faults/rules.js").FaultRuleSet | undefined;
      if (faultText !== undefined) {
        const { parseFaultRules } = await import("../../../emulator/faults/rules.js");
        try {
          rules = parseFaultRules(faultText);
        } catch (e) {
          return usage(io, `--faults: ${(e as Error).message}`);
        }
      }
      if (flags.fault?.length) {
        const { parseFaultFlag } = await import("../../../emulator/faults/flag.js");
        try {
          const inline = flags.fault.flatMap((spec) => parseFaultFlag(spec).rules);
          rules = { seed: rules?.seed, rules: [...(rules?.rules ?? []), ...inline] };
        } catch (e) {
          return usage(io, (e as Error).message);
        }
      }
      let server: Awaited<ReturnType<typeof startEmulatorServer>>;
      try {
        server = await startEmulatorServer({
          port,
          host: flags.host,
          apiKey: flags.apiKey,
          adminKey: flags.adminKey,
          statePath: flags.state,
          scale: users !== undefined ? { users } : undefined,
        });
      } catch (e) {
        const code = (e as { code?: string }).code;
        err(io, `anthropic-admin: cannot start the emulator: ${(e as Error).message}${code === "EADDRINUSE" ? " (hint: pick another --port, or --port 0 for a free one)" : ""}`);
        io.exitCode = EXIT.failure;
        return;
      }
      if (rules) {
        const { faultService } = await import("../../../emulator/faults/service.js");
        faultService(server.emulator.services).load(rules);
      }
      const { url, emulator } = server;
      out(io, `Anthropic API emulator listening on ${url}  (control surface: ${url}/_emulator/)`);
      out(io, "Emulator keys (demo keys accepted by this emulator only; they are not Anthropic keys):");
      out(io, `  standard: ${emulator.apiKey}`);
      out(io, `  admin:    ${emulator.adminKey}`);
      if (rules) out(io, `Fault rules loaded: ${rules.rules.length}`);
      if (flags.state) out(io, `State kept in ${flags.state}`);
      out(io, "Point the CLI at it:");
      out(io, `  export ANTHROPIC_BASE_URL=${url} ANTHROPIC_API_KEY=${emulator.apiKey} ANTHROPIC_ADMIN_KEY=${emulator.adminKey}`);
      out(io, "  npx anthropic-admin models list");
      out(io, "  npx anthropic-admin users list");
      out(io, "Press Ctrl+C to stop.");
      await untilSignal();
      await server.close();
      await emulator.close();
    });
}
