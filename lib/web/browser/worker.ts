/**
 * The calibration page's Web Worker (bundled by scripts/build-web.js into the page's assets): loads HiGHS from the
 * compiled module the page hands over, then runs each update ({@link runCalibration}) and posts its progress and
 * outcome.
 *
 * The worker listens with `addEventListener("message")`, never through `self.onmessage`: danfojs (loaded on the first
 * cleaned session file) bundles an old papaparse that, in any worker started from a blob: URL (as this one is), takes
 * itself for a papaparse worker and assigns `self.onmessage` to its own handler. A handler held in `onmessage` would
 * be replaced then, and every later update on this worker silently dropped.
 */
import { configureHighsRuntime } from "../../solve/highs-runtime";
import { EvspError } from "../../util/errors";
import type { PageToWorker, WorkerToPage } from "./protocol";
import { runCalibration } from "../run";

interface WorkerScope {
  addEventListener(type: "message", listener: (e: MessageEvent<PageToWorker>) => void): void;
  postMessage(message: WorkerToPage): void;
}
const scope = self as unknown as WorkerScope;
let generators: Partial<Record<string, unknown>> = {};

/** Hands the compiled HiGHS module to the solver's loader and keeps the fitted generators. */
function init(msg: Extract<PageToWorker, { kind: "init" }>): void {
  const module = msg.wasm;
  configureHighsRuntime({
    instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      void WebAssembly.instantiate(module, imports).then((instance) => done(instance, module));
      return {};
    },
  });
  generators = msg.generators;
}

/** Runs one update, posting its progress and then exactly one `result` or `error` with its id. */
function run(msg: Extract<PageToWorker, { kind: "run" }>): void {
  const { id } = msg;
  runCalibration({ params: msg.params, generators, file: msg.file, onProgress: (done, total) => scope.postMessage({ kind: "progress", id, done, total }) })
    .then((outcome) => scope.postMessage({ kind: "result", id, outcome }))
    // a failed update, or an outcome that could not be posted: the page still hears that this update ended
    .catch((err: unknown) => {
      const code = err instanceof EvspError ? err.code : "INTERNAL";
      const field = err instanceof EvspError ? (err as EvspError & { field?: string }).field : undefined;
      scope.postMessage({ kind: "error", id, message: err instanceof Error ? err.message : String(err), code, ...(field ? { field } : {}) });
    });
}

scope.addEventListener("message", (e) => {
  const msg = e.data;
  if (msg?.kind === "init") init(msg);
  else if (msg?.kind === "run") run(msg);
  // anything else is not the page's (see above): ignored
});
