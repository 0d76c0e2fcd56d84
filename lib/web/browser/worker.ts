/**
 * The calibration page's Web Worker (bundled by scripts/build-web.js into the page's assets): loads HiGHS from the
 * compiled module the page hands over, then runs each update ({@link runCalibration}) and posts its progress and
 * outcome.
 */
import { configureHighsRuntime } from "../../solve/highs";
import { EvspError } from "../../util/errors";
import type { PageToWorker, WorkerToPage } from "./protocol";
import { runCalibration } from "../run";

interface WorkerScope {
  onmessage: ((e: MessageEvent<PageToWorker>) => void) | null;
  postMessage(message: WorkerToPage): void;
}
const scope = self as unknown as WorkerScope;
let generators: Partial<Record<string, unknown>> = {};

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.kind === "init") {
    const module = msg.wasm;
    configureHighsRuntime({
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
        void WebAssembly.instantiate(module, imports).then((instance) => done(instance, module));
        return {};
      },
    });
    generators = msg.generators;
    return;
  }
  const { id } = msg;
  runCalibration({ params: msg.params, generators, file: msg.file, onProgress: (done, total) => scope.postMessage({ kind: "progress", id, done, total }) }).then(
    (outcome) => scope.postMessage({ kind: "result", id, outcome }),
    (err: unknown) => {
      const code = err instanceof EvspError ? err.code : "INTERNAL";
      const field = err instanceof EvspError ? (err as EvspError & { field?: string }).field : undefined;
      scope.postMessage({ kind: "error", id, message: err instanceof Error ? err.message : String(err), code, ...(field ? { field } : {}) });
    },
  );
};
