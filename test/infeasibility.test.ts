/**
 * Infeasibility is diagnosed, not just reported (issue 19): an infeasible OPF or planning day throws an
 * InfeasibleError whose `binding` names the limits that must give — bus/branch, hour, amount in physical units —
 * found by an elastic re-solve (lib/model/elastic.ts, lib/solve/diagnose.ts). Amounts are checked against
 * independent computations: DistFlow solved by hand on 2- and 3-bus feeders, the AC power flow on the IEEE 33-bus.
 */
import { buildSubproblem, createNetwork, evFlexFromSession, HighsSession, ieee33, LinExpr, Model, networkInput, noStorage, powerFlow, solveBenders, solveExtensive, solveModel, solveOpf, SubproblemRunner, withControllableShare } from "../lib";
import { copyBounds } from "../lib/model/planning/subproblem";
import type { Network, PlanningInputs } from "../lib";
import { buildProgram } from "../lib/cli/program";
import "../lib/cli/commands/opf";
import { fromWorkerFailure, toWorkerFailure } from "../lib/decomposition/worker-errors";
import { buildElastic } from "../lib/model/elastic";
import { operationDayLimits, VOLTAGE_FLOOR_PU } from "../lib/model/limit-families";
import { diagnoseInfeasibility } from "../lib/solve/diagnose";
import { DataValidationError, InfeasibleError } from "../lib/util/errors";
import { tinyCase } from "./planning-fixtures";

/** A radial chain 1 → 2 → … with the given branch impedances (pu on 1 MVA, 10 kV) and loads at buses 2 …. */
function chain(z: { r: number; x: number }[], loads: { pKw: number; qKvar: number }[], vMinPu: number): Network {
  return createNetwork({
    name: `chain${z.length + 1}`,
    baseMva: 1,
    baseKv: 10,
    slackBus: 1,
    buses: [{ bus: 1 }, ...loads.map((l, k) => ({ bus: k + 2, pLoadKw: l.pKw, qLoadKvar: l.qKvar, vMinPu, vMaxPu: 1.1 }))],
    branches: z.map((b, k) => ({ fromBus: k + 1, toBus: k + 2, rPu: b.r, xPu: b.x })),
  });
}

/**
 * DistFlow of a chain solved by hand (fixed point on the branch equations, V1 = 1): per branch i → i+1,
 * P_i = p_{i+1} + P_{i+1} + r ℓ_i, Q likewise, ℓ_i = (P_i² + Q_i²) / v_i, v_{i+1} = v_i − 2(r P + x Q) + (r² + x²) ℓ.
 * Returns |V| per bus (bus 1 first) and ℓ per branch (pu²).
 */
function chainFlow(z: { r: number; x: number }[], loads: { pKw: number; qKvar: number }[]): { vPu: number[]; l: number[] } {
  const n = z.length;
  const p = loads.map((l) => l.pKw / 1000);
  const q = loads.map((l) => l.qKvar / 1000);
  const v = new Array(n + 1).fill(1);
  const l = new Array(n).fill(0);
  for (let it = 0; it < 200; it++) {
    const P = new Array(n).fill(0);
    const Q = new Array(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      P[i] = p[i] + (i + 1 < n ? P[i + 1] : 0) + z[i].r * l[i];
      Q[i] = q[i] + (i + 1 < n ? Q[i + 1] : 0) + z[i].x * l[i];
    }
    for (let i = 0; i < n; i++) {
      l[i] = (P[i] ** 2 + Q[i] ** 2) / v[i];
      v[i + 1] = v[i] - 2 * (z[i].r * P[i] + z[i].x * Q[i]) + (z[i].r ** 2 + z[i].x ** 2) * l[i];
    }
  }
  return { vPu: v.map(Math.sqrt), l };
}

async function infeasible(p: Promise<unknown>): Promise<InfeasibleError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof InfeasibleError) return err;
    throw err;
  }
  throw new Error("expected an InfeasibleError, the call succeeded");
}


/** |V2|² of a two-bus feeder with V1 = 1 and receiving-end load P + jQ (pu): the larger root of the biquadratic. */
function v2Squared(r: number, x: number, p: number, q: number): number {
  const b = 1 - 2 * (r * p + x * q);
  return (b + Math.sqrt(b * b - 4 * (r * r + x * x) * (p * p + q * q))) / 2;
}

describe("InfeasibleError carries structured binding limits", () => {
  it("entries are plain data, strings become labelled entries, the message lists the top five", () => {
    const entries = Array.from({ length: 7 }, (_, k) => ({ family: "vMin", label: `bus ${k + 2}, hour 0: ${0.01 * (7 - k)} pu below vMin 0.9 pu`, bus: k + 2, hour: 0, amount: 0.01 * (7 - k), unit: "pu", limit: 0.9 }));
    const err = new InfeasibleError("solveOpf", "opf", "no operating point", entries);
    expect(JSON.parse(JSON.stringify(err.binding))).toEqual(entries);
    expect(err.message).toContain("bus 2, hour 0: 0.07 pu below vMin 0.9 pu");
    expect(err.message).toContain("bus 6, hour 0");
    expect(err.message).not.toContain("bus 7, hour 0");
    expect(err.message).toContain("… and 2 more");
    expect(err.reason).toBe("no operating point");
    const old = new InfeasibleError("f", "m", "the model is infeasible", ["vMin bus 18"]);
    expect(old.binding).toEqual([{ family: "limit", label: "vMin bus 18" }]);
    expect(old.bindingLabels).toEqual(["vMin bus 18"]);
    expect(old.message).toBe("f: the model is infeasible [model m]; binding: vMin bus 18");
  });
});

describe("the elastic model (solver-neutral)", () => {
  it("relaxes a column bound through a new row, keeps the base model, and finds the cheaper relaxation", async () => {
    // x ≤ 1 (column bound) and x ≥ 3 (row): relaxing the bound costs 1 per unit, the row 2 per unit.
    const m = new Model("tiny");
    const x = m.addVar("x", { ub: 1 });
    const row = m.ge("need", [], new LinExpr().add(x), 3);
    await expect(solveModel(m)).rejects.toThrow(InfeasibleError);
    const e = buildElastic(m, [
      { family: "cap", keys: [], weight: 1, bounds: [{ col: x, side: "ub" }] },
      { family: "need", keys: [], weight: 2, bounds: [{ row, side: "lb" }] },
    ]);
    const sol = await solveModel(e.model);
    expect(sol.x[e.slackCols[0]]).toBeCloseTo(2, 9);
    expect(sol.x[e.slackCols[1]]).toBeCloseTo(0, 9);
    expect(m.colUb[x]).toBe(1);
    expect(m.numCols).toBe(1);
    // With the row cheaper, the row gives; a slack in a row's terms keeps the row's bounds.
    const e2 = buildElastic(m, [
      { family: "cap", keys: [], weight: 3, bounds: [{ col: x, side: "ub" }] },
      { family: "need", keys: [], weight: 2, terms: [{ row, coef: 4 }] },
    ]);
    const sol2 = await solveModel(e2.model);
    expect(sol2.x[e2.slackCols[1]]).toBeCloseTo(0.5, 9); // x = 1, 1 + 4 s ≥ 3
    expect(sol2.x[e2.slackCols[0]]).toBeCloseTo(0, 9);
  });
});

describe("an infeasible OPF names the limits that must give", () => {
  it("two-bus feeder: the shortfall below vMin is the closed-form voltage's", async () => {
    const r = 0.05;
    const x = 0.08;
    const net = chain([{ r, x }], [{ pKw: 900, qKvar: 400 }], 0.95);
    const err = await infeasible(solveOpf(net));
    const vHand = Math.sqrt(v2Squared(r, x, 0.9, 0.4));
    expect(vHand).toBeLessThan(0.95);
    expect(err.where).toBe("solveOpf");
    expect(err.binding).toHaveLength(1);
    expect(err.binding[0]).toMatchObject({ family: "vMin", bus: 2, hour: 0, unit: "pu", limit: 0.95 });
    expect(err.binding[0].amount).toBeCloseTo(0.95 - vHand, 7);
    expect(err.message).toMatch(/bus 2, hour 0: 0\.\d+ pu below vMin 0\.95 pu/);
  });

  it("three-bus feeder: both shortfalls match DistFlow solved by hand, the far end first", async () => {
    const z = [{ r: 0.03, x: 0.05 }, { r: 0.04, x: 0.04 }];
    const loads = [{ pKw: 400, qKvar: 200 }, { pKw: 500, qKvar: 250 }];
    const vMin = 0.96;
    const hand = chainFlow(z, loads).vPu;
    expect(hand[1]).toBeLessThan(vMin);
    expect(hand[2]).toBeLessThan(hand[1]);
    const err = await infeasible(solveOpf(chain(z, loads, vMin)));
    expect(err.binding.map((b) => b.bus)).toEqual([3, 2]);
    expect(err.binding[0].amount).toBeCloseTo(vMin - hand[2], 6);
    expect(err.binding[1].amount).toBeCloseTo(vMin - hand[1], 6);
  });

  it("IEEE 33-bus at 2.5× load: the buses below vMin and their shortfalls are the AC power flow's", async () => {
    const net = ieee33();
    const err = await infeasible(solveOpf(net, { loadScale: 2.5 }));
    const pf = powerFlow(net, { loadScale: 2.5 });
    const below = pf.buses.filter((b) => b.vPu < 0.9);
    expect(new Set(err.binding.map((b) => b.bus))).toEqual(new Set(below.map((b) => b.bus)));
    for (const b of err.binding) {
      expect(b.family).toBe("vMin");
      expect(b.amount).toBeCloseTo(0.9 - pf.buses[b.bus! - 1].vPu, 5);
    }
    expect(err.binding[0].bus).toBe(18);
  });

  it("evsp opf --load-scale 10 --json: the load the feeder cannot carry, then the far-end buses below vMin (JSON error)", async () => {
    let stdout = "";
    const so = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    try {
      await buildProgram().parseAsync(["node", "evsp", "opf", "--load-scale", "10", "--json"]);
    } finally {
      so.mockRestore();
    }
    expect(stdout).toContain("INFEASIBLE");
    expect(process.exitCode).toBe(4);
    process.exitCode = undefined;
    const { error } = JSON.parse(stdout.trim()) as { error: { code: string; message: string; binding: InfeasibleError["binding"] } };
    expect(error.code).toBe("INFEASIBLE");
    expect(error.message).toMatch(/at least [\d.]+ kW of fixed load must go unserved/);
    const load = error.binding.filter((b) => b.family === "load");
    const vMin = error.binding.filter((b) => b.family === "vMin");
    expect(load.length).toBeGreaterThan(0);
    for (const bus of [18, 33]) expect(vMin.map((b) => b.bus)).toContain(bus);
    for (const b of vMin) expect(b.amount!).toBeLessThanOrEqual(0.9 - VOLTAGE_FLOOR_PU + 1e-6);
    // The load left unserved is enough: the rest flows (AC power flow) with every voltage above the floor.
    const net = ieee33();
    const kept = net.buses.map((b) => 10 * b.pLoadKw - load.filter((l) => l.bus === b.bus).reduce((a, l) => a + l.amount!, 0));
    const pf = powerFlow(createNetwork({ ...networkInput(net), buses: networkInput(net).buses.map((b, k) => ({ ...b, pLoadKw: kept[k], qLoadKvar: (10 * (b.qLoadKvar ?? 0) * kept[k]) / Math.max(10 * (b.pLoadKw ?? 0), 1e-12) })) }));
    expect(pf.vMinPu).toBeGreaterThan(VOLTAGE_FLOOR_PU - 1e-4);
  });

  it("a feasible OPF pays for no diagnosis: one solver session; an infeasible one opens more", async () => {
    const open = vi.spyOn(HighsSession, "open");
    try {
      await solveOpf(ieee33());
      expect(open).toHaveBeenCalledTimes(1);
      await infeasible(solveOpf(ieee33(), { loadScale: 2.5 }));
      expect(open.mock.calls.length).toBeGreaterThan(2);
    } finally {
      open.mockRestore();
    }
  });
});

/**
 * A planning day that no recourse can operate: 4-bus chain, a 100 kVA rating on branch 3 (3 → 4) and an uncontrolled
 * 150 kW charger at bus 4 from 18:00 (300 kWh: hours 18 and 19 at full power). Base load may be shed, the charger not.
 */
function chargerInputs(controllable = 0, departureH = 23): PlanningInputs {
  const c = tinyCase();
  const cs = { ...c, pv: [], network: { ...c.network, lineLimits: true }, ev: { ...c.ev, controllable } };
  const net = createNetwork({
    name: "tiny-rated",
    baseMva: 1,
    baseKv: 10,
    slackBus: 1,
    buses: [{ bus: 1 }, { bus: 2, pLoadKw: 200, qLoadKvar: 80 }, { bus: 3, pLoadKw: 300, qLoadKvar: 120 }, { bus: 4, pLoadKw: 200, qLoadKvar: 80 }].map((b) => ({ ...b, vMinPu: 0.9, vMaxPu: 1.05 })),
    branches: [
      { fromBus: 1, toBus: 2, rPu: 0.01, xPu: 0.02, rateKva: 5000 },
      { fromBus: 2, toBus: 3, rPu: 0.015, xPu: 0.02, rateKva: 5000 },
      { fromBus: 3, toBus: 4, rPu: 0.02, xPu: 0.02, rateKva: 100 },
    ],
  });
  const ev = evFlexFromSession({ sessionId: "fast", arrivalH: 18, departureH, chargerKw: 150, energyKwh: 300 } as never, { slots: 24, dtH: 1 });
  const loadPu = Array.from({ length: 24 }, () => 0.8);
  return withControllableShare(
    {
      case: cs,
      network: networkInput(net),
      scenarios: [{ id: "S1", date: "2019-06-01", dayType: "weekday", probability: 1, loadPu, pv: [], ev: [{ bus: 4, evs: [ev], flexibleIndex: [] }] }],
      source: { scenarios: "hand-made", sessions: "hand-made", synthetic: true },
    },
    cs.ev.controllable,
  );
}

describe("an infeasible planning day names the day and its limits", () => {
  it("SubproblemRunner: the line overload at the charger's hours matches DistFlow by hand (base load shed, the charger kept)", async () => {
    const inputs = chargerInputs();
    const net = createNetwork(inputs.network);
    const runner = new SubproblemRunner(net, inputs.case, inputs.scenarios[0]);
    let err: InfeasibleError | undefined;
    try {
      err = await infeasible(runner.evaluate(noStorage(inputs)));
    } finally {
      runner.dispose();
    }
    expect(err.where).toBe("SubproblemRunner(S1)");
    expect(err.message).toContain("scenario day S1 cannot be operated");
    // Both hours overload by the same amount (the same load), in either order.
    expect(err.binding.map((b) => [b.family, b.branch, b.hour, b.scenario]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual([
      ["line", 3, 18, "S1"],
      ["line", 3, 19, "S1"],
    ]);
    // By hand: the active base load is shed (free in the diagnosis, and it raises v3), its reactive part stays.
    const z = [{ r: 0.01, x: 0.02 }, { r: 0.015, x: 0.02 }, { r: 0.02, x: 0.02 }];
    const hand = chainFlow(z, [{ pKw: 0, qKvar: 80 * 0.8 }, { pKw: 0, qKvar: 120 * 0.8 }, { pKw: 150, qKvar: 80 * 0.8 }]);
    const overKva = Math.sqrt(hand.l[2]) * 1000 - 100;
    for (const b of err.binding) {
      expect(b.unit).toBe("kVA");
      expect(b.amount).toBeCloseTo(overKva, 4);
      expect(b.label).toMatch(/^day S1, branch 3, hour 1[89]: [\d.]+ kVA over the rating 100 kVA of branch 3→4/);
    }
  });

  it("Benders: a plan whose day is infeasible says which day and which limits", async () => {
    const err = await infeasible(solveBenders(chargerInputs(), { workers: 0, maxIterations: 2 }));
    expect(err.where).toBe("solveBenders");
    expect(err.message).toContain("the plan is infeasible: scenario day S1 cannot be operated");
    expect(err.binding.map((b) => `${b.family} ${b.branch} ${b.hour} ${b.scenario}`).sort()).toEqual(["line 3 18 S1", "line 3 19 S1"]);
  });

  it("extensive form: when no siting the case allows relieves the day, the error names the day and its limits without storage", async () => {
    // Storage upstream of the rated line (buses 2, 3) cannot relieve it: the extensive form is infeasible.
    const inputs = chargerInputs();
    const c = { ...inputs.case, storage: { ...inputs.case.storage, candidates: [2, 3] } };
    const err = await infeasible(solveExtensive({ ...inputs, case: c }));
    expect(err.where).toBe("solveExtensive");
    expect(err.message).toMatch(/no siting is feasible.*scenario day S1 is infeasible without storage/);
    expect(err.binding.map((b) => `${b.family} ${b.branch} ${b.hour} ${b.scenario}`).sort()).toEqual(["line 3 18 S1", "line 3 19 S1"]);
  });

  it("EV energy: when only the EVs may give, the shortfall is the energy the rated line cannot deliver in their window (by hand)", async () => {
    // Flexible EV plugged in 18:00–20:00 (300 kWh, 150 kW): the 100 kVA line 3 → 4 delivers less each hour.
    const inputs = chargerInputs(1, 20);
    const net = createNetwork(inputs.network);
    const sub = buildSubproblem(net, inputs.case, inputs.scenarios[0]);
    const fix = copyBounds(sub, noStorage(inputs));
    fix.cols.forEach((col, k) => sub.model.fix(col, fix.values[k]));
    await expect(solveModel(sub.model)).rejects.toThrow(InfeasibleError);
    const evOnly = operationDayLimits(sub.model, net, sub.day).filter((l) => l.family === "evEnergy");
    expect(evOnly).toHaveLength(1);
    const d = await diagnoseInfeasibility(sub.model, evOnly, [], { scenario: "S1" });
    expect(d.tier).toBe("limits");
    // By hand: with the line at its rating (ℓ = 0.1² pu), the most bus 4 can draw is P4 = √(v3 ℓ − (q4 + x ℓ)²) − r ℓ,
    // v3 from the chain's DistFlow with only that draw and the reactive loads (the active base load shed).
    const z = [{ r: 0.01, x: 0.02 }, { r: 0.015, x: 0.02 }, { r: 0.02, x: 0.02 }];
    const l = 0.01;
    const q = [80, 120, 80].map((kvar) => (kvar * 0.8) / 1000);
    let p4 = 0;
    for (let it = 0; it < 100; it++) {
      const v3 = chainFlow(z, [{ pKw: 0, qKvar: q[0] * 1000 }, { pKw: 0, qKvar: q[1] * 1000 }, { pKw: p4 * 1000, qKvar: q[2] * 1000 }]).vPu[2] ** 2;
      p4 = Math.sqrt(v3 * l - (q[2] + z[2].x * l) ** 2) - z[2].r * l;
    }
    expect(d.binding).toHaveLength(1);
    expect(d.binding[0]).toMatchObject({ family: "evEnergy", bus: 4, scenario: "S1", unit: "kWh", limit: 300 });
    expect(d.binding[0].amount).toBeCloseTo(300 - 2 * p4 * 1000, 3);
    expect(d.binding[0].label).toMatch(/^day S1, bus 4: EVs of station ev-b4 [\d.]+ kWh short of the 300 kWh they need$/);
  });

  it("a typed error crosses a worker thread with its class and fields (the structured clone alone keeps only the message)", () => {
    const err = new InfeasibleError("SubproblemRunner(S1)", "sub-S1", "day S1 cannot be operated", [{ family: "line", label: "day S1, branch 3, hour 18: 60 kVA over", branch: 3, hour: 18, scenario: "S1", amount: 60, unit: "kVA" }]);
    const plain = structuredClone(err) as unknown as Record<string, unknown>;
    expect(plain.binding).toBeUndefined();
    const back = fromWorkerFailure(structuredClone(toWorkerFailure(err)));
    expect(back).toBeInstanceOf(InfeasibleError);
    const inf = back as InfeasibleError;
    expect([inf.name, inf.code, inf.where, inf.model, inf.message, inf.reason]).toEqual([err.name, err.code, err.where, err.model, err.message, err.reason]);
    expect(inf.binding).toEqual(err.binding);
    expect(inf.bindingLabels).toEqual(err.bindingLabels);
    const data = fromWorkerFailure(structuredClone(toWorkerFailure(new DataValidationError("readX", "bad value", { field: "kWh", row: 3 })))) as DataValidationError;
    expect(data).toBeInstanceOf(DataValidationError);
    expect([data.field, data.row, data.code]).toEqual(["kWh", 3, "DATA_VALIDATION"]);
    const plainError = new RangeError("x");
    expect(fromWorkerFailure(toWorkerFailure(plainError))).toBe(plainError);
  });
});
