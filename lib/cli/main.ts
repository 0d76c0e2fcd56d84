#!/usr/bin/env node
/**
 * Entry point of the `evsp` command. Each command module registers itself on import.
 */
import { buildProgram } from "./program";
import "./commands";

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`evsp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
