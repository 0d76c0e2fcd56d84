/**
 * Runs an `evsp` command in-process (as the CLI tests do) and returns the one JSON object it printed on stdout.
 * Progress lines on stderr are silenced. Asserts that exactly one line was printed.
 */
import { buildProgram } from "../lib/cli/program";

export async function runCliJson(args: readonly string[]): Promise<Record<string, unknown>> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await buildProgram().parseAsync(["node", "evsp", ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  const lines = out.trim().split("\n");
  expect(lines.length).toBe(1);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

/** What one in-process run of `evsp …` printed, and how it exited. */
export interface CliOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Whether the program called process.exit (it must not: parseAsync reports and sets process.exitCode). */
  exited: boolean;
}

/** Runs `evsp …` in process, capturing stdout, stderr and the exit status; process.exit is trapped. */
export async function runCli(args: readonly string[]): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  const so = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const se = vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  let exited: number | undefined;
  const ex = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
    exited = code ?? 0;
    throw new Error(`process.exit(${code})`);
  }) as never);
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(["node", "evsp", ...args]);
  } catch (e) {
    if (exited === undefined) throw e;
  } finally {
    so.mockRestore();
    se.mockRestore();
    ex.mockRestore();
  }
  const exitCode = exited ?? Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, stderr, exitCode, exited: exited !== undefined };
}
