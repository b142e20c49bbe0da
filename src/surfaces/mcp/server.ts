import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import type { Toolkit } from "../toolkit.js";
import { buildCatalog, type McpCatalog } from "./catalog.js";
import { errorText, type McpToolResult, toMcpResult } from "./result.js";

/** Name and version the server announces in `initialize`. */
export const SERVER_INFO = { name: "anthropic-administrator", version: "0.1.0" } as const;

const INSTRUCTIONS =
  "Tools for the Anthropic API and Admin API (models, messages, organization users, invites, workspaces, " +
  "workspace members, API keys, rate limits, usage and cost). Every call is validated and retried by the toolkit. " +
  "Destructive tools need confirm: true; write tools accept dry_run: true to preview the request. " +
  "List tools accept all: true to walk every page.";

export interface McpServerOptions {
  /** A catalog built once and shared by many servers (the HTTP server makes one per request). */
  catalog?: McpCatalog;
}

/**
 * An MCP server whose tools are the registry's operations under the toolkit's policy.
 * `tools/call` runs through the Verifier (`toolkit.run`) and never throws: failures come back
 * as `isError` results with text a model can act on.
 */
export function createMcpServer(toolkit: Toolkit, options: McpServerOptions = {}): Server {
  let catalog = options.catalog;
  const catalogOf = () => {
    catalog ??= buildCatalog(toolkit);
    return catalog;
  };
  const server = new Server(SERVER_INFO, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: catalogOf().tools }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<McpToolResult> => {
    const { name, arguments: args } = request.params;
    if (!catalogOf().names.has(name)) {
      return {
        content: [
          {
            type: "text",
            text: errorText({
              type: "unknown_tool",
              message: `No tool named ${JSON.stringify(name)} on this server (or it is not allowed by its policy). Call tools/list for the available tools.`,
              retryable: false,
            }),
          },
        ],
        isError: true,
      };
    }
    const progressToken = request.params._meta?.progressToken;
    // Walks over many pages report each page to clients that asked for progress.
    const onProgress =
      progressToken === undefined
        ? undefined
        : (pages: number, items: number) => {
            void extra
              .sendNotification({
                method: "notifications/progress",
                params: { progressToken, progress: pages, message: `${pages} page${pages === 1 ? "" : "s"}, ${items} items so far` },
              })
              .catch(() => {});
          };
    const result = await toolkit.run(name, args ?? {}, { signal: extra.signal, onProgress });
    return toMcpResult(result);
  });

  return server;
}
