/**
 * The operated day hands back what it built — its branch and storage cones, its balance index — so that results are
 * read through those handles rather than rebuilt from family names and formulas (issue 20, item 3).
 */
import { describe, expect, it } from "vitest";
import { addCopperPlateDay, balanceIndexOf, buildSubproblem, createRng, Model, planningNetwork } from "../lib";
import { solveModel } from "../lib/solve/solve-model";
import { tinyInputs } from "./planning-fixtures";

describe("an operated day's handles", () => {
  const inputs = tinyInputs();
  const net = planningNetwork(inputs);
  const sub = buildSubproblem(net, inputs.case, inputs.scenarios[0], { safeVoltage: "lazy" });
  const { model: m, day } = sub;
  const rng = createRng(7);
  const x = Float64Array.from({ length: m.numCols }, () => rng.next());

  it("holds every cone of the model, branch cones on ℓ and storage cones on the power capacity", () => {
    expect(day.branchCones).toHaveLength(net.branches.length * 24);
    expect(day.storage.cones).toHaveLength(inputs.case.storage.candidates.length * 24);
    expect(new Set([...day.branchCones, ...day.storage.cones])).toEqual(new Set(m.cones));
    net.branches.forEach((br, e) => day.hours.forEach((t) => expect(day.branchCones[e * 24 + t].z).toBe(day.dist.l.col(br.id, t))));
    day.storage.buses.forEach((b, j) => day.hours.forEach((t) => expect(day.storage.cones[j * 24 + t].y).toBe(day.storage.pCapCol(b))));
  });

  it("hands back its rows: the balance rows by bus, and each storage site's state-of-charge rows by bus and hour", () => {
    const rowOf = (family: string, ...keys: number[]) => m.conFamilies.get(family)!.row(...keys);
    for (const t of day.hours) {
      for (const b of net.buses) {
        expect(day.rows.balance.p(b.bus, t)).toBe(rowOf("pBalance", b.bus, t));
        expect(day.rows.balance.q(b.bus, t)).toBe(rowOf("qBalance", b.bus, t));
      }
      for (const b of day.storage.buses) {
        expect(day.storage.socRows.min(b, t)).toBe(rowOf("storage.socMin", b, t));
        expect(day.storage.socRows.max(b, t)).toBe(rowOf("storage.socMax", b, t));
      }
    }
    // the lazy day has no lossless balance rows; the day with the safe voltage as rows has them by branch
    expect(day.rows.safe).toBeUndefined();
    const full = buildSubproblem(net, inputs.case, inputs.scenarios[0]);
    for (const br of net.branches) expect(full.day.rows.safe!.p(br.id, 5)).toBe(full.model.conFamilies.get("pHatBalance")!.row(br.id, 5));
    expect(() => day.rows.balance.p(99, 0)).toThrow(/no p balance row/);
  });

  it("evaluates the balance index as balanceIndexOf does from the currents, and the cost part as its weight times it", () => {
    const iPu = day.hours.map((t) => net.branches.map((br) => Math.sqrt(x[day.dist.l.col(br.id, t)])));
    const b = day.balanceIndex.evaluate(x);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeCloseTo(balanceIndexOf(net, iPu), 12);
    expect(day.parts.balance.evaluate(x)).toBeCloseTo(inputs.case.balance.weightCnyPerDay * b, 9);
  });

  it("costs what the day's formula says (operation.ts), term by term from the solution, by hand", () => {
    const c = inputs.case;
    const s = inputs.scenarios[0];
    const kwh = 1000 * net.baseMva; // 1 pu for 1 h
    let energy = 0, carbon = 0, curtailment = 0, losses = 0, unserved = 0;
    const r = net.branches.map((br) => br.rPu);
    for (const t of day.hours) {
      energy += c.prices.touCnyPerKwh[t] * x[day.imp.col(t)] * kwh - c.prices.exportCnyPerKwh * x[day.exp.col(t)] * kwh;
      carbon += ((c.carbon.factorTPerMwh * c.carbon.priceCnyPerT) / 1000) * x[day.imp.col(t)] * kwh;
      s.pv.forEach((p, i) => (curtailment += c.penalties.pvCurtailmentCnyPerKwh * (p.availKw[t] - x[day.pv.col(i, t)] * kwh)));
      net.branches.forEach((br, e) => (losses += c.penalties.lossCnyPerKwh * r[e] * x[day.dist.l.col(br.id, t)] * kwh));
      day.storage.buses.forEach((b) => (losses += c.penalties.lossCnyPerKwh * c.storage.lossR0 * x[day.storage.w.col(b, t)] * kwh));
      for (const key of day.shed.space.tuples()) if (key[1] === t) unserved += c.penalties.unservedCnyPerKwh * x[day.shed.col(...key)] * kwh;
    }
    const peak = (c.upgrade.costCnyPerKwYear / 365) * x[day.peakKw];
    const balance = c.balance.weightCnyPerDay * balanceIndexOf(net, day.hours.map((t) => net.branches.map((br) => Math.sqrt(x[day.dist.l.col(br.id, t)]))));
    const byHand = { energy, carbon, curtailment, losses, unserved, peak, balance };
    for (const [part, v] of Object.entries(byHand)) expect(day.parts[part as keyof typeof byHand].evaluate(x)).toBeCloseTo(v, 6);
    expect(day.cost.evaluate(x)).toBeCloseTo(Object.values(byHand).reduce((a, b) => a + b, 0), 5);
  });

  it("lets the copper-plate day replace its storage cones (four tangents each) and price the storage loss", () => {
    const cp = new Model("cp");
    const cands = inputs.case.storage.candidates;
    const e = cp.addVars("e", { bus: cands }, { lb: 0 });
    const p = cp.addVars("p", { bus: cands }, { lb: 0 });
    const cost = addCopperPlateDay(cp, inputs.case, inputs.scenarios[0], { eKwh: (b) => e.col(b), pKw: (b) => p.col(b) }, "S:", net);
    expect(cp.cones).toHaveLength(0);
    expect(cp.conFamilies.get("S:cp:lossTangent")?.rows).toHaveLength(4 * cands.length * 24);
    // One unit of w at one site and hour costs lossCny · R0 · (1 pu · 1 h in kWh).
    const w = Array.from({ length: cp.numCols }, (_, col) => col).filter((col) => cp.colOwner(col).family.name === "S:cp:storage.w");
    expect(w).toHaveLength(cands.length * 24);
    const zero = new Float64Array(cp.numCols);
    const one = zero.slice();
    one[w[5]] = 1;
    expect(cost.evaluate(one) - cost.evaluate(zero)).toBeCloseTo(inputs.case.penalties.lossCnyPerKwh * inputs.case.storage.lossR0 * 1000 * net.baseMva, 9);
  });

  it("the copper-plate day is a lower bound of the operated day at the same capacities, on every typical day", async () => {
    const cands = inputs.case.storage.candidates;
    for (const s of inputs.scenarios) {
      for (const [eKwh, pKw] of [[0, 0], [800, 300], [2000, 1000]]) {
        const cp = new Model("cp");
        const e = cp.addVars("e", { bus: cands }, { lb: eKwh, ub: eKwh });
        const p = cp.addVars("p", { bus: cands }, { lb: pKw, ub: pKw });
        const cost = addCopperPlateDay(cp, inputs.case, s, { eKwh: (b) => e.col(b), pKw: (b) => p.col(b) }, "S:", net);
        cp.addObjective(cost);
        const lower = (await solveModel(cp)).objective;
        const day = buildSubproblem(net, inputs.case, s);
        for (const b of cands) {
          day.model.fix(day.copy.eKwh.col(b), eKwh);
          day.model.fix(day.copy.pKw.col(b), pKw);
        }
        const full = (await solveModel(day.model, { cones: "oa", coneTol: 1e-9 })).objective;
        expect(lower, `${s.id} at ${eKwh} kWh`).toBeLessThanOrEqual(full + 1e-6 * Math.abs(full));
        // and not a trivial one: the network's losses, limits and balance term are a small part of the day's cost
        expect(lower, `${s.id} at ${eKwh} kWh`).toBeGreaterThan(0.5 * full);
      }
    }
  });
});

