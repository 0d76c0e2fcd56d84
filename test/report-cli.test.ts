/**
 * `evsp sweep --json` and `evsp report --json`, run in-process on a 4-bus feeder written as a MATPOWER file with
 * typical days from the planning year: one JSON object each, rows keyed by the swept parameter, annual storage
 * cost equal to the hand-computed annualised capex, the report's files written, errors as JSON.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCliJson } from "./cli-run";
import "../lib/cli/commands/sweep";
import "../lib/cli/commands/report";
import "../lib/cli/commands/plan";
import { tinyCase } from "./planning-fixtures";

const MATPOWER = `function mpc = tiny4
mpc.version = '2';
mpc.baseMVA = 1;
mpc.bus = [
  1 3 0   0    0 0 1 1 0 10 1 1.05 0.9;
  2 1 0.2 0.08 0 0 1 1 0 10 1 1.05 0.9;
  3 1 0.3 0.12 0 0 1 1 0 10 1 1.05 0.9;
  4 1 0.2 0.08 0 0 1 1 0 10 1 1.05 0.9;
];
mpc.gen = [
  1 0 0 10 -10 1 1 1 10 0;
];
mpc.branch = [
  1 2 0.01  0.02 0 0 0 0 0 0 1 -360 360;
  2 3 0.015 0.02 0 0 0 0 0 0 1 -360 360;
  3 4 0.02  0.02 0 0 0 0 0 0 1 -360 360;
];
`;

const run = (...args: string[]) => runCliJson([...args]);

describe("evsp sweep and evsp report on a 4-bus feeder", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-report-cli-"));
  const c = tinyCase();
  const config = path.join(dir, "tiny4.json");
  fs.writeFileSync(path.join(dir, "tiny4.m"), MATPOWER);
  fs.writeFileSync(config, JSON.stringify({ ...c, name: "tiny4", network: { ...c.network, case: "tiny4.m" } }, null, 2));

  afterEach(() => {
    process.exitCode = undefined;
  });

  it("sweep prints one row per value, keyed by the parameter, with cost = (CRF + O&M) × capex by hand", async () => {
    const r = await run("sweep", "--config", config, "--parameter", "storageCostScale", "--values", "0.5,3", "--workers", "0", "--max-iterations", "30", "--json");
    const rows = r.rows as { storageCostScale: number; sites: { bus: number; energyKwh: number; powerKw: number }[]; annualCostCny: number; totalEnergyKwh: number; balanceAfter: number }[];
    expect(rows.map((x) => x.storageCostScale)).toEqual([0.5, 3]);
    const st = c.storage;
    const crf = (st.discountRate * (1 + st.discountRate) ** st.lifetimeYears) / ((1 + st.discountRate) ** st.lifetimeYears - 1);
    rows.forEach((row, i) => {
      const scale = [0.5, 3][i];
      const capex = row.sites.reduce((a, s) => a + scale * (s.energyKwh * st.energyCostCnyPerKwh + s.powerKw * st.powerCostCnyPerKw + st.fixedCostCnyPerSite), 0);
      expect(row.annualCostCny).toBeCloseTo(capex * (crf + st.omShare), 2);
      expect(row.totalEnergyKwh).toBeCloseTo(row.sites.reduce((a, s) => a + s.energyKwh, 0), 6);
      expect(row.balanceAfter).toBeGreaterThan(0);
    });
    expect((r.parameter as { name: string }).name).toBe("storageCostScale");
  });

  it("sweep --controllable keys rows by controllable", async () => {
    const r = await run("sweep", "--config", config, "--controllable", "0.5", "--workers", "0", "--max-iterations", "10", "--json");
    const rows = r.rows as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0].controllable).toBe(0.5);
    for (const key of ["sites", "totalEnergyKwh", "carbonReductionPct", "pvUtilizationPct", "annualCostCny", "annualBenefitCny", "balanceAfter"]) expect(rows[0]).toHaveProperty(key);
  });

  it("plan, each sweep row and the report's plan print one record: the same fields under the same names", async () => {
    const plan = await run("plan", "--config", config, "--workers", "0", "--max-iterations", "10", "--quiet", "--json");
    const sw = await run("sweep", "--config", config, "--controllable", String(c.ev.controllable), "--workers", "0", "--max-iterations", "10", "--quiet", "--json");
    const rep = await run("report", "--config", config, "--out", path.join(dir, "report-keys"), "--quick", "--workers", "0", "--sweep-values", String(c.ev.controllable), "--held-out-days", "2", "--no-evpi", "--quiet", "--json");
    const keys = (x: unknown) => Object.keys(x as object).sort();
    const { timing, ...summary } = plan;
    expect(keys(timing)).toEqual(["masterSeconds", "seconds", "subproblemSeconds"]);
    const [row] = sw.rows as Record<string, unknown>[];
    const { controllable, ...rowSummary } = row;
    expect(controllable).toBe(c.ev.controllable);
    expect(keys(rowSummary)).toEqual(keys(summary));
    expect(keys(rep.plan)).toEqual(keys(summary));
    // the fields are the plan's KPIs under the KPIs' own names, and the totals are the sites' sums
    const sites = summary.sites as { energyKwh: number; powerKw: number }[];
    expect(summary.totalEnergyKwh).toBeCloseTo(sites.reduce((a, s) => a + s.energyKwh, 0), 9);
    expect(summary.totalPowerKw).toBeCloseTo(sites.reduce((a, s) => a + s.powerKw, 0), 9);
    for (const k of ["acVMaxDiffPu", "coneGapMaxPu2", "balanceBefore", "balanceAfter", "carbonReductionPct", "objectiveCny", "lowerBoundCny"]) expect(summary).toHaveProperty(k);
    expect(keys(summary).filter((k) => /^(objective|lowerBound|upperBound|balance|kpis|acCheck)$/.test(k))).toEqual([]);
  });

  it("sweep reports a bad parameter as a JSON error", async () => {
    const r = await run("sweep", "--config", config, "--parameter", "windScale", "--values", "1", "--json");
    expect((r.error as { code: string }).code).toBe("ARGUMENT");
    expect((r.error as { message: string }).message).toMatch(/windScale/);
    expect(process.exitCode).toBe(2);
  });

  it("bad sweep and report options are usage errors naming the option, before any plan is run", async () => {
    const usage = async (field: string, ...args: string[]) => {
      const r = await run(...args, "--quiet", "--json");
      expect(r.error, args.join(" ")).toMatchObject({ code: "ARGUMENT", field });
      expect(process.exitCode).toBe(2);
      process.exitCode = undefined;
      return (r.error as { message: string }).message;
    };
    // a bad last value used to fail only after the runs before it (as a DATA_VALIDATION of ev.controllable)
    expect(await usage("--controllable", "sweep", "--config", config, "--controllable", "0.5,1.5")).toMatch(/controllable = 1\.5/);
    expect(await usage("--values", "sweep", "--config", config, "--parameter", "carbonPrice", "--values", "10,-100")).toMatch(/carbonPrice = -100/);
    await usage("--k", "sweep", "--config", config, "--k", "0");
    await usage("--workers", "sweep", "--config", config, "--workers", "-1");
    await usage("--max-iterations", "sweep", "--config", config, "--max-iterations", "0");
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "x");
    expect(await usage("--out", "report", "--config", config, "--out", file)).toMatch(/is a file, not a folder/);
    await usage("--sweep-values", "report", "--config", config, "--out", path.join(dir, "r2"), "--sweep-values", "0,2");
    await usage("--held-out-days", "report", "--config", config, "--out", path.join(dir, "r2"), "--held-out-days", "0");
    await usage("--max-iterations", "report", "--config", config, "--out", path.join(dir, "r2"), "--max-iterations", "-1");
    // --reproduction must be a search's result: a data error naming the option, before any plan
    for (const [text, why] of [["x", /cannot read/], ['{"figures": []}', /"reach" is missing/]] as const) {
      fs.writeFileSync(file, text);
      const r = await run("report", "--config", config, "--out", path.join(dir, "r3"), "--reproduction", file, "--quiet", "--json");
      expect(r.error).toMatchObject({ code: "DATA_VALIDATION", field: "--reproduction" });
      expect((r.error as { message: string }).message).toMatch(why);
      process.exitCode = undefined;
    }
  });

  it("report --quick writes index.html and report.json and prints its summary", async () => {
    const out = path.join(dir, "report");
    const r = await run("report", "--config", config, "--out", out, "--quick", "--workers", "0", "--sweep-values", "0,1", "--json");
    expect(r.html).toBe(path.join(out, "index.html"));
    const html = fs.readFileSync(r.html as string, "utf8");
    expect(html).toContain("<h2>Out of sample");
    expect((r.sweep as { rows: unknown[] }).rows).toHaveLength(2);
    const o = r.outOfSample as { heldOutDays: number; rpCny: number; eevCny: number; vssCny: number };
    expect(o.heldOutDays).toBe(6);
    expect(o.vssCny).toBeCloseTo(o.eevCny - o.rpCny, 6);
    const plan = r.plan as { objectiveCny: number; sites: unknown[] };
    expect(Math.abs(o.rpCny - plan.objectiveCny) / plan.objectiveCny).toBeLessThan(1e-6);
    expect(JSON.parse(fs.readFileSync(r.json as string, "utf8")).settings.k).toBe(2);
  });

  it("sweep and report keep every time under `timing`: two runs are deep-equal without it", async () => {
    const times = (x: unknown, at = ""): string[] =>
      Array.isArray(x)
        ? x.flatMap((v, i) => times(v, `${at}[${i}]`))
        : x === null || typeof x !== "object"
          ? []
          : Object.entries(x).flatMap(([k, v]) => (k === "timing" ? [] : /seconds/i.test(k) ? [`${at}.${k}`] : times(v, `${at}.${k}`)));
    const out = path.join(dir, "report-twice");
    for (const args of [
      ["sweep", "--config", config, "--controllable", "0,0.5", "--workers", "0", "--max-iterations", "5", "--quiet", "--json"],
      ["report", "--config", config, "--out", out, "--quick", "--workers", "0", "--sweep-values", "0,1", "--held-out-days", "2", "--quiet", "--json"],
    ]) {
      const [a, b] = [await run(...args), await run(...args)];
      for (const r of [a, b]) {
        expect((r.timing as { seconds: number }).seconds, args[0]).toBeGreaterThan(0);
        expect(times(r), args[0]).toEqual([]);
        delete r.timing;
      }
      expect(b, args[0]).toEqual(a);
    }
  });
});
