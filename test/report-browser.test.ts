/**
 * The report opened in headless Chromium (Debian package `chromium`, driven by playwright-core; no browser is
 * downloaded): the page loads with no console error, no page error and no request leaving the file system, and
 * every figure renders (plotly draws `.main-svg` inside each figure div). A screenshot is kept in
 * test-output/report-browser/. Skipped, with a notice, when Chromium is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { reportFigures, writeReport } from "../lib";
import { tinyReport } from "./report-fixtures";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
const OUT = path.resolve(__dirname, "..", "test-output", "report-browser");

describe("the report in headless Chromium", () => {
  if (!hasChromium) console.log(`[report-browser] skipped: ${CHROMIUM} not found (Debian: apt-get install chromium)`);

  it.skipIf(!hasChromium)("loads offline with no console error and renders every figure", async () => {
    const { chromium } = await import("playwright-core");
    const { report } = await tinyReport();
    const files = writeReport(OUT, report);
    const expected = reportFigures(report).length;
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-chromium-"));
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
        if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) problems.push(`request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(files.html).href, { waitUntil: "load" });
      // Expressions run in the page (strings: the test's TypeScript has no DOM types).
      await page.waitForFunction("Array.from(document.querySelectorAll('.evsp-figure')).every((d) => d.querySelector('.main-svg') !== null)", null, { timeout: 60_000 });
      const counts = (await page.evaluate(
        "({ figures: document.querySelectorAll('.evsp-figure').length, drawn: Array.from(document.querySelectorAll('.evsp-figure')).filter((d) => d.classList.contains('js-plotly-plot') && d.querySelector('.main-svg')).length, title: document.title })",
      )) as { figures: number; drawn: number; title: string };
      expect(counts.figures).toBe(expected);
      expect(counts.drawn).toBe(expected);
      expect(counts.title).toBe(report.title);
      await page.screenshot({ path: path.join(OUT, "report.png"), fullPage: true });
      expect(problems).toEqual([]);
      expect(fs.statSync(path.join(OUT, "report.png")).size).toBeGreaterThan(10_000);
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
});
