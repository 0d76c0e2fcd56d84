/**
 * How every CLI command reports: one JSON object on stdout with `--json`, a short human summary otherwise.
 * Errors print `{ "error": { code, message } }` with `--json` and exit with status 1 (2 for usage errors).
 */
import { EvspError } from "../util/errors";

/** Options every command accepts. */
export interface CommonOptions {
  json?: boolean;
}

/** Prints the command's result: the JSON object with `--json`, else `human(result)` or a pretty JSON. */
export function emit<T>(opts: CommonOptions, result: T, human?: (r: T) => string): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${human ? human(result) : JSON.stringify(result, null, 2)}\n`);
  }
}

/** Prints an error the way {@link emit} prints results and sets the exit code. */
export function emitError(opts: CommonOptions, err: unknown): void {
  const code = err instanceof EvspError ? err.code : "INTERNAL";
  const message = err instanceof Error ? err.message : String(err);
  if (opts.json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`evsp: ${message}\n`);
  if (!(err instanceof EvspError) && err instanceof Error && err.stack && !opts.json) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
}

/** Wraps a command action so that thrown errors are reported by {@link emitError}. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const cmd = args[args.length - 1] as { opts?: () => CommonOptions; optsWithGlobals?: () => CommonOptions };
    const opts = (cmd?.optsWithGlobals?.() ?? cmd?.opts?.() ?? {}) as CommonOptions;
    try {
      await fn(...args);
    } catch (err) {
      emitError(opts, err);
    }
  };
}
