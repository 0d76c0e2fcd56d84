/**
 * The `evsp` command line: one sub-command per file in this folder, registered here.
 */
import { Command } from "commander";

/** A function that adds one sub-command to the program. */
export type Register = (program: Command) => void;

const registry: Register[] = [];

/** Adds a sub-command registration (called by each command module). */
export function registerCommand(register: Register): void {
  registry.push(register);
}

/** Builds the program with every registered sub-command. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name("evsp")
    .description("EV-aware storage planning: data cleaning, scenarios, EV aggregation, DistFlow OPF, Benders planning")
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own exits (help, version, usage errors) keep their codes; usage errors exit 2.
      process.exit(err.exitCode === 1 ? 2 : err.exitCode);
    });
  for (const register of registry) register(program);
  return program;
}

/** Parses a comma-separated list of numbers (`"5,10,20"`), rejecting anything that is not a finite number. */
export function numberList(value: string): number[] {
  const out = value.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  if (out.length === 0 || out.some((x) => !Number.isFinite(x))) {
    throw new Error(`expected a comma-separated list of numbers, got "${value}"`);
  }
  return out;
}

/** Parses a finite number option. */
export function numberOption(value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x)) throw new Error(`expected a number, got "${value}"`);
  return x;
}

/** Parses a positive integer option. */
export function intOption(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x)) throw new Error(`expected an integer, got "${value}"`);
  return x;
}
