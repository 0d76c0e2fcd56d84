/**
 * The calibration page (`evsp calibrate --out`) in headless Chromium (Debian `chromium`, driven by playwright-core):
 * opened from file:// with parameters in its URL, it computes in its Web Worker, draws its four figures and
 * publishes rows equal (to 1e-6) to those `evsp aggregate-accuracy --json` prints for the same parameters with no
 * data folder; moving controls recomputes (the last change wins over work still running) and writes the parameters
 * back into the URL; a dropped session file is cleaned in the page with the reject counts of `evsp clean --json`.
 * Nothing leaves the file system. Skipped, with a notice, when Chromium is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
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

describe("the calibration page in headless Chromium", () => {
  if (!hasChromium) console.log(`[calibrate-browser] skipped: ${CHROMIUM} not found (Debian: apt-get install chromium)`);

  it.skipIf(!hasChromium)("computes offline, recomputes on every change and cleans a dropped file as the CLI does", { timeout: 180_000 }, async () => {
    const { chromium } = await import("playwright-core");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-calibrate-page-"));
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-chromium-"));
    fs.mkdirSync(OUT, { recursive: true });
    const page0 = writeCalibrationPage(dir);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await context.newPage();
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
      const settledOn = (p: CalibrationParams) =>
        page.waitForFunction(
          `(() => { const r = JSON.parse(document.getElementById('evsp-results').textContent); return r.params !== undefined && location.search === ${JSON.stringify(`?${calibrationQuery(p)}`)} && JSON.stringify(r.params) === ${JSON.stringify(JSON.stringify(p))}; })()`,
          null,
          { timeout: 60_000 },
        );

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
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
