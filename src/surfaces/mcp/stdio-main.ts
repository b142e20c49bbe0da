import { runStdioServer } from "./stdio.js";

/**
 * Entry point of the stdio server (`node dist/src/surfaces/mcp/stdio-main.js`, or with tsx in
 * development). The CLI's `anthropic-admin mcp` calls `runStdioServer` the same way.
 */
const handle = await runStdioServer();
await handle.closed;
process.exit(0);
