/**
 * Typed errors of the toolkit. Every message names the function (`where`) and, where it applies, the field or row,
 * so that a researcher sees at once what to fix. All errors extend {@link EvspError} and carry a stable `code`.
 */

/** Base class of every error the toolkit throws on purpose. */
export class EvspError extends Error {
  /** Stable machine-readable code, e.g. `"DATA_VALIDATION"`. */
  readonly code: string;
  /** The public function (or CLI command) that raised the error. */
  readonly where: string;

  constructor(code: string, where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = new.target.name;
    this.code = code;
    this.where = where;
  }
}

/** Details that locate bad input: the file, the field (column) and/or 1-based data row it concerns. */
export interface DataLocation {
  /** The file the bad input was read from, as the caller named it. */
  file?: string;
  field?: string;
  /** 1-based data row (header excluded), as a spreadsheet user would count. */
  row?: number;
  /** Anything else that helps, e.g. the columns that were found. */
  detail?: Record<string, unknown>;
}

/** Input data that cannot be used as given (missing column, empty file, impossible value …). */
export class DataValidationError extends EvspError {
  readonly file?: string;
  readonly field?: string;
  readonly row?: number;
  readonly detail?: Record<string, unknown>;
  /** The message as given, without the function name and the location. */
  readonly reason: string;

  constructor(where: string, message: string, location: DataLocation = {}) {
    const at = [
      location.file !== undefined ? `file "${location.file}"` : undefined,
      location.field !== undefined ? `field "${location.field}"` : undefined,
      location.row !== undefined ? `row ${location.row}` : undefined,
    ]
      .filter((s) => s !== undefined)
      .join(", ");
    super("DATA_VALIDATION", where, at ? `${message} (${at})` : message);
    this.file = location.file;
    this.field = location.field;
    this.row = location.row;
    this.detail = location.detail;
    this.reason = message;
  }

  /** The same error located in `file` (for a reader of text that did not know the file's name). */
  inFile(file: string): DataValidationError {
    return new DataValidationError(this.where, this.reason, { file, field: this.field, row: this.row, detail: this.detail });
  }
}

/** A network that violates a structural assumption (not radial, disconnected, bad impedance, slack …). */
export class NetworkError extends EvspError {
  constructor(where: string, message: string) {
    super("NETWORK", where, message);
  }
}

/**
 * One limit that must give for an infeasible model to become feasible, as plain JSON-friendly data (the CLI prints it
 * as is). Bus and branch numbers are 1-based, hours 0-based model hours; `amount` is how far the limit has to move
 * in `unit` (pu of voltage, kVA, kW, kWh), always ≥ 0.
 */
export interface BindingLimit {
  /** The limit family: "vMin", "vMax", "line", "export", "import", "storageSoc", "evEnergy", "load" … */
  family: string;
  /** Readable form, e.g. `bus 18, hour 0: 0.0712 pu below vMin 0.9 pu`. */
  label: string;
  bus?: number;
  branch?: number;
  hour?: number;
  /** The scenario day (planning subproblems). */
  scenario?: string;
  amount?: number;
  unit?: string;
  /** The limit as set, in `unit`. */
  limit?: number;
}

/** How many binding limits the message of an {@link InfeasibleError} lists (all of them stay in `binding`). */
export const BINDING_SHOWN = 5;

/**
 * The optimisation model has no feasible point. `binding` names the limits that must give (largest first), when a
 * diagnosis found them; a plain string passed in becomes an entry of family "limit" with that label.
 */
export class InfeasibleError extends EvspError {
  readonly model: string;
  readonly binding: BindingLimit[];
  /** The message as given, without the function name, the model and the binding list. */
  readonly reason: string;

  constructor(where: string, model: string, message = "the model is infeasible", binding: readonly (BindingLimit | string)[] = []) {
    const entries = binding.map((b) => (typeof b === "string" ? { family: "limit", label: b } : b));
    const shown = entries.slice(0, BINDING_SHOWN).map((b) => b.label);
    if (entries.length > BINDING_SHOWN) shown.push(`… and ${entries.length - BINDING_SHOWN} more`);
    super("INFEASIBLE", where, `${message} [model ${model}]${shown.length ? `; binding: ${shown.join("; ")}` : ""}`);
    this.model = model;
    this.binding = entries;
    this.reason = message;
  }

  /** The binding limits' labels (the string form `binding` had before it held structured entries). */
  get bindingLabels(): string[] {
    return this.binding.map((b) => b.label);
  }
}

/** The optimisation model is unbounded (a modelling error: some variable lacks a bound or a cost). */
export class UnboundedError extends EvspError {
  readonly model: string;

  constructor(where: string, model: string, message = "the model is unbounded") {
    super("UNBOUNDED", where, `${message} [model ${model}]`);
    this.model = model;
  }
}

/** The solver stopped on a time, iteration or node limit before proving optimality. */
export class LimitReachedError extends EvspError {
  readonly model: string;
  readonly limit: string;

  constructor(where: string, model: string, limit: string) {
    super("LIMIT_REACHED", where, `stopped on ${limit} before optimality [model ${model}]`);
    this.model = model;
    this.limit = limit;
  }
}

/** The solver failed for a numerical or internal reason. */
export class SolverError extends EvspError {
  readonly model: string;
  readonly status: string;

  constructor(where: string, model: string, status: string, message = "solver failed") {
    super("SOLVER", where, `${message}: status "${status}" [model ${model}]`);
    this.model = model;
    this.status = status;
  }
}

/** Where an {@link ArgumentError} points: the option (`"--vmin"`) or input field (`"vMinPu"`, `"pv[2].bus"`). */
export interface ArgumentLocation {
  field?: string;
}

/** An argument outside its documented domain (negative count, unknown option …). */
export class ArgumentError extends EvspError {
  /** The option or input field at fault, when one is. */
  readonly field?: string;

  constructor(where: string, message: string, location: ArgumentLocation = {}) {
    super("ARGUMENT", where, message);
    this.field = location.field;
  }
}

/** The job queue (Redis) cannot be reached, lost a run's state for good, or has no worker to run its jobs. */
export class QueueError extends EvspError {
  /** The queue's URL, its password hidden. */
  readonly url: string;

  constructor(where: string, url: string, message: string) {
    super("QUEUE", where, `${message} [${url}]`);
    this.url = url;
  }
}
