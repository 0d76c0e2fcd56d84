#!/usr/bin/env node
/**
 * Entry point of the `evsp` command. Each command module registers itself on import. The program reports every
 * error itself and sets the exit status (see `program.ts`, `exit-codes.ts`); the catch below is a last resort.
 */
import { emitError } from "./output";
import { buildProgram } from "./program";
import "./commands";

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => emitError({ json: process.argv.slice(2).includes("--json") }, err));
