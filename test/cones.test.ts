/**
 * Second-order cones on HiGHS: tangent cuts are valid and separating, outer approximation converges to the exact
 * conic optimum (closed form), Ben-Tal–Nemirovski meets its stated accuracy ε(ν) = 1/cos(π/2^(ν+1)) − 1.
 */
import fc from "fast-check";
import { ConeCutPool, LinExpr, Model, addBtn2d, btnAccuracy, coneGap, lin, solveModel, tangentCoefficients } from "../lib";
import { btnLevelsFor } from "../lib/model/cones";
import type { RotatedCone } from "../lib";

const cone3: RotatedCone = { family: "c", keys: [], x: [0, 1], y: 2, z: 3 };

describe("rotated cone cuts", () => {
  it("every tangent cut holds for every point of the cone (property)", () => {
    const val = fc.double({ min: -5, max: 5, noNaN: true });
    const pos = fc.double({ min: 1e-3, max: 5, noNaN: true });
    fc.assert(
      fc.property(val, val, pos, pos, val, val, pos, pos, (p, q, v, l, p2, q2, v2, s) => {
        // a cut built at an arbitrary point (p, q, v, l) …
        const { ax, ay, az } = tangentCoefficients(cone3, [p, q, v, l]);
        // … holds at a point of the cone: (p2, q2, v2, z2 = (p2²+q2²)/v2 + s).
        const z2 = (p2 * p2 + q2 * q2) / v2 + s;
        const lhs = ax[0] * p2 + ax[1] * q2 + ay * v2 + az * z2;
        expect(lhs).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(v2) + Math.abs(z2)));
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it("a cut built at a violating point cuts it off (property)", () => {
    const val = fc.double({ min: -5, max: 5, noNaN: true });
    const pos = fc.double({ min: 1e-2, max: 5, noNaN: true });
    fc.assert(
      fc.property(val, val, pos, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (p, q, v, frac) => {
        fc.pre(p * p + q * q > 1e-4);
        const l = (frac * (p * p + q * q)) / v; // inside: l below the surface → violated
        const x = [p, q, v, l];
        expect(coneGap(cone3, x)).toBeLessThan(0);
        const { ax, ay, az } = tangentCoefficients(cone3, x);
        expect(ax[0] * p + ax[1] * q + ay * v + az * l).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

/** min z s.t. x² + w² ≤ y·z with x, w, y fixed — closed form z* = (x² + w²)/y. */
function tinyConic(x: number, w: number, y: number): { m: Model; z: number } {
  const m = new Model("tiny-conic");
  const c = m.addVars("a", { k: ["x", "w", "y", "z"] }, { lb: (k) => (k === "y" || k === "z" ? 0 : -Infinity) });
  m.fix(c.col("x"), x);
  m.fix(c.col("w"), w);
  m.fix(c.col("y"), y);
  m.addObjective(lin(c.col("z"), 1));
  m.addRotatedCone("cone", [], { x: [c.col("x"), c.col("w")], y: c.col("y"), z: c.col("z") });
  return { m, z: c.col("z") };
}

describe("cone methods reach the conic optimum", () => {
  it("outer approximation converges to z* = (x² + w²)/y within the cut tolerance", async () => {
    const { m, z } = tinyConic(0.8, -0.3, 1.7);
    const exact = (0.64 + 0.09) / 1.7;
    const sol = await solveModel(m, { cones: "oa", coneTol: 1e-10 });
    expect(Math.abs(sol.x[z] - exact)).toBeLessThan(1e-9);
    expect(sol.info.cone.maxAbsGap).toBeLessThan(1e-9);
    expect(sol.info.rounds).toBeGreaterThan(1);
  });

  it("a re-solve seeded from the cut pool needs no more rounds than the first", async () => {
    const pool = new ConeCutPool();
    const first = await solveModel(tinyConic(0.8, -0.3, 1.7).m, { conePool: pool, coneTol: 1e-10 });
    expect(pool.size).toBeGreaterThan(0);
    const again = await solveModel(tinyConic(0.8, -0.3, 1.7).m, { conePool: pool, coneTol: 1e-10 });
    expect(again.info.rounds).toBe(1);
    expect(again.objective).toBeCloseTo(first.objective, 12);
  });

  it("Ben-Tal–Nemirovski stays within its stated relative accuracy", async () => {
    const { m, z } = tinyConic(0.8, -0.3, 1.7);
    const exact = (0.64 + 0.09) / 1.7;
    const levels = 6;
    const sol = await solveModel(m, { cones: "btn", btnLevels: levels });
    // Outer approximation: z may fall below z*, by at most the accumulated ε of the two 2-D blocks.
    const eps = btnAccuracy(levels);
    expect(sol.x[z]).toBeLessThanOrEqual(exact + 1e-9);
    expect(sol.x[z]).toBeGreaterThanOrEqual(exact / (1 + eps) ** 4 - 1e-9);
  });
});

describe("Ben-Tal–Nemirovski 2-D block", () => {
  it("ε(ν) matches the formula and the level finder", () => {
    expect(btnAccuracy(1)).toBeCloseTo(1 / Math.cos(Math.PI / 4) - 1, 15);
    const nu = btnLevelsFor(1e-6);
    expect(btnAccuracy(nu)).toBeLessThanOrEqual(1e-6);
    expect(btnAccuracy(nu - 1)).toBeGreaterThan(1e-6);
  });

  it("the smallest radius t admitted for a unit vector is cos(π/2^(ν+1)) in the worst direction", async () => {
    // For (a, b) = (cos θ, sin θ), min t over the BTN system lies in [cos(π/2^(ν+1)), 1] and reaches the lower end.
    for (const levels of [1, 2, 3]) {
      let worst = Infinity;
      for (let k = 0; k <= 64; k++) {
        const th = (k / 64) * (Math.PI / 2);
        const m = new Model(`btn-${levels}-${k}`);
        const t = m.addVar("t", { lb: -Infinity });
        m.addObjective(lin(t, 1));
        addBtn2d(m, "blk", 0, new LinExpr().addConstant(Math.cos(th)), new LinExpr().addConstant(Math.sin(th)), lin(t, 1), levels);
        const sol = await solveModel(m);
        const tv = sol.x[t];
        expect(tv).toBeLessThanOrEqual(1 + 1e-9);
        expect(tv).toBeGreaterThanOrEqual(Math.cos(Math.PI / 2 ** (levels + 1)) - 1e-9);
        worst = Math.min(worst, tv);
      }
      expect(worst).toBeCloseTo(Math.cos(Math.PI / 2 ** (levels + 1)), 6);
    }
  });
});
