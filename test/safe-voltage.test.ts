/**
 * The safe upper voltage limit as lazy rows: the coefficients of v̂_j = v_j + Σ a_jf ℓ_f against a hand derivation,
 * and a day operated with the lazy rows against the same day with the explicit v̂ block, solved independently, on a
 * feeder where the limit binds.
 */
import { buildSubproblem, coneSeparator, createNetwork, HighsSession, planningNetwork, runSeparationLoop, SubproblemRunner } from "../lib";
import { safeVoltageLossCoefficients } from "../lib/model/distflow";
import { copyBounds } from "../lib/model/planning/subproblem";
import { tinyCase, tinyInputs } from "./planning-fixtures";

describe("safe upper voltage limit as lazy rows", () => {
  it("v̂_j − v_j has the coefficients derived by hand on a 3-bus chain", () => {
    const [r1, x1, r2, x2] = [0.01, 0.03, 0.02, 0.05];
    const net = createNetwork({
      name: "chain3",
      baseMva: 1,
      baseKv: 10,
      slackBus: 1,
      buses: [{ bus: 1 }, { bus: 2, pLoadKw: 100 }, { bus: 3, pLoadKw: 100 }],
      branches: [
        { fromBus: 1, toBus: 2, rPu: r1, xPu: x1 },
        { fromBus: 2, toBus: 3, rPu: r2, xPu: x2 },
      ],
    });
    const a = safeVoltageLossCoefficients(net);
    // Bus 2: v2 = v1 − 2 r1 P1 − 2 x1 Q1 + z1 ℓ1 with P1 = P̂1 + r1 ℓ1 + r2 ℓ2, so v̂2 = v2 + z1 ℓ1 + 2(r1 r2 + x1 x2) ℓ2.
    // Bus 3 adds the drop on branch 2: v̂3 = v3 + z1 ℓ1 + (2(r1 r2 + x1 x2) + z2) ℓ2.
    const z1 = r1 * r1 + x1 * x1;
    const z2 = r2 * r2 + x2 * x2;
    const m12 = 2 * (r1 * r2 + x1 * x2);
    expect(a[0].branches.length).toBe(0);
    expect(Array.from(a[1].branches)).toEqual([0, 1]);
    expect(a[1].coefs[0]).toBeCloseTo(z1, 15);
    expect(a[1].coefs[1]).toBeCloseTo(m12, 15);
    expect(Array.from(a[2].branches)).toEqual([0, 1]);
    expect(a[2].coefs[0]).toBeCloseTo(z1, 15);
    expect(a[2].coefs[1]).toBeCloseTo(m12 + z2, 15);
  });

  // PV at the feeder's end with a low upper voltage limit: the lossless voltage limit binds at midday.
  const c = tinyCase();
  const inputs = tinyInputs({ ...c, network: { ...c.network, vMaxPu: 1.004 } });
  const net = planningNetwork(inputs);
  const decisions = [
    { built: [false, false], eKwh: [0, 0], pKw: [0, 0] },
    { built: [false, true], eKwh: [0, 800], pKw: [0, 400] },
    { built: [true, false], eKwh: [1500, 0], pKw: [500, 0] },
  ];

  /** The day with its explicit v̂ block at decision x, solved by its own cone cut loop. */
  async function explicitDay(s: number, x: (typeof decisions)[number]) {
    const sub = buildSubproblem(net, inputs.case, inputs.scenarios[s]);
    const fix = copyBounds(sub, x);
    fix.cols.forEach((col, k) => sub.model.fix(col, fix.values[k]));
    const session = await HighsSession.open(sub.model, { feasibilityTol: 1e-7 });
    try {
      const loop = runSeparationLoop(session, [coneSeparator(sub.model.cones, { tol: 1e-7 })]);
      const vHat = sub.model.varFamilies.find((f) => f.name === "vHat")!;
      let binding = 0;
      for (const b of [2, 3, 4]) for (const t of sub.day.hours) if (loop.sol.x[vHat.col(b, t)] > sub.model.colUb[vHat.col(b, t)] - 1e-7) binding++;
      return { value: loop.sol.objective, binding };
    } finally {
      session.dispose();
    }
  }

  it("a lazy day's columns and rows are the first of the explicit day's", () => {
    const lazy = buildSubproblem(net, inputs.case, inputs.scenarios[0], { safeVoltage: "lazy" }).model;
    const full = buildSubproblem(net, inputs.case, inputs.scenarios[0]).model;
    expect(full.numCols).toBeGreaterThan(lazy.numCols);
    expect(full.colLb.slice(0, lazy.numCols)).toEqual(lazy.colLb);
    expect(full.colUb.slice(0, lazy.numCols)).toEqual(lazy.colUb);
    expect(full.rowLb.slice(0, lazy.numRows)).toEqual(lazy.rowLb);
    expect(Array.from(full.rowCols.slice(0, lazy.rowCols.length))).toEqual(Array.from(lazy.rowCols));
    expect(full.objective.cols.filter((col) => col >= lazy.numCols)).toEqual([]);
  });

  it("the runner's lazy rows give the explicit day's cost at every decision, and bind where the explicit v̂ does", async () => {
    let voltageRows = 0;
    let binding = 0;
    for (const s of [0, 1]) {
      const runner = new SubproblemRunner(net, inputs.case, inputs.scenarios[s]);
      try {
        for (const x of decisions) {
          const r = await runner.evaluate(x, false, 1e-7);
          const ref = await explicitDay(s, x);
          expect(Math.abs(r.valueCny - ref.value)).toBeLessThan(1e-5 * Math.abs(ref.value));
          voltageRows += r.cuts.voltage;
          binding += ref.binding;
        }
      } finally {
        runner.dispose();
      }
    }
    // The limit binds in the explicit model, and the lazy rows were needed to meet it.
    expect(binding).toBeGreaterThan(0);
    expect(voltageRows).toBeGreaterThan(0);
  });
});
