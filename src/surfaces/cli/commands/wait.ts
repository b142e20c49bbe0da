/** Resolves on the first SIGINT or SIGTERM, so long-running commands can close cleanly. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve(signal);
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}

/** Parses a port or count flag; undefined when absent, NaN-safe. */
export function intOption(value: string | undefined, name: string, min = 0, max = 65535): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`--${name}: expected a whole number ${min}-${max}, received ${JSON.stringify(value)}`);
  return n;
}
