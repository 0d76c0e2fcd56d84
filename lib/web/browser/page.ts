/**
 * The calibration page (bundled by scripts/build-web.js; `evsp calibrate` writes it with its assets): controls for
 * the aggregation accuracy experiment, four figures recomputed on every change in a Web Worker, the parameters in the
 * URL, and the numbers published in `<script type="application/json" id="evsp-results">` after each update.
 * Globals set by the page's other scripts: Plotly (plotly.min.js), EVSP_HIGHS_WASM_BASE64 (highs-wasm.js),
 * EVSP_GENERATORS (generators.js), EVSP_WORKER_SOURCE (calibrate-worker.js).
 */
import { AGGREGATE_MODELS } from "../../studies/aggregation-report";
import type { EvStationModel } from "../../model/ev-station";
import { CALIBRATION_DATASETS, type CalibrationDataset, type CalibrationParams, calibrationQuery, checkCalibrationParams, DEFAULT_CALIBRATION, parseCalibrationQuery } from "../params";
import type { PageToWorker, WorkerToPage } from "./protocol";
import type { CalibrationOutcome } from "../run";
import { drawFigures } from "./figures";

declare const EVSP_HIGHS_WASM_BASE64: string;
declare const EVSP_GENERATORS: Record<string, unknown>;
declare const EVSP_WORKER_SOURCE: string;

const DATASET_LABELS: Record<CalibrationDataset, string> = { residential: "Residential (Norway), generator", acn: "Campus (Caltech ACN), generator", workplace: "Workplace (US), generator", file: "My session file" };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function labelled(label: string, control: HTMLElement): HTMLLabelElement {
  const l = el("label", { class: "control" });
  l.append(el("span", {}, label), control);
  return l;
}

/** Base64 to bytes without fetching (pages opened from file:// cannot fetch their own assets). */
function bytesOfBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The controls, their values read back as parameters. */
class Controls {
  readonly root = el("form", { id: "controls" });
  readonly dataset = el("select", { id: "dataset" });
  readonly file = el("input", { id: "file", type: "file", accept: ".csv,.json,.txt" });
  readonly drop = el("div", { id: "drop" }, "Drop a session file here (residential CSV, ACN JSON, workplace CSV)");
  readonly sizes = el("input", { id: "sizes", type: "text", size: "14" });
  readonly draws = el("input", { id: "draws", type: "number", min: "1", step: "1" });
  readonly seed = el("input", { id: "seed", type: "number", min: "0", step: "1" });
  readonly dt = el("select", { id: "dt" });
  readonly alpha = el("input", { id: "alpha", type: "range", min: "0", max: "1", step: "0.05" });
  readonly alphaValue = el("output", { id: "alpha-value" });
  readonly signal = el("select", { id: "signal" });
  readonly models = new Map<EvStationModel, HTMLInputElement>();

  constructor(p: CalibrationParams) {
    for (const d of [...CALIBRATION_DATASETS, "file"] as CalibrationDataset[]) this.dataset.append(el("option", { value: d }, DATASET_LABELS[d]));
    for (const m of [5, 10, 15, 20, 30, 60]) this.dt.append(el("option", { value: String(m) }, `${m} min`));
    for (const [v, t] of [["tou", "time-of-use price"], ["valley", "valley filling"]]) this.signal.append(el("option", { value: v }, t));
    const models = el("fieldset", { id: "models" });
    models.append(el("legend", {}, "models"));
    for (const m of AGGREGATE_MODELS) {
      const box = el("input", { type: "checkbox", id: `model-${m}`, value: m });
      this.models.set(m, box);
      const l = el("label", {});
      l.append(box, document.createTextNode(` ${m}`));
      models.append(l);
    }
    const alpha = el("span", {});
    alpha.append(this.alpha, this.alphaValue);
    this.root.append(
      labelled("data set", this.dataset),
      labelled("session file", this.file),
      this.drop,
      labelled("fleet sizes N", this.sizes),
      labelled("draws", this.draws),
      labelled("seed", this.seed),
      labelled("slot", this.dt),
      labelled("controllable share α", alpha),
      labelled("signal", this.signal),
      models,
    );
    this.set(p);
  }

  set(p: CalibrationParams): void {
    this.dataset.value = p.dataset;
    this.sizes.value = p.sizes.join(",");
    this.draws.value = String(p.draws);
    this.seed.value = String(p.seed);
    if (![...this.dt.options].some((o) => o.value === String(p.dt))) this.dt.append(el("option", { value: String(p.dt) }, `${p.dt} min`));
    this.dt.value = String(p.dt);
    this.alpha.value = String(p.alpha);
    this.alphaValue.textContent = p.alpha.toFixed(2);
    this.signal.value = p.signal;
    for (const [m, box] of this.models) box.checked = p.models.includes(m);
  }

  /** The parameters the controls show. @throws ArgumentError naming the parameter when a value is bad. */
  read(): CalibrationParams {
    const models = [...this.models].filter(([, b]) => b.checked).map(([m]) => m);
    const q = new URLSearchParams({
      dataset: this.dataset.value,
      sizes: this.sizes.value.replace(/\s+/g, ""),
      draws: this.draws.value,
      seed: this.seed.value,
      dt: this.dt.value,
      alpha: this.alpha.value,
      signal: this.signal.value,
      models: models.join(","),
    });
    return parseCalibrationQuery(q.toString());
  }
}

/**
 * The worker running updates, one at a time: `pending` is the id of the update sent to the worker whose finished
 * message (`result` or `error`) has not come back yet. A newer update while one is pending terminates the worker and
 * starts a fresh one, so stale work never competes with the current one. {@link Runner.run} decides this
 * synchronously, before anything is awaited, so two updates fired together (a slider's `input` and `change`) never
 * reach one worker both; and only the pending update's own finished message frees the worker.
 */
class Runner {
  /** The worker, and when it has been sent its `init` (runs are posted after it, in order). */
  private worker?: { w: Worker; ready: Promise<void> };
  /** The update the worker is working on, until its finished message arrives. */
  private pending?: number;
  private wasm?: Promise<WebAssembly.Module>;

  constructor(private readonly onMessage: (m: WorkerToPage) => void) {}

  private module(): Promise<WebAssembly.Module> {
    this.wasm ??= WebAssembly.compile(bytesOfBase64(EVSP_HIGHS_WASM_BASE64) as BufferSource);
    return this.wasm;
  }

  /** Starts a worker (from the worker's source, as a Blob URL) and posts its `init` once HiGHS has compiled. */
  private spawn(): { w: Worker; ready: Promise<void> } {
    const url = URL.createObjectURL(new Blob([EVSP_WORKER_SOURCE], { type: "text/javascript" }));
    const w = new Worker(url);
    URL.revokeObjectURL(url);
    w.onmessage = (e: MessageEvent<WorkerToPage>) => this.receive(w, e.data);
    w.onerror = (e) => this.fail(w, `worker: ${e.message}`);
    w.onmessageerror = () => this.fail(w, "worker: a message from the worker could not be read");
    const ready = this.module().then((wasm) => w.postMessage({ kind: "init", wasm, generators: EVSP_GENERATORS } satisfies PageToWorker));
    return { w, ready };
  }

  /** Passes a message of the worker on; the pending update's `result` or `error` frees the worker. */
  private receive(w: Worker, m: WorkerToPage): void {
    if (w !== this.worker?.w) return; // a stopped worker's
    if (m.kind !== "progress" && m.id === this.pending) this.pending = undefined;
    this.onMessage(m);
  }

  /** The worker failed outside an update's own error handling: the pending update ends with `message`. */
  private fail(w: Worker, message: string): void {
    if (w !== this.worker?.w || this.pending === undefined) return;
    const id = this.pending;
    this.stop();
    this.onMessage({ kind: "error", id, message, code: "INTERNAL" });
  }

  /** Terminates the worker; the next update starts a fresh one. */
  private stop(): void {
    this.worker?.w.terminate();
    this.worker = undefined;
    this.pending = undefined;
  }

  /** Starts update `id` (terminating the worker when it is still working on an older one). */
  run(id: number, params: CalibrationParams, file?: { name: string; bytes: Uint8Array }): void {
    if (this.pending !== undefined) this.stop();
    const { w, ready } = (this.worker ??= this.spawn());
    this.pending = id;
    const msg = { kind: "run", id, params, ...(file ? { file: { name: file.name, bytes: file.bytes.slice() } } : {}) } satisfies PageToWorker;
    void ready.then(
      () => w.postMessage(msg),
      (err: unknown) => this.fail(w, `HiGHS: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
}

function cleanTable(o: CalibrationOutcome): HTMLElement {
  const box = el("div", { id: "clean-report" });
  if (!o.clean) return box;
  box.append(el("h3", {}, `${o.clean.file}: ${o.clean.format}, ${o.clean.rowsIn} rows read, ${o.clean.rowsKept} kept`));
  const t = el("table");
  t.append(el("tr", {}, ""));
  t.rows[0].append(el("th", {}, "rule"), el("th", {}, "rows rejected"));
  for (const [rule, n] of Object.entries(o.clean.rejected)) {
    const tr = el("tr", { "data-rule": rule });
    tr.append(el("td", {}, rule), el("td", {}, String(n)));
    t.append(tr);
  }
  box.append(t);
  return box;
}

/** The page's status line, progress bar, error line, cleaning report box, figures and published results. */
interface PageViews {
  status: HTMLDivElement;
  progress: HTMLProgressElement;
  error: HTMLDivElement;
  cleanBox: HTMLDivElement;
  figs: Record<string, HTMLElement>;
  results: HTMLElement;
}

/** The parameters in the URL, or the defaults when they are bad (saying why in `error`). */
function initialParams(error: HTMLElement): CalibrationParams {
  try {
    return parseCalibrationQuery(location.search);
  } catch (err) {
    error.textContent = `${(err as Error).message} — using the defaults`;
    return { ...DEFAULT_CALIBRATION, sizes: DEFAULT_CALIBRATION.sizes.slice(), models: DEFAULT_CALIBRATION.models.slice() };
  }
}

/** The grid of the four figure boxes, keyed "ev", "aggregate", "follow" and "error". */
function figureGrid(): { grid: HTMLDivElement; figs: Record<string, HTMLElement> } {
  const figs: Record<string, HTMLElement> = {};
  const grid = el("div", { id: "figures" });
  for (const k of ["ev", "aggregate", "follow", "error"]) {
    figs[k] = el("div", { id: `fig-${k}`, class: "evsp-figure" });
    grid.append(figs[k]);
  }
  return { grid, figs };
}

/** The running page: the controls, the update in flight, and the views its worker's messages are shown in. */
class CalibrationPage {
  private file?: { name: string; bytes: Uint8Array };
  /** Id of the update whose messages are shown (older ones' are dropped). */
  private current = 0;
  private seq = 0;
  private startedAt = 0;
  private readonly runner = new Runner((m) => this.show(m));

  constructor(
    private readonly controls: Controls,
    private readonly views: PageViews,
  ) {}

  /** Shows a message of the current update: its progress, its error, or its outcome. */
  private show(m: WorkerToPage): void {
    const { status, progress, error, results } = this.views;
    if (m.id !== this.current) return; // an older update's message
    if (m.kind === "progress") {
      progress.value = m.done / Math.max(1, m.total);
      status.textContent = `computing… ${m.done} / ${m.total} runs`;
      return;
    }
    progress.value = 1;
    if (m.kind === "error") {
      error.textContent = m.message;
      status.textContent = "failed";
      results.textContent = JSON.stringify({ rows: [], error: { message: m.message, code: m.code, ...(m.field ? { field: m.field } : {}) } });
      document.body.dataset.updates = String(this.current);
      return;
    }
    this.showOutcome(m.outcome);
  }

  /** Shows an update's outcome: the cleaning report, the figures, then the status line and the published results. */
  private showOutcome(o: CalibrationOutcome): void {
    const { status, error, cleanBox, figs, results } = this.views;
    error.textContent = "";
    cleanBox.replaceChildren(cleanTable(o));
    void drawFigures(o, figs).then(() => {
      const updateMs = performance.now() - this.startedAt;
      status.textContent = `${o.source}. Update ${updateMs.toFixed(0)} ms (sessions ${(1000 * o.seconds.sessions).toFixed(0)} ms, experiment ${(1000 * o.seconds.experiment).toFixed(0)} ms).`;
      results.textContent = JSON.stringify({ rows: o.rows, failures: o.failures, params: o.params, source: o.source, dataset: o.dataset, sessions: o.sessions, ...(o.clean ? { clean: o.clean } : {}), seconds: o.seconds, updateMs });
      document.body.dataset.updates = String(this.current);
    });
  }

  /** Reads the controls, puts them in the URL and starts an update (unless a value is bad or a file is awaited). */
  update(): void {
    const { status, progress, error } = this.views;
    let p: CalibrationParams;
    try {
      p = checkCalibrationParams(this.controls.read());
    } catch (err) {
      error.textContent = (err as Error).message;
      return;
    }
    this.controls.alphaValue.textContent = p.alpha.toFixed(2);
    history.replaceState(null, "", `?${calibrationQuery(p)}`);
    if (p.dataset === "file" && !this.file) {
      status.textContent = "drop or pick a session file";
      return;
    }
    error.textContent = "";
    status.textContent = "computing…";
    progress.value = 0;
    this.startedAt = performance.now();
    this.current = ++this.seq;
    this.runner.run(this.current, p, p.dataset === "file" ? this.file : undefined);
  }

  /** Reads a picked or dropped session file, selects the "file" data set and updates. */
  private async takeFile(f: File): Promise<void> {
    this.file = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    this.controls.dataset.value = "file";
    this.update();
  }

  /** Updates on every change of the controls; takes the session file picked or dropped. */
  listen(): void {
    const controls = this.controls;
    controls.root.addEventListener("change", (e) => {
      if (e.target === controls.file) {
        const f = controls.file.files?.[0];
        if (f) void this.takeFile(f);
        return;
      }
      this.update();
    });
    controls.alpha.addEventListener("input", () => this.update());
    controls.root.addEventListener("submit", (e) => e.preventDefault());
    controls.drop.addEventListener("dragover", (e) => e.preventDefault());
    controls.drop.addEventListener("drop", (e) => {
      e.preventDefault();
      const f = e.dataTransfer?.files?.[0];
      if (f) void this.takeFile(f);
    });
  }
}

/** Builds the page in `#app` from the URL's parameters, listens to its controls, and runs the first update. */
function main(): void {
  const app = document.getElementById("app")!;
  const status = el("div", { id: "status" }, "starting…");
  const progress = el("progress", { id: "progress", max: "1", value: "0" });
  const error = el("div", { id: "error", role: "alert" });
  const controls = new Controls(initialParams(error));
  const { grid, figs } = figureGrid();
  const cleanBox = el("div", { id: "clean" });
  const results = document.getElementById("evsp-results")!;
  app.append(el("h1", {}, "Aggregation accuracy: calibrate the station aggregate"), controls.root, status, progress, error, cleanBox, grid);
  const page = new CalibrationPage(controls, { status, progress, error, cleanBox, figs, results });
  page.listen();
  page.update();
}

main();
