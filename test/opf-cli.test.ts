/**
 * `evsp opf --json`, run in-process: the published IEEE-33 base case, a load profile equal to separate single-hour
 * runs, curtailable PV equal to fixed PV when no limit binds, and JSON errors.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCliJson } from "./cli-run";
import "../lib/cli/commands/opf";

const run = (...args: string[]) => runCliJson(["opf", ...args]);

describe("evsp opf --json", () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it("prints the IEEE-33 base case (Baran & Wu: 202.67 kW, 0.91309 pu at bus 18) with its cone gap and AC check", async () => {
    const r = await run("--case", "ieee33", "--json");
    expect(r.status).toBe("optimal");
    expect(Math.abs((r.lossKw as number) - 202.67)).toBeLessThan(0.02);
    const v = r.vPu as number[];
    expect(v).toHaveLength(33);
    expect(v[0]).toBe(1);
    expect(Math.abs(v[17] - 0.91309)).toBeLessThan(1e-5);
    expect(r.coneGapMaxPu2 as number).toBeLessThan(1e-6);
    expect((r.acCheck as { lossDiffKw: number }).lossDiffKw).toBeLessThan(0.01);
  });

  it("a load profile gives the mean of separate single-hour runs", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "evsp-opf-")), "profile.csv");
    fs.writeFileSync(file, "mult\n0.5\n0.8\n1.0\n");
    const multi = await run("--load-profile", file, "--json");
    expect(multi.hours).toBe(3);
    expect((multi.vPu as number[][]).length).toBe(3);
    const singles: Record<string, unknown>[] = [];
    for (const s of ["0.5", "0.8", "1.0"]) singles.push(await run("--load-scale", s, "--json"));
    const mean = singles.reduce((a, r) => a + (r.lossKw as number), 0) / 3;
    expect(multi.lossKw as number).toBeCloseTo(mean, 5);
  });

  it("curtailable PV equals fixed PV when no limit binds", async () => {
    const fixed = await run("--pv", "18:400,33:300", "--json");
    const curt = await run("--pv-curtail", "18:400,33:300", "--json");
    expect(curt.pvKw).toEqual({ 18: expect.closeTo(400, 4), 33: expect.closeTo(300, 4) });
    expect(curt.lossKw as number).toBeCloseTo(fixed.lossKw as number, 5);
  });

  it("reports bad options as a JSON error", async () => {
    const r = await run("--cones", "socp", "--json");
    expect((r.error as { code: string }).code).toBe("ARGUMENT");
    expect((r.error as { message: string }).message).toMatch(/--cones/);
  });
});
