/**
 * The calibration page (`evsp calibrate --out`) in headless Chromium (Debian `chromium`, driven by playwright-core):
 * opened from file:// with parameters in its URL, it computes in its Web Worker, draws its four figures and
 * publishes rows equal (to 1e-6) to those `evsp aggregate-accuracy --json` prints for the same parameters with no
 * data folder; moving controls recomputes (the last change wins over work still running) and writes the parameters
 * back into the URL; a dropped session file is cleaned in the page with the reject counts of `evsp clean --json`;
 * after a picked session file the page keeps updating (the worker answers every update), and a worker is never sent
 * an update while it is still working on another. Nothing leaves the file system. Skipped, with a notice, when
 * Chromium is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { pathToFileURL } from "url";
import "../lib/cli/commands/aggregate-accuracy";
import "../lib/cli/commands/clean";
import { calibrationQuery, type CalibrationParams, cliArgsOf } from "../lib/web/params";
import { writeCalibrationPage } from "../lib/web/page-files";
import { runCliJson } from "./cli-run";
import { residentialFixture } from "./web-calibration.fixtures";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
const OUT = path.resolve(__dirname, "..", "test-output", "calibrate-browser");

interface Published {
  rows: Record<string, unknown>[];
  params?: CalibrationParams;
  clean?: { format: string; rowsIn: number; rowsKept: number; rejected: Record<string, number> };
  error?: { message: string };
}

/** Rows equal field by field: numbers to 1e-6 (relative above 1), everything else exactly. */
function expectRowsClose(actual: Record<string, unknown>[], expected: Record<string, unknown>[]): void {
  expect(actual.map((r) => Object.keys(r).sort())).toEqual(expected.map((r) => Object.keys(r).sort()));
  actual.forEach((row, i) => {
    for (const [k, v] of Object.entries(expected[i])) {
      const a = row[k];
      if (typeof v === "number" && typeof a === "number" && Number.isFinite(v)) expect(Math.abs(a - v), `row ${i} ${k}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v)));
      else expect(a, `row ${i} ${k}`).toEqual(v);
    }
  });
}

/** The CLI's rows for `p` with no data folder (every data set is its fitted generator). */
async function cliRows(p: CalibrationParams): Promise<Record<string, unknown>[]> {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-nodata-"));
  const before = process.env.EVSP_DATA_DIR;
  process.env.EVSP_DATA_DIR = empty;
  try {
    const o = await runCliJson(cliArgsOf(p));
    expect(String(o.source)).toMatch(/^synthetic/);
    return o.rows as Record<string, unknown>[];
  } finally {
    if (before === undefined) delete process.env.EVSP_DATA_DIR;
    else process.env.EVSP_DATA_DIR = before;
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

/** An open page in headless Chromium, what it reported, and readers of its published results. */
interface BrowserPage {
  page: Page;
  /** Console errors, page errors and requests leaving file:, data: and blob: URLs. */
  problems: string[];
  published: () => Promise<Published>;
  /** Waits until the page has published results for `p` and holds `p` in its URL. */
  settledOn: (p: CalibrationParams, timeout?: number) => Promise<unknown>;
  close: () => Promise<void>;
}

/** Launches Chromium (a fresh profile) and opens a blank page that records problems; `init` runs in every page first. */
async function openBrowser(init?: string): Promise<BrowserPage> {
  const { chromium } = await import("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await context.newPage();
  if (init !== undefined) await page.addInitScript(init);
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${String(e)}`));
  page.on("request", (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`request: ${r.url()}`);
  });
  // Expressions run in the page (strings: the test's TypeScript has no DOM types).
  const published = async () => JSON.parse((await page.evaluate("document.getElementById('evsp-results').textContent")) as string) as Published;
  const settledOn = (p: CalibrationParams, timeout = 60_000) =>
    page.waitForFunction(
      `(() => { const r = JSON.parse(document.getElementById('evsp-results').textContent); return r.params !== undefined && location.search === ${JSON.stringify(`?${calibrationQuery(p)}`)} && JSON.stringify(r.params) === ${JSON.stringify(JSON.stringify(p))}; })()`,
      null,
      { timeout },
    );
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { page, problems, published, settledOn, close };
}

/**
 * Script run in the page before its own: wraps Worker so that `window.evspTraffic` lists, per worker (numbered from
 * 1), the protocol messages posted to it ("out"), received from it ("in", progress left out) and its termination.
 */
const RECORD_TRAFFIC = `(() => {
  const traffic = (window.evspTraffic = []);
  const Native = window.Worker;
  let count = 0;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      const w = ++count;
      this.addEventListener("message", (e) => { if (e.data.kind !== "progress") traffic.push({ w, dir: "in", kind: e.data.kind, id: e.data.id }); });
      const post = this.postMessage.bind(this);
      this.postMessage = (m, transfer) => { traffic.push({ w, dir: "out", kind: m.kind, id: m.id }); post(m, transfer); };
      const terminate = this.terminate.bind(this);
      this.terminate = () => { traffic.push({ w, dir: "end" }); terminate(); };
    }
  };
})()`;

interface Traffic {
  w: number;
  dir: "out" | "in" | "end";
  kind?: string;
  id?: number;
}

/**
 * What went wrong in recorded worker traffic: a run posted while the worker had another unfinished, a finished
 * message for no unfinished run, and runs still unfinished on a worker that was not terminated.
 */
function protocolViolations(traffic: readonly Traffic[]): string[] {
  const open = new Map<number, number[]>();
  const ended = new Set<number>();
  const out: string[] = [];
  for (const t of traffic) {
    const runs = open.get(t.w) ?? [];
    open.set(t.w, runs);
    if (t.dir === "end") ended.add(t.w);
    else if (t.dir === "out" && t.kind === "run") {
      if (runs.length > 0) out.push(`worker ${t.w}: run ${t.id} posted while run ${runs.join(", ")} unfinished`);
      runs.push(t.id!);
    } else if (t.dir === "in") {
      const i = runs.indexOf(t.id!);
      if (i < 0) out.push(`worker ${t.w}: ${t.kind} for run ${t.id}, which it was not running`);
      else runs.splice(i, 1);
    }
  }
  for (const [w, runs] of open) if (!ended.has(w) && runs.length > 0) out.push(`worker ${w}: run ${runs.join(", ")} never finished`);
  return out;
}

describe("the calibration page in headless Chromium", () => {
  if (!hasChromium) console.log(`[calibrate-browser] skipped: ${CHROMIUM} not found (Debian: apt-get install chromium)`);

  it.skipIf(!hasChromium)("computes offline, recomputes on every change and cleans a dropped file as the CLI does", { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-calibrate-page-"));
    fs.mkdirSync(OUT, { recursive: true });
    const page0 = writeCalibrationPage(dir);
    const { page, problems, published, settledOn, close } = await openBrowser();
    try {
      // 1. Opened with parameters.
      const first: CalibrationParams = { dataset: "acn", sizes: [5, 20], draws: 3, seed: 4, dt: 60, alpha: 0.8, signal: "tou", models: ["envelope", "exact"] };
      await page.goto(`${pathToFileURL(page0.html).href}?${calibrationQuery(first)}`, { waitUntil: "load" });
      await settledOn(first);
      const drawn = await page.evaluate("Array.from(document.querySelectorAll('.evsp-figure')).map((d) => d.querySelector('.main-svg') !== null && d.querySelectorAll('.scatterlayer .trace').length)");
      // one EV (earliest, latest); the envelope (earliest, latest) and 2 plans; individual + 2 × (plan, follow);
      // 2 error lines in each of the three panels (NRMSE, MSE, cost gap)
      expect(drawn).toEqual([2, 4, 5, 6]);
      expect(await page.evaluate("Array.from(document.querySelectorAll('#fig-error .g-ytitle, #fig-error .g-y2title, #fig-error .g-y3title')).map((t) => t.textContent)")).toEqual(["NRMSE", "MSE, kW²", "cost gap, %"]);
      expectRowsClose((await published()).rows, await cliRows(first));

      // 2. Controls: the slider, a model and the seed, changed in quick succession (each change starts an update and
      // cancels the one running); the page settles on the last parameters, which the URL holds.
      await page.locator("#alpha").fill("0.5");
      await page.check("#model-inner");
      await page.uncheck("#model-envelope");
      await page.fill("#seed", "7");
      await page.dispatchEvent("#seed", "change");
      const moved: CalibrationParams = { ...first, alpha: 0.5, seed: 7, models: ["exact", "inner"] };
      await settledOn(moved);
      expectRowsClose((await published()).rows, await cliRows(moved));
      expect(await page.evaluate("document.querySelectorAll('#fig-error .scatterlayer .trace').length")).toBe(6);

      // 3. A dropped session file, cleaned in the page.
      const file = path.join(dir, "garages.csv");
      fs.writeFileSync(file, residentialFixture());
      await page.evaluate(`(() => {
        const dt = new DataTransfer();
        dt.items.add(new File([${JSON.stringify(residentialFixture())}], "garages.csv", { type: "text/csv" }));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      })()`);
      const fromFile: CalibrationParams = { ...moved, dataset: "file" };
      await settledOn(fromFile);
      const clean = await runCliJson(["clean", file, "--json"]);
      const pub = await published();
      expect(pub.clean).toMatchObject({ format: clean.format, rowsIn: clean.rowsIn, rowsKept: clean.rowsKept, rejected: clean.rejected });
      const shown = (await page.evaluate("Array.from(document.querySelectorAll('#clean-report tr[data-rule]')).map((tr) => [tr.dataset.rule, Number(tr.cells[1].textContent)])")) as [string, number][];
      expect(Object.fromEntries(shown)).toEqual(clean.rejected);
      const cliFile = await runCliJson(["aggregate-accuracy", "--sessions", file, "--sizes", "5,20", "--draws", "3", "--seed", "7", "--controllable", "0.5", "--model", "exact,inner", "--json"]);
      expectRowsClose(pub.rows, cliFile.rows as Record<string, unknown>[]);

      await page.screenshot({ path: path.join(OUT, "calibrate.png"), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasChromium)("keeps updating after a picked session file, one update at a time per worker", { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-calibrate-page-"));
    const page0 = writeCalibrationPage(dir);
    const file = path.join(dir, "garages.csv");
    fs.writeFileSync(file, residentialFixture());
    const { page, problems, published, settledOn, close } = await openBrowser(RECORD_TRAFFIC);
    try {
      const first: CalibrationParams = { dataset: "acn", sizes: [5, 20], draws: 2, seed: 4, dt: 60, alpha: 0.8, signal: "tou", models: ["envelope", "exact"] };
      await page.goto(`${pathToFileURL(page0.html).href}?${calibrationQuery(first)}`, { waitUntil: "load" });
      await settledOn(first);
      // The slider fires input and change together: two updates at once, which must not both reach one worker.
      await page.locator("#alpha").fill("0.5");
      const slid: CalibrationParams = { ...first, alpha: 0.5 };
      await settledOn(slid);
      // A picked session file, then a second update on the same worker (the one that hung: the file's cleaning
      // loaded a library that took over the worker's message handler).
      await page.setInputFiles("#file", file);
      const fromFile: CalibrationParams = { ...slid, dataset: "file" };
      await settledOn(fromFile);
      await page.fill("#seed", "9");
      await page.dispatchEvent("#seed", "change");
      const reseeded: CalibrationParams = { ...fromFile, seed: 9 };
      await settledOn(reseeded, 30_000);
      const cli = await runCliJson(["aggregate-accuracy", "--sessions", file, "--sizes", "5,20", "--draws", "2", "--seed", "9", "--controllable", "0.5", "--model", "envelope,exact", "--json"]);
      expectRowsClose((await published()).rows, cli.rows as Record<string, unknown>[]);
      // And another after that (the worker still answers).
      await page.selectOption("#signal", "valley");
      await settledOn({ ...reseeded, signal: "valley" }, 30_000);

      const traffic = (await page.evaluate("window.evspTraffic")) as Traffic[];
      expect(traffic.filter((t) => t.dir === "out" && t.kind === "run").length).toBe(6);
      expect(protocolViolations(traffic)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
