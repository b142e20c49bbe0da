/** The process streams and environment a CLI run uses; injected so tests and embedders can swap them. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  now: () => number;
  /** Set by commands; returned by `main`. */
  exitCode: number;
}

/** The real process's streams. A closed pipe on stdout (`| head`) ends the run quietly. */
export function processIo(): CliIo {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, now: Date.now, exitCode: 0 };
}

/** Writes one line to stdout. */
export function out(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** Writes one line to stderr. */
export function err(io: CliIo, text: string): void {
  io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** Reads all of stdin as text (for `call TOOL` with JSON piped in, or a `-` prompt). */
export async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
