/**
 * The calibration page's update time, in the browser: the page written by `evsp calibrate --out` (here by the same
 * writeCalibrationPage), opened in headless Debian Chromium (playwright-core) with its parameters in the URL, for
 * each model (envelope, exact, inner) alone and each fleet size N (10, 50, 200) alone. Per (model, N):
 * - the first update (opening the page: the worker's HiGHS start, the generator's sessions, the experiment, figures);
 * - then R warm updates, each a new seed typed into the page (new sessions from the generator, the experiment, the
 *   figures redrawn), timed by the page itself from the change to the figures drawn (`updateMs` it publishes), with
 *   the worker's own split (sessions, experiment) and the browser-side wall time of the same update.
 * The targets, printed as the measured median over its limit (not asserted):
 *   exact at N = 200 < 200 ms, envelope at N = 200 < 500 ms.
 *   npm run bench -- calibrate [--rounds R] [--draws D] [--dataset acn|residential|workplace] [--sizes 10,50,200]
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { calibrationPageUrl, type CalibrationParams, DEFAULT_CALIBRATION, writeCalibrationPage } from "../lib/web";

const CHROMIUM = "/usr/bin/chromium";
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const rounds = Number(arg("--rounds", "5"));
const draws = Number(arg("--draws", String(DEFAULT_CALIBRATION.draws)));
const dataset = arg("--dataset", "acn") as CalibrationParams["dataset"];
const sizes = arg("--sizes", "10,50,200").split(",").map(Number);
const MODELS = ["envelope", "exact", "inner"] as const;
const TARGETS: Record<string, number> = { exact: 200, envelope: 500 };

interface Published {
  rows: unknown[];
  error?: { message: string };
  updateMs: number;
  seconds: { sessions: number; experiment: number; total: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`bench calibrate: ${CHROMIUM} not found (Debian: apt-get install chromium)`);
    process.exit(2);
  }
  const { chromium } = await import("playwright-core");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-bench-calibrate-"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-chromium-"));
  const page0 = writeCalibrationPage(dir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  console.log(`${dataset} generator, ${draws} draws per N, grid 24 × 1 h, α = ${DEFAULT_CALIBRATION.alpha}, time-of-use; ${rounds} warm updates per row (new seed each)`);
  console.log("model     N    first ms  warm median  min    max    worker: sessions  experiment  (ms, medians)  browser wall");
  const medians: Record<string, number> = {};
  try {
    for (const model of MODELS) {
      for (const n of sizes) {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on("pageerror", (e) => problems.push(String(e)));
        const params: CalibrationParams = { ...DEFAULT_CALIBRATION, dataset, sizes: [n], draws, seed: 1, models: [model] };
        const published = async () => JSON.parse((await page.evaluate("document.getElementById('evsp-results').textContent")) as string) as Published;
        const updated = (k: number) => page.waitForFunction(`document.body.dataset.updates === '${k}'`, null, { timeout: 120_000, polling: 5 });
        await page.goto(calibrationPageUrl(page0.html, params), { waitUntil: "load" });
        await updated(1);
        const first = await published();
        if (first.error) throw new Error(`bench calibrate: ${model} N = ${n}: ${first.error.message}`);
        const warm: Published[] = [];
        const wall: number[] = [];
        for (let r = 0; r < rounds; r++) {
          const t0 = Date.now();
          await page.fill("#seed", String(2 + r));
          await page.dispatchEvent("#seed", "change");
          await updated(2 + r);
          wall.push(Date.now() - t0);
          const p = await published();
          if (p.error) throw new Error(`bench calibrate: ${model} N = ${n} seed ${2 + r}: ${p.error.message}`);
          warm.push(p);
        }
        if (problems.length) throw new Error(`bench calibrate: page errors: ${problems.join("; ")}`);
        await page.close();
        const ms = warm.map((p) => p.updateMs);
        medians[`${model}:${n}`] = median(ms);
        console.log(
          `${model.padEnd(9)} ${String(n).padStart(4)} ${first.updateMs.toFixed(0).padStart(9)} ${median(ms).toFixed(0).padStart(12)} ${Math.min(...ms).toFixed(0).padStart(6)} ${Math.max(...ms).toFixed(0).padStart(6)}` +
            `  ${median(warm.map((p) => 1000 * p.seconds.sessions)).toFixed(0).padStart(16)} ${median(warm.map((p) => 1000 * p.seconds.experiment)).toFixed(0).padStart(11)}` +
            `  ${median(wall).toFixed(0).padStart(28)}`,
        );
      }
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const nMax = Math.max(...sizes);
  for (const [model, limit] of Object.entries(TARGETS)) {
    const m = medians[`${model}:${nMax}`];
    if (m === undefined) continue;
    console.log(`target: ${model} at N = ${nMax}, warm update ${m.toFixed(0)} ms / ${limit} ms = ${(m / limit).toFixed(2)} (${m < limit ? "met" : "missed"})`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
