/**
 * From MATPOWER matrices to the typed {@link Network}, and loading feeders by name or file.
 */
import * as fs from "fs";
import * as path from "path";
import { projectDataDir } from "../io/paths";
import { readDecodedFile } from "../io/text-encoding";
import { ArgumentError, DataValidationError, NetworkError } from "../util/errors";
import { createNetwork, type BranchInput, type BusInput } from "./create";
import { parseMatpower, type MatpowerCase } from "./matpower";
import { BRANCH_COL, BUS_COL, GEN_COL } from "./matpower-columns";
import type { Network } from "./types";

/** Options of {@link networkFromMatpower}. */
export interface NetworkFromMatpowerOptions {
  /** Network name; default the case's function name. */
  name?: string;
}

/**
 * Converts a parsed MATPOWER case into a validated radial {@link Network}.
 *
 * MATPOWER units → network units: Pd, Qd (MW, MVAr) × 1000 → kW, kVAr; r, x (pu on baseMVA and the bus baseKV)
 * → per unit unchanged and ohm = pu × kV² / MVA; RATE_A (MVA) × 1000 → kVA (0 = unlimited → no rating). The slack
 * is the single bus of type 3 (REF); its voltage is the set point VG of its in-service generator (else VM).
 * @throws NetworkError when there is no REF bus or more than one, a PV bus (type 2) or isolated bus (type 4), an
 *   in-service generator away from the slack, bus shunts (GS, BS), line charging (BR_B), transformers (TAP, SHIFT),
 *   a negative or missing RATE_A, a BR_STATUS other than 0 or 1, buses with different base voltages, or any failure
 *   of {@link createNetwork}'s checks.
 */
export function networkFromMatpower(mpc: MatpowerCase, options: NetworkFromMatpowerOptions = {}): Network {
  const { name = mpc.name } = options;
  const where = `networkFromMatpower(${name})`;
  const col = (row: number[], c: number) => row[c - 1];
  const refs = mpc.bus.filter((r) => col(r, BUS_COL.BUS_TYPE) === 3).map((r) => col(r, BUS_COL.BUS_I));
  if (refs.length === 0) throw new NetworkError(where, "no slack bus: no bus has type 3 (REF)");
  if (refs.length > 1) throw new NetworkError(where, `${refs.length} slack buses (type 3): buses ${refs.join(", ")}; exactly one is required`);
  const slackBus = refs[0];
  for (const r of mpc.bus) {
    const id = col(r, BUS_COL.BUS_I);
    const type = col(r, BUS_COL.BUS_TYPE);
    if (type === 2) throw new NetworkError(where, `bus ${id} is a PV bus (type 2); only PQ buses and one slack are supported`);
    if (type === 4) throw new NetworkError(where, `bus ${id} is isolated (type 4); remove it from the case`);
    if (type !== 1 && type !== 3) throw new NetworkError(where, `bus ${id} has unknown type ${type}`);
    if (col(r, BUS_COL.GS) !== 0 || col(r, BUS_COL.BS) !== 0) {
      throw new NetworkError(where, `bus ${id} has a shunt (GS, BS); shunts are not supported`);
    }
  }
  const slackRow = mpc.bus.find((r) => col(r, BUS_COL.BUS_I) === slackBus) as number[];
  const baseKv = col(slackRow, BUS_COL.BASE_KV);
  if (!(baseKv > 0)) throw new NetworkError(where, `slack bus ${slackBus} has base voltage ${baseKv} kV; a positive BASE_KV is required`);

  let vSlackPu = col(slackRow, BUS_COL.VM) > 0 ? col(slackRow, BUS_COL.VM) : 1;
  for (const g of mpc.gen) {
    if (col(g, GEN_COL.GEN_STATUS) <= 0) continue;
    const bus = col(g, GEN_COL.GEN_BUS);
    if (bus !== slackBus) {
      throw new NetworkError(where, `an in-service generator sits at bus ${bus}; only the slack bus ${slackBus} may have one`);
    }
    vSlackPu = col(g, GEN_COL.VG);
  }

  const buses: BusInput[] = mpc.bus.map((r) => ({
    bus: col(r, BUS_COL.BUS_I),
    pLoadKw: col(r, BUS_COL.PD) * 1000,
    qLoadKvar: col(r, BUS_COL.QD) * 1000,
    vMinPu: col(r, BUS_COL.VMIN),
    vMaxPu: col(r, BUS_COL.VMAX),
    baseKv: col(r, BUS_COL.BASE_KV),
  }));
  const branches: BranchInput[] = mpc.branch.map((r, k) => {
    const id = k + 1;
    const tap = col(r, BRANCH_COL.TAP);
    if (col(r, BRANCH_COL.BR_B) !== 0) throw new NetworkError(where, `branch ${id} has line charging BR_B; not supported`);
    if ((tap !== 0 && tap !== 1) || col(r, BRANCH_COL.SHIFT) !== 0) {
      throw new NetworkError(where, `branch ${id} is a transformer (TAP ${tap}, SHIFT ${col(r, BRANCH_COL.SHIFT)}); not supported`);
    }
    const rate = col(r, BRANCH_COL.RATE_A);
    if (!(rate >= 0)) throw new NetworkError(where, `branch ${id} has RATE_A ${rate}; a rating is ≥ 0 MVA (0 = unlimited)`);
    const status = col(r, BRANCH_COL.BR_STATUS);
    if (status !== 0 && status !== 1) throw new NetworkError(where, `branch ${id} has BR_STATUS ${status}; it is 1 (in service) or 0 (out of service)`);
    return {
      id,
      fromBus: col(r, BRANCH_COL.F_BUS),
      toBus: col(r, BRANCH_COL.T_BUS),
      rPu: col(r, BRANCH_COL.BR_R),
      xPu: col(r, BRANCH_COL.BR_X),
      inService: status === 1,
      ...(rate > 0 ? { rateKva: rate * 1000 } : {}),
    };
  });
  return createNetwork({ name, baseMva: mpc.baseMVA, baseKv, slackBus, vSlackPu, buses, branches });
}

/** The feeders shipped in data/networks/, by the name the CLI and notebooks use. */
export const BUILTIN_CASES: Readonly<Record<string, string>> = {
  /** IEEE 33-bus feeder of Baran & Wu (1989), MATPOWER case33bw. */
  ieee33: "case33bw.m",
  /** 69-bus feeder of Baran & Wu (1989, capacitor placement), MATPOWER case69. */
  ieee69: "case69.m",
  /** 136-bus (135-branch) feeder of Mantovani, Casari & Romero (2000), MATPOWER case136ma. */
  case136ma: "case136ma.m",
};

/**
 * The path of a shipped case file: `data/networks/<file>` of the package (`projectDataDir()`), else of the nearest
 * ancestor folder that has it (compiled copies such as the bench build sit one level deeper than dist/).
 */
function builtinCaseFile(file: string): string {
  const first = path.join(projectDataDir(), "networks", file);
  if (fs.existsSync(first)) return first;
  for (let dir = __dirname, up = 0; up < 6; up++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, "data", "networks", file);
    if (fs.existsSync(candidate)) return candidate;
  }
  return first;
}

/** Options of {@link loadNetwork}. */
export interface LoadNetworkOptions {
  /** Network name; default the built-in name ("ieee33") or the case's function name. */
  name?: string;
}

/**
 * Loads a feeder: a built-in name (`"ieee33"`) or the path of a MATPOWER `.m` case file.
 * @throws ArgumentError when the name is not built in and no such file exists; DataValidationError on syntax
 *   errors (with the file and its line as `row`); NetworkError on structural errors.
 * @example const net = loadNetwork("ieee33"); net.buses.length // 33
 */
export function loadNetwork(spec: string, options: LoadNetworkOptions = {}): Network {
  const builtin = BUILTIN_CASES[spec.toLowerCase()];
  const file = builtin !== undefined ? builtinCaseFile(builtin) : spec;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new ArgumentError("loadNetwork", `"${spec}" is neither a built-in case (${Object.keys(BUILTIN_CASES).join(", ")}) nor a file`);
  }
  // UTF-8 (BOM optional), UTF-16 with its byte-order mark (as some Windows editors save), else Latin-1.
  const { text } = readDecodedFile(file, "loadNetwork");
  let mpc: MatpowerCase;
  try {
    mpc = parseMatpower(text, { source: path.basename(file) });
  } catch (err) {
    throw err instanceof DataValidationError && err.file === undefined ? err.inFile(file) : err;
  }
  return networkFromMatpower(mpc, { name: options.name ?? (builtin !== undefined ? spec.toLowerCase() : mpc.name) });
}

/** The IEEE 33-bus feeder (Baran & Wu 1989; MATPOWER case33bw): 12.66 kV, 10 MVA, 3715 kW + 2300 kVAr. */
export function ieee33(): Network {
  return loadNetwork("ieee33");
}
