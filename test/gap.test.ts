import { describe, expect, it } from "vitest";
import { bendersSettings, BENDERS_DEFAULTS, gapPercent, gapTarget, relativeGap } from "../lib/decomposition";
import { ArgumentError } from "../lib/util/errors";

describe("the optimality gap", () => {
  it("is (UB − LB) / |UB|, by hand", () => {
    expect(relativeGap(200, 199)).toBeCloseTo(1 / 200, 15);
    expect(gapPercent(200, 199)).toBeCloseTo(0.5, 13);
    // A negative upper bound: relative to its magnitude.
    expect(relativeGap(-400, -404)).toBeCloseTo(4 / 400, 15);
  });

  it("is relative to 1 near a zero cost", () => {
    expect(relativeGap(0.5, 0.25)).toBe(0.25);
    expect(gapPercent(0, -0.002)).toBeCloseTo(0.2, 13);
  });

  it("has its target where the gap equals the tolerance", () => {
    const ub = 10_353_687;
    const lb = gapTarget(ub, 1e-3);
    expect(lb).toBeCloseTo(ub - 10_353.687, 6);
    expect(relativeGap(ub, lb)).toBeCloseTo(1e-3, 12);
  });
});

describe("bendersSettings", () => {
  it("fills every default, and an option set to undefined keeps its default as destructuring does", () => {
    expect(bendersSettings({})).toEqual({ ...BENDERS_DEFAULTS });
    const s = bendersSettings({ maxIterations: undefined, gapTol: 5e-3, kelleySitings: 2 });
    expect(s.maxIterations).toBe(30);
    expect(s.gapTol).toBe(5e-3);
    expect(s.kelleySitings).toBe(2);
  });

  it("refuses options out of range, naming them", () => {
    expect(() => bendersSettings({ kelleySitings: 0 })).toThrow(ArgumentError);
    expect(() => bendersSettings({ maxIterations: 2.5 })).toThrow(/maxIterations/);
    expect(() => bendersSettings({ gapTol: 0 })).toThrow(/gapTol/);
    expect(() => bendersSettings({ levelLambda: 1 })).toThrow(/levelLambda/);
    expect(() => bendersSettings({ coreCutsEpsilon: -0.1 })).toThrow(/coreCutsEpsilon/);
    expect(() => bendersSettings({ timeLimitS: 0 })).toThrow(/timeLimitS/);
  });
});
