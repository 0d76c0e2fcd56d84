/**
 * Typed errors across worker threads. A thrown Error reaches the main thread through the structured clone, which
 * keeps only its message and stack: the class (InfeasibleError …), its code and fields (`binding`, `model`, `field`,
 * `row` …) are lost. The worker throws the error as plain data instead ({@link toWorkerFailure}), and the pool's
 * caller turns it back into an instance of the same class with the same fields ({@link fromWorkerFailure}).
 */
import {
  ArgumentError,
  DataValidationError,
  EvspError,
  InfeasibleError,
  LimitReachedError,
  NetworkError,
  QueueError,
  SolverError,
  UnboundedError,
} from "../util/errors";

/** A toolkit error as plain (structured-clone safe) data. */
export interface WorkerFailure {
  evspError: {
    /** Class name, e.g. "InfeasibleError". */
    name: string;
    message: string;
    stack?: string;
    /** The error's own fields (code, where, model, binding …). */
    fields: Record<string, unknown>;
  };
}

const CLASSES: Record<string, { prototype: EvspError }> = {
  EvspError,
  ArgumentError,
  DataValidationError,
  InfeasibleError,
  LimitReachedError,
  NetworkError,
  QueueError,
  SolverError,
  UnboundedError,
};

/** The plain form of a toolkit error (any other value is returned as is). */
export function toWorkerFailure(err: unknown): unknown {
  if (!(err instanceof EvspError)) return err;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (k !== "name") fields[k] = v;
  return { evspError: { name: err.name, message: err.message, stack: err.stack, fields } } satisfies WorkerFailure;
}

/** The toolkit error a {@link WorkerFailure} describes, of its class (EvspError for a class not known here). */
export function fromWorkerFailure(value: unknown): unknown {
  const e = (value as Partial<WorkerFailure> | null)?.evspError;
  if (typeof value !== "object" || value === null || !e || typeof e.name !== "string") return value;
  const cls = CLASSES[e.name] ?? EvspError;
  const err = Object.create(cls.prototype) as EvspError;
  Object.assign(err, e.fields);
  Object.defineProperty(err, "message", { value: e.message, writable: true, configurable: true });
  Object.defineProperty(err, "name", { value: e.name, writable: true, configurable: true, enumerable: true });
  if (e.stack !== undefined) Object.defineProperty(err, "stack", { value: e.stack, writable: true, configurable: true });
  return err;
}
