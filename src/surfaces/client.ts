import type { z } from "zod";
import { operations, type RegistryOperation } from "../operations/index.js";
import { ToolkitError } from "../verifier/errors.js";
import type { RunOptions, Toolkit } from "./toolkit.js";

/** `kebab-case` → `camelCase` at the type level. */
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** Toolkit-only fields any method may take beside the API's input. */
export interface ControlInput {
  all?: boolean;
  max_items?: number;
  confirm?: boolean;
  dry_run?: boolean;
}

type MethodOf<O extends RegistryOperation> = {} extends z.input<O["input"]>
  ? (input?: z.input<O["input"]> & ControlInput, options?: RunOptions) => Promise<z.output<O["output"]>>
  : (input: z.input<O["input"]> & ControlInput, options?: RunOptions) => Promise<z.output<O["output"]>>;

/**
 * `client.<group>.<verb>()` in camelCase (`client.apiKeys.update()`, `client.messages.countTokens()`), typed
 * from the registry: inputs as the zod input types, results as the output types. Methods throw ToolkitError.
 */
export type Client = {
  [G in RegistryOperation["group"] as Camel<G & string>]: {
    [O in Extract<RegistryOperation, { group: G }> as Camel<O["verb"] & string>]: MethodOf<O>;
  };
};

/** A client method with its types erased. */
export type ClientMethod = (input?: Record<string, unknown>, options?: RunOptions) => Promise<unknown>;

/** camelCase of a kebab-case registry name. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Builds the client from the registry; each method runs its tool through the Verifier. */
export function buildClient(toolkit: Pick<Toolkit, "run">): Client {
  const client: Record<string, Record<string, ClientMethod>> = {};
  for (const op of operations) {
    const group = (client[camelCase(op.group)] ??= {});
    group[camelCase(op.verb)] = async (input = {}, options) => {
      const result = await toolkit.run(op.tool, input, options);
      if (!result.ok) throw new ToolkitError(result.error);
      return result.data;
    };
  }
  return client as unknown as Client;
}
