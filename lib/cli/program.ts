/**
 * The `evsp` command line: one sub-command per file in this folder, registered here.
 *
 * Every error ends the same way (see `output.ts`): commander's usage errors (unknown option, bad or missing option
 * value, unknown command) become an {@link ArgumentError} naming the option — printed as the one JSON error line with
 * `--json`, as commander's message and help otherwise — and exit 2 (`EXIT_CODES` in `exit-codes.ts`); the program's
 * `parseAsync` never rejects, it sets `process.exitCode`.
 */
import { Command, CommanderError, InvalidArgumentError, type ParseOptions } from "commander";
import { ArgumentError, parseDecimal } from "../index";
import { EXIT_CODES } from "./exit-codes";
import { emitError } from "./output";

/** A function that adds one sub-command to the program. */
export type Register = (program: Command) => void;

const registry: Register[] = [];

/** Adds a sub-command registration (called by each command module). */
export function registerCommand(register: Register): void {
  registry.push(register);
}

/** The user's arguments of an argv (`from` as commander reads it), up to a `--` terminator. */
function userArgs(argv: readonly string[], parseOptions?: ParseOptions): string[] {
  const args = parseOptions?.from === "user" ? argv.slice() : argv.slice(2);
  const end = args.indexOf("--");
  return end < 0 ? args : args.slice(0, end);
}

/** The option a commander message names (`option '-k, --k <K>' argument …`, `unknown option '--kk'`), if any. */
function optionOf(message: string): string | undefined {
  const quoted = /(?:option|argument) '([^']+)'/.exec(message)?.[1];
  if (quoted === undefined) return undefined;
  return quoted.split(/[ ,]+/).filter((t) => t.startsWith("-")).pop() ?? quoted;
}

/** The root command: parses, runs the sub-command and reports every error by the one contract. */
class EvspProgram extends Command {
  /** Set from the raw arguments before parsing, so that even a usage error is printed as JSON. */
  json = false;

  override async parseAsync(argv: readonly string[] = process.argv, parseOptions?: ParseOptions): Promise<this> {
    const args = userArgs(argv, parseOptions);
    this.json = args.includes("--json");
    try {
      await super.parseAsync(argv, parseOptions);
    } catch (err) {
      if (!(err instanceof CommanderError)) {
        emitError({ json: this.json }, err);
      } else if (err.exitCode === 0) {
        // --help and the like: commander printed what was asked
      } else {
        const name = args.find((a) => this.commands.some((c) => c.name() === a || c.aliases().includes(a)));
        const where = name ? `evsp ${name}` : "evsp";
        const message = err.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ").replace(/\.\s*$/, "");
        const usage = new ArgumentError(where, message, { field: optionOf(err.message) });
        if (this.json) emitError({ json: true }, usage);
        else process.exitCode = EXIT_CODES.ARGUMENT; // commander has printed its message and the help
      }
    }
    return this;
  }
}

/** Builds the program with every registered sub-command. */
export function buildProgram(): Command {
  const program = new EvspProgram();
  program
    .name("evsp")
    .description("EV-aware storage planning: data cleaning, scenarios, EV aggregation, DistFlow OPF, Benders planning")
    .showHelpAfterError()
    .configureOutput({
      // with --json the error is the one JSON line on stdout; commander's text would repeat it on stderr
      writeErr: (str) => {
        if (!program.json) process.stderr.write(str);
      },
      outputError: (str, write) => {
        if (!program.json) write(str);
      },
    })
    .exitOverride(); // commander throws its usage errors (and help exits) to parseAsync instead of exiting
  for (const register of registry) register(program);
  return program;
}

/** Parses a comma-separated list of numbers (`"5,10,20"`), rejecting anything that is not a finite number. */
export function numberList(value: string): number[] {
  const out = value.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => parseDecimal(s) ?? Number.NaN);
  if (out.length === 0 || out.some((x) => !Number.isFinite(x))) {
    throw new InvalidArgumentError(`expected a comma-separated list of numbers, got "${value}"`);
  }
  return out;
}

/** Parses a finite number option: plain decimal only (no `0x10`, no `Infinity`; see io/decimal). */
export function numberOption(value: string): number {
  const x = parseDecimal(value);
  if (x === undefined) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return x;
}

/** Parses a finite number option that must be ≥ 0 (a scale, a power). */
export function nonNegativeOption(value: string): number {
  const x = numberOption(value);
  if (x < 0) throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return x;
}

/** Parses a finite number option that must be > 0 (a voltage limit, a length). */
export function positiveOption(value: string): number {
  const x = numberOption(value);
  if (!(x > 0)) throw new InvalidArgumentError(`expected a number > 0, got "${value}"`);
  return x;
}

/** Parses an integer option: plain decimal only (no `0b11`). */
export function intOption(value: string): number {
  const x = parseDecimal(value);
  if (x === undefined || !Number.isInteger(x)) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return x;
}

/** Parses an integer option that must be ≥ 0 (a number of worker threads, of optional days …). */
export function nonNegativeIntOption(value: string): number {
  const x = intOption(value);
  if (x < 0) throw new InvalidArgumentError(`expected an integer ≥ 0, got "${value}"`);
  return x;
}

/** Parses an integer option that must be ≥ 1 (a count of hours, days, draws …). */
export function positiveIntOption(value: string): number {
  const x = intOption(value);
  if (x < 1) throw new InvalidArgumentError(`expected an integer ≥ 1, got "${value}"`);
  return x;
}
