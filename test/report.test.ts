/**
 * The report on the tiny feeder with an EV station: one figure div per figure, plotly exactly once and nothing
 * fetched from the network, every section and table, the sweep row of the case's own share equal to the main run,
 * the assumptions rendered from the case README, report.json without per-hour data; the Markdown converter.
 */
import * as fs from "fs";
import * as path from "path";
import { describePeak, planningKpis, type PlanningReport, readPlanningCase, reportFigures, reportHtml, reproduce, writeReport } from "../lib";
import { plotlyBundle } from "../lib/plot/html";
import { markdownToHtml } from "../lib/plot/report-markdown";
import { tinyReport } from "./report-fixtures";

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("the report of a tiny run", () => {
  let report: PlanningReport;
  let dir: string;
  let html: string;

  beforeAll(async () => {
    ({ report, dir } = await tinyReport());
    html = reportHtml(report);
  });

  it("has one figure div per figure: 2 case + 1 Benders + 5 plan + 3 sweep + 3 out-of-sample", () => {
    expect(reportFigures(report)).toHaveLength(14);
    expect(count(html, 'class="evsp-figure"')).toBe(14);
    expect(count(html, "Plotly.newPlot(")).toBe(14);
  });

  it("embeds plotly exactly once and fetches nothing", () => {
    expect(count(html, plotlyBundle().slice(0, 300))).toBe(1);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
  });

  it("holds every section, the verification of every day and the assumptions", () => {
    for (const title of ["Summary", "The case and its typical days", "Solve: Benders bounds", "The plan", "Sensitivity: controllable EV share", "Out of sample", "Verification", "Assumptions"]) {
      expect(html).toContain(`<h2>${title}`);
    }
    expect(report.verification).toHaveLength(4);
    expect(report.verification.filter((v) => v.case === "plan").map((v) => v.day)).toEqual(["S1", "S2"]);
    expect(Math.max(...report.verification.map((v) => v.coneGapBranchPu2))).toBeLessThanOrEqual(1e-6);
    // The README rendered: its table as HTML, its script escaped; the case file as text.
    expect(html).toContain('<table class="md">');
    expect(html).toContain("<strong>sunny</strong>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&quot;schema&quot;: &quot;evsp.planning-case.v1&quot;");
    expect(report.settings.caseFile).toBe(path.join(dir, "tiny.json"));
  });

  it("has a \"Reproducing the study\" section: the plan's loading and balance always, the search when given one", async () => {
    expect(html).toContain("<h2>Reproducing the study");
    expect(html).toContain(describePeak(report.kpis.loadingPlan.peak));
    expect(html).toContain("No assumption search in this report");
    // a search result (its planner a constant: the section shows what it is given)
    const figures = { sites: [16, 21], energyKwh: 5000, annualCostCny: 2e6, annualBenefitCny: 3e6, carbonReductionPct: 6, pvUtilizationPct: 98, pvUtilizationBasePct: 86 };
    const reproduction = await reproduce(readPlanningCase(), { assumptions: ["pvScale"], evaluations: 0, refine: 0, sweepValues: [0.5], planner: async () => ({ figures, gapPct: 0, stop: "gap", seconds: 0 }) });
    const withSearch = reportHtml({ ...report, reproduction });
    expect(withSearch).toContain("<h3>The assumption search");
    expect(withSearch).toContain("<h3>What the bounds reach");
    expect(count(withSearch, 'class="evsp-figure"')).toBe(14 + 3);
    expect(withSearch).not.toContain("No assumption search in this report");
  });

  it("reuses the main run for the case's own share, and its row equals the plan's KPIs", () => {
    const k = planningKpis(report.run);
    const row = report.sweep!.rows.find((r) => r.value === report.case.ev.controllable)!;
    expect(row.totalEnergyKwh).toBeCloseTo(k.sites.reduce((a, s) => a + s.energyKwh, 0), 6);
    expect(row.annualCostCny).toBeCloseTo(k.annualCostCny, 6);
    expect(row.timing.seconds).toBe(report.run.seconds);
    expect(report.claims).toHaveLength(4);
  });

  it("writes index.html and a report.json without per-hour dispatch", () => {
    const out = writeReport(path.join(dir, "out"), report);
    expect(fs.readFileSync(out.html, "utf8")).toContain("<h2>Summary");
    const json = JSON.parse(fs.readFileSync(out.json, "utf8"));
    expect(json.sweep.rows).toHaveLength(3);
    expect(json.run.x.eKwh).toEqual(report.run.x.eKwh);
    expect(fs.readFileSync(out.json, "utf8")).not.toContain("branchLoading");
    expect(count(fs.readFileSync(out.html, "utf8"), 'class="evsp-figure"')).toBe(14);
  });
});

describe("markdownToHtml", () => {
  it("converts headings, pipe tables, lists, code and inline marks, escaping everything else", () => {
    const h = markdownToHtml("# A\n\ntext with `x < y` and **b** and *i*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- p\n- q\n  continued\n\n```\n<raw>\n```\n");
    expect(h).toContain("<h3>A</h3>");
    expect(h).toContain("<code>x &lt; y</code>");
    expect(h).toContain("<strong>b</strong>");
    expect(h).toContain("<em>i</em>");
    expect(h).toContain('<table class="md"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>');
    expect(h).toContain("<ul><li>p</li><li>q continued</li></ul>");
    expect(h).toContain("<pre><code>&lt;raw&gt;</code></pre>");
  });
});
