/**
 * The per-unit system, in ONE place. Bases: power `baseMva` (three-phase), voltage `baseKv` (line-to-line).
 * zBase = baseKv² / baseMva (ohm), iBase = baseMva / (√3 · baseKv) (kA), 1 pu power = 1000 · baseMva kW.
 * Every conversion of the toolkit between physical units and per unit goes through these functions.
 */
import { ArgumentError } from "../util/errors";

/** The two bases that define a per-unit system. */
export interface PerUnitBase {
  /** Three-phase power base in MVA. */
  baseMva: number;
  /** Line-to-line voltage base in kV. */
  baseKv: number;
}

function checkBase(where: string, base: PerUnitBase): void {
  if (!(base.baseMva > 0) || !Number.isFinite(base.baseMva)) {
    throw new ArgumentError(where, `baseMva must be a positive number, got ${base.baseMva}`);
  }
  if (!(base.baseKv > 0) || !Number.isFinite(base.baseKv)) {
    throw new ArgumentError(where, `baseKv must be a positive number, got ${base.baseKv}`);
  }
}

/**
 * Impedance base in ohm: kV² / MVA.
 * @example zBaseOhm({ baseMva: 10, baseKv: 12.66 }) // 16.02756
 */
export function zBaseOhm(base: PerUnitBase): number {
  checkBase("zBaseOhm", base);
  return (base.baseKv * base.baseKv) / base.baseMva;
}

/** Current base in ampere: MVA / (√3 · kV) · 1000. */
export function iBaseA(base: PerUnitBase): number {
  checkBase("iBaseA", base);
  return (base.baseMva / (Math.sqrt(3) * base.baseKv)) * 1000;
}

/** Ohm → per unit. */
export function ohmToPu(zOhm: number, base: PerUnitBase): number {
  return zOhm / zBaseOhm(base);
}

/** Per unit → ohm. */
export function puToOhm(zPu: number, base: PerUnitBase): number {
  return zPu * zBaseOhm(base);
}

/** kW (or kVAr, kVA) → per unit of the power base. */
export function kwToPu(kw: number, base: Pick<PerUnitBase, "baseMva">): number {
  return kw / (1000 * base.baseMva);
}

/** Per unit → kW (or kVAr, kVA). */
export function puToKw(pu: number, base: Pick<PerUnitBase, "baseMva">): number {
  return pu * 1000 * base.baseMva;
}

/** kW per 1 pu of power: multiply a per-unit power by it to get kW. */
export function kwPerPu(base: Pick<PerUnitBase, "baseMva">): number {
  return 1000 * base.baseMva;
}
