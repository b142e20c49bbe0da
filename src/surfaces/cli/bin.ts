#!/usr/bin/env node
/**
 * Entry point of `anthropic-admin`. Kept tiny: `--version` answers from package.json alone, and
 * everything else loads the command tree (commander, the registry) on demand; the SDK loads only
 * when a command sends a request.
 */
import { packageVersion } from "./version.js";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { main } = await import("./main.js");
  process.exitCode = await main(process.argv);
}
