/**
 * The HiGHS WebAssembly runtime: loaded once per process (or page, or Web Worker) on first use and shared by every
 * session, with the loader options a page hands over before the first solve.
 */
import type { Highs } from "highs";
import { ArgumentError } from "../util/errors";

let runtime: Promise<Highs> | undefined;
let runtimeOptions: object | undefined;

/**
 * Options of the HiGHS WebAssembly loader (Emscripten's module options), used when the runtime loads. A page or Web
 * Worker, where the solver cannot read highs.wasm from disk, hands over the compiled module with `instantiateWasm`
 * or the bytes with `wasmBinary`.
 * @throws ArgumentError once the runtime has loaded (its options can no longer change).
 */
export function configureHighsRuntime(options: object): void {
  if (runtime) throw new ArgumentError("configureHighsRuntime", "the HiGHS runtime is already loaded: configure it before the first solve");
  runtimeOptions = options;
}

/** The HiGHS runtime (loaded on first use, then shared). */
export function loadHighs(): Promise<Highs> {
  if (!runtime) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require("highs") as (opts?: object) => Promise<Highs>;
    runtime = loader(runtimeOptions);
  }
  return runtime;
}
