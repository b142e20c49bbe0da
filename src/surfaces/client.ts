import { operations } from "../operations/index.js";
import { ToolkitError } from "../verifier/errors.js";
import type { RunOptions, Toolkit } from "./toolkit.js";

/** A client method: resolves with the data, or throws a ToolkitError. */
export type ClientMethod = <T = any>(input?: Record<string, unknown>, options?: RunOptions) => Promise<T>;

/** `client.<group>.<verb>()`, names in camelCase: `client.apiKeys.update()`, `client.messages.countTokens()`. */
export type Client = Record<string, Record<string, ClientMethod>>;

/** camelCase of a kebab-case registry name. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Builds the typed client from the registry; each method runs its tool through the Verifier. */
export function buildClient(toolkit: Pick<Toolkit, "run">): Client {
  const client: Client = {};
  for (const op of operations) {
    const group = (client[camelCase(op.group)] ??= {});
    group[camelCase(op.verb)] = async (input = {}, options) => {
      const result = await toolkit.run(op.tool, input, options);
      if (!result.ok) throw new ToolkitError(result.error);
      return result.data as never;
    };
  }
  return client;
}
