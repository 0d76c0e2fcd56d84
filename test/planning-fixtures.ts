/**
 * A tiny planning instance: a 4-bus chain, PV at the end, two typical days (sunny, cloudy), two storage candidates,
 * no export at the substation (PV beyond the load is curtailed unless stored). Small enough to enumerate.
 */
import { createNetwork, networkInput, withLineRatings, PLANNING_CASE_SCHEMA } from "../lib";
import type { PlanningCase, PlanningInputs, ScenarioDay } from "../lib";

const bell = (peak: number) => Array.from({ length: 24 }, (_, t) => Math.max(0, peak * Math.sin((Math.PI * (t - 6)) / 12)));
const loadShape = Array.from({ length: 24 }, (_, t) => 0.55 + 0.35 * Math.max(0, Math.sin((Math.PI * (t - 7)) / 15)) + (t >= 18 && t <= 21 ? 0.15 : 0));

export function tinyCase(overrides: Partial<PlanningCase["storage"]> = {}): PlanningCase {
  return {
    schema: PLANNING_CASE_SCHEMA,
    name: "tiny",
    description: "4-bus chain for tests",
    network: { case: "tiny", vMinPu: 0.9, vMaxPu: 1.05, ratingFactor: 1.5, lineLimits: false, maxExportKw: 0, loadScale: 1 },
    scenarios: { k: 2, kWeekend: 0, seed: 1, year: 2019 },
    pv: [{ bus: 4, capacityKw: 900 }],
    ev: { dataset: "synthetic", stations: [], controllable: 0.5, model: "envelope", defaultChargerKw: 7.4, efficiency: 1, seed: 1 },
    prices: { touCnyPerKwh: Array.from({ length: 24 }, (_, t) => (t < 7 || t === 23 ? 0.3 : (t >= 8 && t <= 10) || (t >= 17 && t <= 21) ? 1.05 : 0.65)), exportCnyPerKwh: 0 },
    carbon: { factorTPerMwh: 0.5703, priceCnyPerT: 60 },
    penalties: { pvCurtailmentCnyPerKwh: 0.3, lossCnyPerKwh: 0.35, unservedCnyPerKwh: 50 },
    balance: { weightCnyPerDay: 100 },
    storage: {
      candidates: [3, 4],
      maxSites: 1,
      energyCostCnyPerKwh: 300,
      powerCostCnyPerKw: 100,
      fixedCostCnyPerSite: 20000,
      omShare: 0.01,
      lifetimeYears: 10,
      discountRate: 0.05,
      eToPMinH: 1,
      eToPMaxH: 4,
      maxEnergyKwhPerSite: 2000,
      socMin: 0.1,
      socMax: 0.9,
      lossR0: 0.05,
      budgetCny: null,
      ...overrides,
    },
    upgrade: { costCnyPerKwYear: 100 },
  };
}

export function tinyInputs(c: PlanningCase = tinyCase(), vMinPu?: number): PlanningInputs {
  const net = withLineRatings(
    createNetwork({
      name: "tiny",
      baseMva: 1,
      baseKv: 10,
      slackBus: 1,
      buses: [{ bus: 1 }, { bus: 2, pLoadKw: 200, qLoadKvar: 80 }, { bus: 3, pLoadKw: 300, qLoadKvar: 120 }, { bus: 4, pLoadKw: 200, qLoadKvar: 80 }].map((b) => ({ ...b, vMinPu: vMinPu ?? 0.9, vMaxPu: 1.05 })),
      branches: [
        { fromBus: 1, toBus: 2, rPu: 0.01, xPu: 0.02 },
        { fromBus: 2, toBus: 3, rPu: 0.015, xPu: 0.02 },
        { fromBus: 3, toBus: 4, rPu: 0.02, xPu: 0.02 },
      ],
    }),
  );
  const day = (id: string, probability: number, pvPeak: number): ScenarioDay => ({
    id,
    date: "2019-06-01",
    dayType: "weekday",
    probability,
    loadPu: loadShape.slice(),
    pv: c.pv.map((p) => ({ bus: p.bus, availKw: bell(pvPeak).map((u) => u * p.capacityKw) })),
    ev: [],
  });
  const caseFor = vMinPu === undefined ? c : { ...c, network: { ...c.network, vMinPu } };
  return { case: caseFor, network: networkInput(net), scenarios: [day("S1", 0.6, 1.0), day("S2", 0.4, 0.35)], source: { scenarios: "hand-made", sessions: "none", synthetic: true } };
}
