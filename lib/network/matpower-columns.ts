/**
 * Column names of MATPOWER's case format (version 2), as its `idx_bus`, `idx_brch`, `idx_gen` and `idx_cost`
 * functions return them (1-based columns). Case files destructure these, e.g.
 * `[PQ, PV, REF, NONE, BUS_I, ...] = idx_bus;`, and then use the names in unit conversions.
 * Reference: R. D. Zimmerman, C. E. Murillo-Sánchez, MATPOWER User's Manual, Appendix B (caseformat).
 */

/** Outputs of `idx_bus`, in order, with their values. */
export const IDX_BUS: ReadonlyArray<readonly [string, number]> = [
  ["PQ", 1], ["PV", 2], ["REF", 3], ["NONE", 4],
  ["BUS_I", 1], ["BUS_TYPE", 2], ["PD", 3], ["QD", 4], ["GS", 5], ["BS", 6], ["BUS_AREA", 7], ["VM", 8], ["VA", 9],
  ["BASE_KV", 10], ["ZONE", 11], ["VMAX", 12], ["VMIN", 13], ["LAM_P", 14], ["LAM_Q", 15], ["MU_VMAX", 16],
  ["MU_VMIN", 17],
];

/** Outputs of `idx_brch`, in order, with their values. */
export const IDX_BRCH: ReadonlyArray<readonly [string, number]> = [
  ["F_BUS", 1], ["T_BUS", 2], ["BR_R", 3], ["BR_X", 4], ["BR_B", 5], ["RATE_A", 6], ["RATE_B", 7], ["RATE_C", 8],
  ["TAP", 9], ["SHIFT", 10], ["BR_STATUS", 11], ["PF", 12], ["QF", 13], ["PT", 14], ["QT", 15], ["MU_SF", 16],
  ["MU_ST", 17], ["ANGMIN", 18], ["ANGMAX", 19], ["MU_ANGMIN", 20], ["MU_ANGMAX", 21],
];

/** Outputs of `idx_gen`, in order, with their values. */
export const IDX_GEN: ReadonlyArray<readonly [string, number]> = [
  ["GEN_BUS", 1], ["PG", 2], ["QG", 3], ["QMAX", 4], ["QMIN", 5], ["VG", 6], ["MBASE", 7], ["GEN_STATUS", 8],
  ["PMAX", 9], ["PMIN", 10], ["MU_PMAX", 22], ["MU_PMIN", 23], ["MU_QMAX", 24], ["MU_QMIN", 25], ["PC1", 11],
  ["PC2", 12], ["QC1MIN", 13], ["QC1MAX", 14], ["QC2MIN", 15], ["QC2MAX", 16], ["RAMP_AGC", 17], ["RAMP_10", 18],
  ["RAMP_30", 19], ["RAMP_Q", 20], ["APF", 21],
];

/** Outputs of `idx_cost`, in order, with their values. */
export const IDX_COST: ReadonlyArray<readonly [string, number]> = [
  ["PW_LINEAR", 1], ["POLYNOMIAL", 2], ["MODEL", 1], ["STARTUP", 2], ["SHUTDOWN", 3], ["NCOST", 4], ["COST", 5],
];

/** The index functions a case file may call, by name. */
export const INDEX_FUNCTIONS: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  idx_bus: IDX_BUS,
  idx_brch: IDX_BRCH,
  idx_gen: IDX_GEN,
  idx_cost: IDX_COST,
};

/** 1-based columns of `mpc.bus` the network builder reads. */
export const BUS_COL = { BUS_I: 1, BUS_TYPE: 2, PD: 3, QD: 4, GS: 5, BS: 6, VM: 8, BASE_KV: 10, VMAX: 12, VMIN: 13 } as const;
/** 1-based columns of `mpc.branch` the network builder reads. */
export const BRANCH_COL = { F_BUS: 1, T_BUS: 2, BR_R: 3, BR_X: 4, BR_B: 5, RATE_A: 6, TAP: 9, SHIFT: 10, BR_STATUS: 11 } as const;
/** 1-based columns of `mpc.gen` the network builder reads. */
export const GEN_COL = { GEN_BUS: 1, PG: 2, QG: 3, VG: 6, GEN_STATUS: 8 } as const;
