/**
 * The planning case: every assumption of a storage-planning study in one typed, JSON-serialisable object, with a
 * validator that names the field it rejects. The committed paper case is data/cases/paper-ieee33.json; its
 * README states the source or reasoning of every value. Reading a case file is lib/cases/read-case.ts (model/ reads
 * no files).
 */
import type { Network } from "../../network/types";
import { DataValidationError } from "../../util/errors";
import { checkCaseKeys } from "./case-keys";

/** Schema tag of {@link PlanningCase}. */
export const PLANNING_CASE_SCHEMA = "evsp.planning-case.v1";

/** EV aggregate model of the flexible share. */
export type EvModelKind = "envelope" | "inner" | "exact";

/** A storage-planning case. Money in CNY (¥), energy in kWh, power in kW. */
export interface PlanningCase {
  schema: typeof PLANNING_CASE_SCHEMA;
  name: string;
  description: string;
  network: {
    /** Built-in feeder name or a MATPOWER file (relative paths: to the case file's folder). */
    case: string;
    vMinPu: number;
    vMaxPu: number;
    /** Branch ratings: each branch at `factor` × its base-case apparent power flow (see `ratings`). */
    ratingFactor: number;
    /**
     * How branches are rated (lib/network/ratings.ts). "peakLoad" (default): ratingFactor × the base-case flow;
     * "peakLoadAndPv": also never below the current of the case's PV at nameplate with no load (a line connecting
     * a plant carries its full output, the interconnection rule).
     */
    ratings?: "peakLoad" | "peakLoadAndPv";
    /** Enforce ratings as current limits in the operation model. */
    lineLimits: boolean;
    /** Largest export to the upstream grid at the substation, kW (0: no reverse flow). null: unlimited. */
    maxExportKw: number | null;
    /** Multiplier of every bus's nominal load (load growth to the planning year). */
    loadScale: number;
  };
  scenarios: {
    /** Typical days (K-Medoids). */
    k: number;
    /** Of which weekend days (clustered separately); 0 = one joint clustering. */
    kWeekend: number;
    seed: number;
    /** Calendar year of the PV/load data. */
    year: number;
  };
  pv: { bus: number; capacityKw: number }[];
  ev: {
    /** Session data set the fleets are drawn from. */
    dataset: "residential" | "acn" | "workplace" | "synthetic";
    stations: { bus: number; evCount: number }[];
    /** Share α of EVs whose charging is controllable (0…1). */
    controllable: number;
    model: EvModelKind;
    /** Charger power when a session has none, kW. */
    defaultChargerKw: number;
    /** Charging efficiency (grid → battery). */
    efficiency: number;
    seed: number;
  };
  prices: {
    /** Time-of-use energy price per hour of the day, ¥/kWh (24 values). */
    touCnyPerKwh: number[];
    /** Price paid for energy exported at the substation, ¥/kWh. */
    exportCnyPerKwh: number;
  };
  carbon: {
    /** Grid emission factor, tCO₂/MWh: the constant average factor, used for every hour without `hourlyTPerMwh`. */
    factorTPerMwh: number;
    /** Carbon price, ¥/tCO₂. */
    priceCnyPerT: number;
    /**
     * An emission factor per hour of the day (24 values, tCO₂/MWh) replacing `factorTPerMwh` hour by hour: the grid's
     * average mix by hour, or its marginal unit's (see `basis`). Absent: the constant factor.
     */
    hourlyTPerMwh?: number[];
    /** What `hourlyTPerMwh` measures: "average" (the mix's emissions per MWh) or "marginal" (the unit that moves). */
    basis?: "average" | "marginal";
    /** Where `hourlyTPerMwh` comes from, in words (reported with the carbon figures). */
    source?: string;
  };
  penalties: {
    /** Curtailed PV, ¥/kWh. */
    pvCurtailmentCnyPerKwh: number;
    /** Energy lost in branches and storage, ¥/kWh (must exceed the curtailment penalty: keeps the relaxation exact). */
    lossCnyPerKwh: number;
    /** Unserved load (recourse slack), ¥/kWh. */
    unservedCnyPerKwh: number;
  };
  balance: {
    /** Weight of the daily balance index in the objective, ¥ per day per unit of index. */
    weightCnyPerDay: number;
  };
  storage: {
    candidates: number[];
    maxSites: number;
    energyCostCnyPerKwh: number;
    powerCostCnyPerKw: number;
    fixedCostCnyPerSite: number;
    /** Yearly operation and maintenance as a share of the investment. */
    omShare: number;
    lifetimeYears: number;
    discountRate: number;
    /** Energy/power ratio bounds, hours. */
    eToPMinH: number;
    eToPMaxH: number;
    maxEnergyKwhPerSite: number;
    socMin: number;
    socMax: number;
    /** Loss fraction at rated power (virtual resistance). */
    lossR0: number;
    /** Optional investment budget, ¥ (overnight). null: none. */
    budgetCny: number | null;
  };
  upgrade: {
    /**
     * Annualised cost of feeder-head capacity, ¥ per kW per year: the value of deferring an upgrade by lowering the
     * peak import. Charged on each typical day's peak, weighted by the day's probability (see operation.ts).
     */
    costCnyPerKwYear: number;
  };
  /** Free-text provenance per field group (the README expands it). */
  notes?: Record<string, string>;
}

/** Capital recovery factor r(1+r)^n / ((1+r)^n − 1) (1/n when r = 0). */
export function capitalRecoveryFactor(rate: number, years: number): number {
  if (rate === 0) return 1 / years;
  const g = (1 + rate) ** years;
  return (rate * g) / (g - 1);
}

function num(where: string, obj: Record<string, unknown>, key: string, prefix: string, lo = -Infinity, hi = Infinity): number {
  const v = obj[key];
  if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi) {
    throw new DataValidationError(where, `must be a number in [${lo}, ${hi}], got ${JSON.stringify(v)}`, { field: `${prefix}.${key}` });
  }
  return v;
}

function int(where: string, o: Record<string, unknown>, key: string, prefix: string): void {
  if (!Number.isInteger(o[key])) throw new DataValidationError(where, `must be a whole number, got ${JSON.stringify(o[key])}`, { field: `${prefix}.${key}` });
}

/** The session data sets a case may draw its fleets from. */
const EV_DATASETS = ["residential", "acn", "workplace", "synthetic"];

function obj(where: string, x: unknown, field: string): Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) throw new DataValidationError(where, "must be an object", { field });
  return x as Record<string, unknown>;
}

/**
 * Checks a parsed case and returns it typed.
 * @throws DataValidationError naming the first bad field.
 */
export function validatePlanningCase(x: unknown): PlanningCase {
  const w = "validatePlanningCase";
  const c = obj(w, x, "(case)");
  if (c.schema !== PLANNING_CASE_SCHEMA) throw new DataValidationError(w, `schema must be "${PLANNING_CASE_SCHEMA}"`, { field: "schema" });
  checkCaseKeys(w, c);
  for (const k of ["name", "description"]) if (typeof c[k] !== "string") throw new DataValidationError(w, "must be a string", { field: k });
  const net = obj(w, c.network, "network");
  if (typeof net.case !== "string" || net.case === "") throw new DataValidationError(w, "must be a built-in feeder name or a MATPOWER file", { field: "network.case" });
  if (typeof net.lineLimits !== "boolean") throw new DataValidationError(w, "must be true or false", { field: "network.lineLimits" });
  num(w, net, "vMinPu", "network", 0.5, 1.5);
  num(w, net, "vMaxPu", "network", (net.vMinPu as number) + 1e-6, 1.5);
  num(w, net, "ratingFactor", "network", 0.1, 100);
  if (net.ratings !== undefined && net.ratings !== "peakLoad" && net.ratings !== "peakLoadAndPv") {
    throw new DataValidationError(w, `must be "peakLoad" or "peakLoadAndPv", got ${JSON.stringify(net.ratings)}`, { field: "network.ratings" });
  }
  num(w, net, "loadScale", "network", 0, 100);
  if (net.maxExportKw !== null) num(w, net, "maxExportKw", "network", 0);
  const sc = obj(w, c.scenarios, "scenarios");
  num(w, sc, "k", "scenarios", 1, 366);
  num(w, sc, "kWeekend", "scenarios", 0, (sc.k as number) - 1);
  int(w, sc, "k", "scenarios");
  int(w, sc, "kWeekend", "scenarios");
  int(w, sc, "seed", "scenarios");
  int(w, sc, "year", "scenarios");
  if (!Array.isArray(c.pv)) throw new DataValidationError(w, "must be a list", { field: "pv" });
  (c.pv as unknown[]).forEach((p, i) => {
    const o = obj(w, p, `pv[${i}]`);
    num(w, o, "bus", `pv[${i}]`, 1);
    num(w, o, "capacityKw", `pv[${i}]`, 0);
    int(w, o, "bus", `pv[${i}]`);
  });
  const ev = obj(w, c.ev, "ev");
  if (!EV_DATASETS.includes(ev.dataset as string)) throw new DataValidationError(w, `must be one of ${EV_DATASETS.join(", ")}`, { field: "ev.dataset" });
  int(w, ev, "seed", "ev");
  num(w, ev, "controllable", "ev", 0, 1);
  num(w, ev, "efficiency", "ev", 0.01, 1);
  num(w, ev, "defaultChargerKw", "ev", 0.01);
  if (!["envelope", "inner", "exact"].includes(ev.model as string)) throw new DataValidationError(w, "must be envelope, inner or exact", { field: "ev.model" });
  if (!Array.isArray(ev.stations)) throw new DataValidationError(w, "must be a list", { field: "ev.stations" });
  (ev.stations as unknown[]).forEach((s, i) => {
    const o = obj(w, s, `ev.stations[${i}]`);
    num(w, o, "bus", `ev.stations[${i}]`, 1);
    num(w, o, "evCount", `ev.stations[${i}]`, 0);
    int(w, o, "bus", `ev.stations[${i}]`);
    int(w, o, "evCount", `ev.stations[${i}]`);
  });
  const pr = obj(w, c.prices, "prices");
  if (!Array.isArray(pr.touCnyPerKwh) || pr.touCnyPerKwh.length !== 24 || pr.touCnyPerKwh.some((v) => typeof v !== "number" || !(v >= 0))) {
    throw new DataValidationError(w, "must be 24 non-negative prices", { field: "prices.touCnyPerKwh" });
  }
  num(w, pr, "exportCnyPerKwh", "prices", 0);
  checkCarbon(w, obj(w, c.carbon, "carbon"));
  const pe = obj(w, c.penalties, "penalties");
  for (const k of ["pvCurtailmentCnyPerKwh", "lossCnyPerKwh", "unservedCnyPerKwh"]) num(w, pe, k, "penalties", 0);
  if ((pe.lossCnyPerKwh as number) <= (pe.pvCurtailmentCnyPerKwh as number)) {
    throw new DataValidationError(w, "must exceed penalties.pvCurtailmentCnyPerKwh, or the relaxation may burn energy instead of curtailing", { field: "penalties.lossCnyPerKwh" });
  }
  num(w, obj(w, c.balance, "balance"), "weightCnyPerDay", "balance", 0);
  const st = obj(w, c.storage, "storage");
  if (!Array.isArray(st.candidates)) throw new DataValidationError(w, "must be a list of 1-based bus numbers", { field: "storage.candidates" });
  if (st.candidates.length === 0) throw new DataValidationError(w, "must name at least one candidate bus (an empty list leaves nothing to plan)", { field: "storage.candidates" });
  (st.candidates as unknown[]).forEach((b, i) => {
    if (!Number.isInteger(b) || (b as number) < 1) throw new DataValidationError(w, `must be a 1-based bus number, got ${JSON.stringify(b)}`, { field: `storage.candidates[${i}]` });
    const first = (st.candidates as unknown[]).indexOf(b);
    if (first < i) throw new DataValidationError(w, `bus ${b} is a candidate twice (also storage.candidates[${first}])`, { field: `storage.candidates[${i}]` });
  });
  num(w, st, "maxSites", "storage", 1);
  int(w, st, "maxSites", "storage");
  for (const k of ["energyCostCnyPerKwh", "powerCostCnyPerKw", "fixedCostCnyPerSite", "omShare", "discountRate", "maxEnergyKwhPerSite"]) num(w, st, k, "storage", 0);
  num(w, st, "lifetimeYears", "storage", 1);
  num(w, st, "eToPMinH", "storage", 0);
  num(w, st, "eToPMaxH", "storage", st.eToPMinH as number);
  num(w, st, "socMin", "storage", 0, 1);
  num(w, st, "socMax", "storage", (st.socMin as number) + 1e-6, 1);
  num(w, st, "lossR0", "storage", 1e-6, 0.99);
  if (st.budgetCny !== null) num(w, st, "budgetCny", "storage", 0);
  num(w, obj(w, c.upgrade, "upgrade"), "costCnyPerKwYear", "upgrade", 0);
  return c as unknown as PlanningCase;
}

/**
 * Checks the case's bus numbers against its feeder: every PV plant, EV station and storage candidate on a bus of the
 * network, and no PV plant or storage candidate on the slack bus (the substation, whose injection the upstream grid
 * balances: a plant or a battery there would do nothing in the model).
 * @throws DataValidationError naming the field (`storage.candidates[0]`, `ev.stations[1].bus`, `pv[2].bus`).
 */
export function checkCaseBuses(c: PlanningCase, net: Network, where = "checkCaseBuses"): void {
  const n = net.buses.length;
  const sites: { field: string; bus: number; slackAllowed: boolean }[] = [
    ...c.pv.map((p, i) => ({ field: `pv[${i}].bus`, bus: p.bus, slackAllowed: false })),
    ...c.ev.stations.map((s, i) => ({ field: `ev.stations[${i}].bus`, bus: s.bus, slackAllowed: true })),
    ...c.storage.candidates.map((b, i) => ({ field: `storage.candidates[${i}]`, bus: b, slackAllowed: false })),
  ];
  for (const { field, bus, slackAllowed } of sites) {
    if (!(bus >= 1 && bus <= n)) throw new DataValidationError(where, `bus ${bus} is not a bus of ${net.name} (1…${n})`, { field });
    if (!slackAllowed && bus === net.slackBus) throw new DataValidationError(where, `bus ${bus} is the slack bus (substation) of ${net.name}: put it on another bus`, { field });
  }
}

/** The carbon block: factor and price ≥ 0; hourly factors, when given, 24 of them ≥ 0 with their basis and source. */
function checkCarbon(w: string, ca: Record<string, unknown>): void {
  num(w, ca, "factorTPerMwh", "carbon", 0);
  num(w, ca, "priceCnyPerT", "carbon", 0);
  if (ca.hourlyTPerMwh !== undefined) {
    const h = ca.hourlyTPerMwh;
    if (!Array.isArray(h) || h.length !== 24 || h.some((v) => typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))) throw new DataValidationError(w, "must be 24 non-negative emission factors (tCO₂/MWh), one per hour of the day", { field: "carbon.hourlyTPerMwh" });
    if (ca.basis !== "average" && ca.basis !== "marginal") throw new DataValidationError(w, `must say what the hourly factors measure: "average" or "marginal", got ${JSON.stringify(ca.basis)}`, { field: "carbon.basis" });
    if (typeof ca.source !== "string" || ca.source.trim() === "") throw new DataValidationError(w, "must name where the hourly factors come from", { field: "carbon.source" });
  } else if (ca.basis !== undefined || ca.source !== undefined) {
    throw new DataValidationError(w, "basis and source describe carbon.hourlyTPerMwh, which is absent", { field: ca.basis !== undefined ? "carbon.basis" : "carbon.source" });
  }
}

/** The emission factor of hour `t` of the day, tCO₂/MWh: the hourly profile's, else the constant factor. */
export function carbonFactorAt(c: Pick<PlanningCase, "carbon">, t: number): number {
  return c.carbon.hourlyTPerMwh?.[t] ?? c.carbon.factorTPerMwh;
}

/** How the case counts carbon, in words (the KPIs and the report say it with the carbon figures). */
export function carbonBasis(c: Pick<PlanningCase, "carbon">): string {
  const ca = c.carbon;
  if (!ca.hourlyTPerMwh) return `constant average factor ${ca.factorTPerMwh} tCO₂/MWh`;
  const lo = Math.min(...ca.hourlyTPerMwh);
  const hi = Math.max(...ca.hourlyTPerMwh);
  return `hourly ${ca.basis} factors ${lo}–${hi} tCO₂/MWh (${ca.source})`;
}
