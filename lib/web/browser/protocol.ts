/**
 * Messages between the calibration page and its Web Worker. The page posts `init` once (the compiled HiGHS module:
 * a worker cannot read highs.wasm from file://), then a `run` per update, one at a time; the worker answers every
 * `run` with `progress` messages and exactly one `result` or `error` (the run's finished message), all carrying the
 * run's id. A newer update while a run is unfinished makes the page terminate the worker and start a fresh one, so
 * stale work never competes with the current one.
 */
import type { CalibrationParams } from "../params";
import type { CalibrationOutcome } from "../run";

export type PageToWorker =
  | { kind: "init"; wasm: WebAssembly.Module; generators: Partial<Record<string, unknown>> }
  | { kind: "run"; id: number; params: CalibrationParams; file?: { name: string; bytes: Uint8Array } };

export type WorkerToPage =
  | { kind: "progress"; id: number; done: number; total: number }
  | { kind: "result"; id: number; outcome: CalibrationOutcome }
  | { kind: "error"; id: number; message: string; code: string; field?: string };
