/**
 * `evsp powerflow --json`, run in-process: one JSON object with the published IEEE-33 figures, hand-checkable
 * special cases (no load → no loss and flat voltage) and a JSON error for a bad bus.
 */
import { runCliJson } from "./cli-run";
import "../lib/cli/commands/powerflow";

const run = (...args: string[]) => runCliJson(["powerflow", ...args]);

describe("evsp powerflow --json", () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it("prints the IEEE-33 base case (Baran & Wu: 202.67 kW, 0.91309 pu at bus 18)", async () => {
    const r = await run("--case", "ieee33", "--json");
    expect(Math.abs((r.lossKw as number) - 202.67)).toBeLessThan(0.02);
    expect(Math.abs((r.lossKvar as number) - 135.14)).toBeLessThan(0.02);
    expect(r.vMinBus).toBe(18);
    expect(Math.abs((r.vMinPu as number) - 0.91309)).toBeLessThan(6e-6);
    expect((r.vPu as number[]).length).toBe(33);
    expect((r.vPu as number[])[0]).toBe(1);
    expect(r.iterations as number).toBeGreaterThan(1);
  });

  it("no load: no loss and 1.0 pu everywhere", async () => {
    const r = await run("--load-scale", "0", "--json");
    expect(r.lossKw).toBe(0);
    expect((r.vPu as number[]).every((v) => v === 1)).toBe(true);
  });

  it("PV raises the voltage at its bus above the slack when it exceeds the load downstream", async () => {
    // 2 MW at bus 18 with loads off: power flows back to the substation, so bus 18 is the highest
    const r = await run("--load-scale", "0", "--pv", "18:2000", "--json");
    const v = r.vPu as number[];
    expect(Math.max(...v)).toBe(v[17]);
    expect(v[17]).toBeGreaterThan(1);
    expect(r.lossKw as number).toBeGreaterThan(0);
  });

  it("reports a bad bus as a JSON error with exit code 2 (usage)", async () => {
    const r = await run("--pv", "99:10", "--json");
    expect((r.error as { code: string }).code).toBe("ARGUMENT");
    expect(process.exitCode).toBe(2);
  });
});
