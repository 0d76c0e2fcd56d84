/**
 * The exit status of every `evsp` command, by class of error — one table from the error's `code` (the one the JSON
 * error line shows) to the status, the same for every command (listed in the README under "Errors and exit codes").
 * Commander's own usage errors (unknown option, bad option value) are reported as ARGUMENT and exit 2.
 */
import { EvspError } from "../index";

/** The exit status of each class of outcome. */
export const EXIT_CLASSES = {
  /** The command did what was asked. */
  ok: 0,
  /** Anything not thrown on purpose (a bug in evsp): code INTERNAL, the message says "internal error". */
  internal: 1,
  /** Bad options or arguments: commander's usage errors and ArgumentError. */
  usage: 2,
  /** Input data that cannot be used: DataValidationError, NetworkError. */
  data: 3,
  /** The model has no optimum: InfeasibleError, UnboundedError. */
  infeasible: 4,
  /** The solver stopped or failed: SolverError, LimitReachedError. */
  solver: 5,
  /** The job queue (Redis) cannot be reached, lost a run, or has no worker: QueueError. */
  queue: 6,
} as const;

/** Exit status by error code (EvspError `code`, or INTERNAL for anything else). */
export const EXIT_CODES = {
  ARGUMENT: EXIT_CLASSES.usage,
  DATA_VALIDATION: EXIT_CLASSES.data,
  NETWORK: EXIT_CLASSES.data,
  INFEASIBLE: EXIT_CLASSES.infeasible,
  UNBOUNDED: EXIT_CLASSES.infeasible,
  SOLVER: EXIT_CLASSES.solver,
  LIMIT_REACHED: EXIT_CLASSES.solver,
  QUEUE: EXIT_CLASSES.queue,
  INTERNAL: EXIT_CLASSES.internal,
} as const;

/** An error code of {@link EXIT_CODES}. */
export type ErrorCode = keyof typeof EXIT_CODES;

/** The error code a thrown value is reported under: its EvspError `code` when it has one in the table, else INTERNAL. */
export function errorCodeOf(err: unknown): ErrorCode {
  return err instanceof EvspError && Object.hasOwn(EXIT_CODES, err.code) ? (err.code as ErrorCode) : "INTERNAL";
}

/** The exit status of a thrown value, or of an error code as the JSON error line shows it. */
export function exitCodeOf(errOrCode: unknown): number {
  if (typeof errOrCode === "string") return Object.hasOwn(EXIT_CODES, errOrCode) ? EXIT_CODES[errOrCode as ErrorCode] : EXIT_CLASSES.internal;
  return EXIT_CODES[errorCodeOf(errOrCode)];
}
