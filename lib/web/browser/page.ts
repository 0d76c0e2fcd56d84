/**
 * The calibration page (bundled by scripts/build-web.js; `evsp calibrate` writes it with its assets): controls for
 * the aggregation accuracy experiment, four figures recomputed on every change in a Web Worker, the parameters in the
 * URL, and the numbers published in `<script type="application/json" id="evsp-results">` after each update.
 * Globals set by the page's other scripts: Plotly (plotly.min.js), EVSP_HIGHS_WASM_BASE64 (highs-wasm.js),
 * EVSP_GENERATORS (generators.js), EVSP_WORKER_SOURCE (calibrate-worker.js).
 */
import { AGGREGATE_MODELS } from "../../results/aggregation-report";
import type { EvStationModel } from "../../model/ev-station";
import { CALIBRATION_DATASETS, type CalibrationDataset, type CalibrationParams, calibrationQuery, checkCalibrationParams, DEFAULT_CALIBRATION, parseCalibrationQuery } from "../params";
import type { PageToWorker, WorkerToPage } from "./protocol";
import type { CalibrationOutcome } from "../run";

interface PlotlyApi {
  react(el: HTMLElement, data: object[], layout: object, config?: object): Promise<unknown>;
}
declare const Plotly: PlotlyApi;
declare const EVSP_HIGHS_WASM_BASE64: string;
declare const EVSP_GENERATORS: Record<string, unknown>;
declare const EVSP_WORKER_SOURCE: string;

const COLORS: Record<EvStationModel, string> = { envelope: "#1f77b4", exact: "#d62728", inner: "#2ca02c" };
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

/** The worker running updates; a newer update terminates a busy one. */
class Runner {
  private worker?: Worker;
  private busy = false;
  private wasm?: Promise<WebAssembly.Module>;

  constructor(private readonly onMessage: (m: WorkerToPage) => void) {}

  private module(): Promise<WebAssembly.Module> {
    this.wasm ??= WebAssembly.compile(bytesOfBase64(EVSP_HIGHS_WASM_BASE64) as BufferSource);
    return this.wasm;
  }

  /** Starts update `id` (terminating the worker when it is still busy with an older one). */
  async run(id: number, params: CalibrationParams, file?: { name: string; bytes: Uint8Array }): Promise<void> {
    if (this.worker && this.busy) {
      this.worker.terminate();
      this.worker = undefined;
    }
    const wasm = await this.module();
    if (!this.worker) {
      const url = URL.createObjectURL(new Blob([EVSP_WORKER_SOURCE], { type: "text/javascript" }));
      const w = new Worker(url);
      URL.revokeObjectURL(url);
      w.onmessage = (e: MessageEvent<WorkerToPage>) => {
        if (e.data.kind !== "progress") this.busy = false;
        this.onMessage(e.data);
      };
      w.onerror = (e) => this.onMessage({ kind: "error", id, message: `worker: ${e.message}`, code: "INTERNAL" });
      w.postMessage({ kind: "init", wasm, generators: EVSP_GENERATORS } satisfies PageToWorker);
      this.worker = w;
    }
    this.busy = true;
    this.worker.postMessage({ kind: "run", id, params, ...(file ? { file: { name: file.name, bytes: file.bytes.slice() } } : {}) } satisfies PageToWorker);
  }
}

const hoursAxis = (o: CalibrationOutcome) => o.views.hours.map((h) => o.views.startH + h);
const stepX = (o: CalibrationOutcome) => o.views.hours.slice(0, -1).map((h) => o.views.startH + h + o.report.grid.dtH / 2);
const layout = (title: string, x: string, y: string, extra: object = {}) => ({
  title: { text: title },
  xaxis: { title: { text: x } },
  yaxis: { title: { text: y } },
  margin: { l: 60, r: 20, t: 40, b: 90 },
  legend: { orientation: "h", y: -0.22 },
  ...extra,
});

function drawFigures(o: CalibrationOutcome, figs: Record<string, HTMLElement>): Promise<unknown[]> {
  const x = hoursAxis(o);
  const ev = o.views.ev;
  const agg = o.views.aggregate;
  const evData = ev
    ? [
        { x, y: ev.earliestKwh, name: "earliest (charge at once)", mode: "lines", line: { shape: "linear" } },
        { x, y: ev.latestKwh, name: "latest (charge at the end)", mode: "lines", fill: "tonexty" },
      ]
    : [];
  const aggData = agg
    ? [
        { x, y: agg.upperKwh, name: "envelope: earliest", mode: "lines", line: { color: "#999" } },
        { x, y: agg.lowerKwh, name: "envelope: latest", mode: "lines", line: { color: "#999" }, fill: "tonexty", fillcolor: "rgba(150,150,150,0.2)" },
        ...agg.models.map((m) => ({ x, y: m.planKwh, name: `${m.model}: plan`, mode: "lines", line: { color: COLORS[m.model] } })),
      ]
    : [];
  const sx = stepX(o);
  const followData = agg
    ? [
        { x: sx, y: agg.individualKw, name: "every EV scheduled individually", mode: "lines", line: { shape: "hvh", color: "#000", dash: "dot" } },
        ...agg.models.flatMap((m) => [
          { x: sx, y: m.planKw, name: `${m.model}: plan`, mode: "lines", line: { shape: "hvh", color: COLORS[m.model] } },
          { x: sx, y: m.realisedKw, name: `${m.model}: EVs follow`, mode: "lines", line: { shape: "hvh", color: COLORS[m.model], dash: "dash" } },
        ]),
      ]
    : [];
  // Error vs N, one panel per measure (mean and its 10th–90th percentile band over the draws).
  const measures = [
    { key: "nrmse", title: "NRMSE", axis: "y" },
    { key: "mseKw2", title: "MSE, kW²", axis: "y2" },
    { key: "costGapPct", title: "cost gap, %", axis: "y3" },
  ] as const;
  const errData = measures.flatMap((m, k) =>
    o.params.models.map((model) => {
      const rows = o.rows.filter((r) => r.model === model);
      const mean = rows.map((r) => r[m.key]);
      return {
        x: rows.map((r) => r.n),
        y: mean,
        xaxis: "x",
        yaxis: m.axis,
        name: model,
        legendgroup: model,
        showlegend: k === 0,
        mode: "lines+markers",
        line: { color: COLORS[model] },
        error_y: {
          type: "data",
          symmetric: false,
          array: rows.map((r, i) => r[`${m.key}P90`] - mean[i]),
          arrayminus: rows.map((r, i) => mean[i] - r[`${m.key}P10`]),
        },
      };
    }),
  );
  const errLayout = {
    ...layout(`Error vs fleet size (mean, 10th–90th percentile over ${o.params.draws} draws)`, "N (EVs per station)", "NRMSE"),
    height: 720,
    grid: { rows: 3, columns: 1, pattern: "coupled", roworder: "top to bottom" },
    xaxis: { title: { text: "N (EVs per station)" }, type: "log", tickvals: o.params.sizes, ticktext: o.params.sizes.map(String) },
    ...Object.fromEntries(measures.map((m, k) => [k === 0 ? "yaxis" : `yaxis${k + 1}`, { title: { text: m.title }, exponentformat: "e" }])),
    legend: { orientation: "h", y: -0.1 },
  };
  const cfg = { displaylogo: false, responsive: true };
  return Promise.all([
    Plotly.react(figs.ev, evData, layout(ev ? `One EV (${ev.id}): ${ev.energyKwh.toFixed(1)} kWh, ${ev.chargerKw} kW` : "One EV: no flexible EV in the draw", "hour (from the day's midnight)", "energy delivered, kWh"), cfg),
    Plotly.react(figs.aggregate, aggData, layout(agg ? `Station aggregate: ${agg.flexible} flexible EVs of N = ${agg.n}, first draw` : "Station aggregate", "hour (from the day's midnight)", "cumulative energy, kWh"), cfg),
    Plotly.react(figs.follow, followData, layout("Plan vs what the EVs can follow", "hour (from the day's midnight)", "power, kW"), cfg),
    Plotly.react(figs.error, errData, errLayout, cfg),
  ]);
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

function main(): void {
  const app = document.getElementById("app")!;
  const status = el("div", { id: "status" }, "starting…");
  const progress = el("progress", { id: "progress", max: "1", value: "0" });
  const error = el("div", { id: "error", role: "alert" });
  let initial: CalibrationParams;
  try {
    initial = parseCalibrationQuery(location.search);
  } catch (err) {
    error.textContent = `${(err as Error).message} — using the defaults`;
    initial = { ...DEFAULT_CALIBRATION, sizes: DEFAULT_CALIBRATION.sizes.slice(), models: DEFAULT_CALIBRATION.models.slice() };
  }
  const controls = new Controls(initial);
  const figs: Record<string, HTMLElement> = {};
  const grid = el("div", { id: "figures" });
  for (const k of ["ev", "aggregate", "follow", "error"]) {
    figs[k] = el("div", { id: `fig-${k}`, class: "evsp-figure" });
    grid.append(figs[k]);
  }
  const cleanBox = el("div", { id: "clean" });
  const results = document.getElementById("evsp-results")!;
  app.append(el("h1", {}, "Aggregation accuracy: calibrate the station aggregate"), controls.root, status, progress, error, cleanBox, grid);

  let file: { name: string; bytes: Uint8Array } | undefined;
  let current = 0;
  let seq = 0;
  let startedAt = 0;
  const runner = new Runner((m) => {
    if (m.id !== current) return; // an older update's message
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
      document.body.dataset.updates = String(current);
      return;
    }
    const o = m.outcome;
    error.textContent = "";
    cleanBox.replaceChildren(cleanTable(o));
    void drawFigures(o, figs).then(() => {
      const updateMs = performance.now() - startedAt;
      status.textContent = `${o.source}. Update ${updateMs.toFixed(0)} ms (sessions ${(1000 * o.seconds.sessions).toFixed(0)} ms, experiment ${(1000 * o.seconds.experiment).toFixed(0)} ms).`;
      results.textContent = JSON.stringify({ rows: o.rows, failures: o.failures, params: o.params, source: o.source, dataset: o.dataset, sessions: o.sessions, ...(o.clean ? { clean: o.clean } : {}), seconds: o.seconds, updateMs });
      document.body.dataset.updates = String(current);
    });
  });

  const update = () => {
    let p: CalibrationParams;
    try {
      p = checkCalibrationParams(controls.read());
    } catch (err) {
      error.textContent = (err as Error).message;
      return;
    }
    controls.alphaValue.textContent = p.alpha.toFixed(2);
    history.replaceState(null, "", `?${calibrationQuery(p)}`);
    if (p.dataset === "file" && !file) {
      status.textContent = "drop or pick a session file";
      return;
    }
    error.textContent = "";
    status.textContent = "computing…";
    progress.value = 0;
    startedAt = performance.now();
    current = ++seq;
    void runner.run(current, p, p.dataset === "file" ? file : undefined);
  };

  const takeFile = async (f: File) => {
    file = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    controls.dataset.value = "file";
    update();
  };
  controls.root.addEventListener("change", (e) => {
    if (e.target === controls.file) {
      const f = controls.file.files?.[0];
      if (f) void takeFile(f);
      return;
    }
    update();
  });
  controls.alpha.addEventListener("input", update);
  controls.root.addEventListener("submit", (e) => e.preventDefault());
  controls.drop.addEventListener("dragover", (e) => e.preventDefault());
  controls.drop.addEventListener("drop", (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) void takeFile(f);
  });
  update();
}

main();
