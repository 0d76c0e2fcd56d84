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
