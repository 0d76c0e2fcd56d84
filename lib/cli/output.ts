/**
 * How every CLI command reports: one JSON object on stdout with `--json`, a short human summary otherwise.
 *
 * Errors (the contract, the same for every command): with `--json`, exactly one line on stdout,
 *   { "error": { "code", "message", "field"?, "row"?, "file"?, "binding"? } }
 * (`binding` for an InfeasibleError: the limits that must give); without it, `evsp: <message>` on stderr. The exit
 * status comes from the error's code (`EXIT_CODES` in `exit-codes.ts`). An error that is not one of the toolkit's typed errors is
 * reported as code "INTERNAL", with a message that says so; its stack trace goes to stderr only without `--json`.
 */
import { ArgumentError, DataValidationError, EvspError, InfeasibleError } from "../index";
import { exitCodeOf } from "./exit-codes";

export { EXIT_CLASSES, EXIT_CODES, errorCodeOf, exitCodeOf, type ErrorCode } from "./exit-codes";

/** Options every command accepts. */
export interface CommonOptions {
  json?: boolean;
}

/** What `--json` prints for an error. */
export interface ErrorJson {
  error: {
    code: string;
    message: string;
    field?: string;
    row?: number;
    file?: string;
    /** InfeasibleError only: the limits found to bind, as the error holds them. */
    binding?: unknown;
  };
}

/** Prints the command's result: the JSON object with `--json`, else `human(result)` or a pretty JSON. */
export function emit<T>(opts: CommonOptions, result: T, human?: (r: T) => string): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${human ? human(result) : JSON.stringify(result, null, 2)}\n`);
  }
}

/** The message of an error that is not one of the toolkit's typed errors. */
function internalMessage(err: unknown): string {
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `internal error (a bug in evsp, please report it with the command line): ${what}`;
}

/** The `--json` form of a thrown value (see the module doc). */
export function errorJson(err: unknown): ErrorJson {
  if (!(err instanceof EvspError)) return { error: { code: "INTERNAL", message: internalMessage(err) } };
  const e: ErrorJson["error"] = { code: err.code, message: err.message };
  if (err instanceof DataValidationError || err instanceof ArgumentError) {
    if (err.field !== undefined) e.field = err.field;
  }
  if (err instanceof DataValidationError) {
    if (err.row !== undefined) e.row = err.row;
    if (err.file !== undefined) e.file = err.file;
  }
  if (err instanceof InfeasibleError) e.binding = err.binding;
  return { error: e };
}

/** Prints an error the way {@link emit} prints results and sets the exit code. */
export function emitError(opts: CommonOptions, err: unknown): void {
  const json = errorJson(err);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } else {
    process.stderr.write(`evsp: ${json.error.message}\n`);
    if (!(err instanceof EvspError) && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  }
  process.exitCode = exitCodeOf(err);
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
