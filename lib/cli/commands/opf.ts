/**
 * `evsp opf`: DistFlow OPF with the second-order-cone relaxation on HiGHS, single- or multi-period.
 *   evsp opf --case ieee33|ieee69|file.m [--vmin 0.9] [--vmax 1.05] [--load-scale s] [--pv bus:kW,...]
 *            [--pv-curtail bus:kWmax,...] [--hours 24] [--load-profile mult.csv] [--pv-profile mult.csv]
 *            [--cones oa|btn] [--upper-voltage safe|plain] --json
 * → { status, lossKw, coneGapMaxPu2, vPu, pvKw: { bus: kW }, acCheck: { lossDiffKw, vMaxDiffPu }, rounds,
 *     timing: { seconds, solveSeconds } }
 * Voltage limits apply to every bus but the slack (held at its set point, 1.0 pu for ieee33). With several hours,
 * `lossKw` is the mean hourly loss, `vPu` is one array per hour and `pvKw` gives one value per hour for each bus.
 */
import * as fs from "fs";
import { ArgumentError, BUILTIN_CASES, checkPvKw, DataValidationError, loadNetwork, parseBusValues, parseNumericCsv, readDecodedFile, solveOpf, type Network, type PvSite } from "../../index";
import { action, emit } from "../output";
import { nonNegativeOption, positiveIntOption, positiveOption, registerCommand } from "../program";

interface OpfCliOptions {
  case: string;
  vmin?: number;
  vmax?: number;
  loadScale: number;
  pv?: string;
  pvCurtail?: string;
  hours?: number;
  loadProfile?: string;
  pvProfile?: string;
  cones: string;
  upperVoltage: string;
  json?: boolean;
}

/** What `evsp opf --json` prints. */
export interface OpfCliResult {
  status: string;
  network: string;
  hours: number;
  lossKw: number;
  objectiveKwh: number;
  coneGapMaxPu2: number;
  vPu: number[] | number[][];
  pvKw: Record<number, number | number[]>;
  acCheck: { lossDiffKw: number; vMaxDiffPu: number };
  rounds: number;
  /** What varies between runs: wall seconds of the command and of the solve. */
  timing: { seconds: number; solveSeconds: number };
}

/** One multiplier (≥ 0) per row of a one-column CSV (a header line is allowed); errors name the file and row. */
function readMultipliers(file: string, flag: string): number[] {
  const where = `evsp opf ${flag}`;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ArgumentError(where, `no such file: ${file}`, { field: flag });
  const csv = parseNumericCsv(readDecodedFile(file, where).text, { file });
  const width = csv.rows[0].length;
  if (width !== 1) throw new DataValidationError(where, `expected one column of multipliers, found ${width}`, { file });
  const out = csv.rows.map((r) => r[0]);
  const bad = out.findIndex((x) => x < 0);
  if (bad >= 0) throw new DataValidationError(where, `multiplier ${out[bad]} is negative; multipliers must be ≥ 0`, { file, row: bad + 1, field: csv.header?.[0] });
  return out;
}

/** PV sites of `--pv` / `--pv-curtail` (kW at the profile's 1.0), each ≥ 0 and off the slack bus. */
function pvSites(net: Network, opts: OpfCliOptions, pvProfile: number[]): PvSite[] {
  const sites: PvSite[] = [];
  for (const [flag, text, curtailable] of [["--pv", opts.pv, false], ["--pv-curtail", opts.pvCurtail, true]] as const) {
    if (text === undefined) continue;
    const where = `evsp opf ${flag}`;
    const values = parseBusValues(text, where, flag);
    checkPvKw(net, values, where, flag);
    for (const [bus, kw] of Object.entries(values)) sites.push({ bus: Number(bus), maxKw: pvProfile.map((m) => m * kw), curtailable });
  }
  return sites;
}

/** `--vmin ≤ --vmax`, each against the other or the case's own limit at every non-slack bus. */
function checkVoltageOptions(net: Network, opts: OpfCliOptions, where: string): void {
  for (const b of net.buses) {
    if (b.bus === net.slackBus) continue;
    const lo = opts.vmin ?? b.vMinPu;
    const hi = opts.vmax ?? b.vMaxPu;
    if (lo <= hi) continue;
    if (opts.vmin !== undefined && opts.vmax !== undefined) throw new ArgumentError(where, `--vmin ${opts.vmin} is above --vmax ${opts.vmax}`, { field: "--vmin" });
    if (opts.vmin !== undefined) throw new ArgumentError(where, `--vmin ${opts.vmin} is above bus ${b.bus}'s upper limit ${b.vMaxPu} pu in ${net.name} (give --vmax too)`, { field: "--vmin" });
    throw new ArgumentError(where, `--vmax ${opts.vmax} is below bus ${b.bus}'s lower limit ${b.vMinPu} pu in ${net.name} (give --vmin too)`, { field: "--vmax" });
  }
}

registerCommand((program) => {
  program
    .command("opf")
    .description("DistFlow optimal power flow (SOC relaxation on HiGHS), loss-minimising, with an AC re-check")
    .option("--case <name|file.m>", `built-in case (${Object.keys(BUILTIN_CASES).join(", ")}) or a MATPOWER .m file`, "ieee33")
    .option("--vmin <pu>", "lower voltage limit of every non-slack bus (default: the case's)", positiveOption)
    .option("--vmax <pu>", "upper voltage limit of every non-slack bus (default: the case's)", positiveOption)
    .option("--load-scale <s>", "multiplier (≥ 0) of every base-case load (times the load profile)", nonNegativeOption, 1)
    .option("--pv <bus:kW,...>", "fixed PV injections (kW at the profile's 1.0)")
    .option("--pv-curtail <bus:kWmax,...>", "curtailable PV: available kW, may be reduced to 0")
    .option("--hours <n>", "number of hours ≥ 1 (set by --load-profile when given)", positiveIntOption)
    .option("--load-profile <file.csv>", "one-column CSV of hourly load multipliers (one row per hour)")
    .option("--pv-profile <file.csv>", "one-column CSV of hourly PV multipliers (default 1 every hour)")
    .option("--cones <oa|btn>", "cone handling: outer approximation or Ben-Tal–Nemirovski", "oa")
    .option("--upper-voltage <safe|plain>", "upper voltage bound on the lossless voltage (exact relaxation) or on v", "safe")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: OpfCliOptions) => {
        const t0 = performance.now();
        const where = "evsp opf";
        if (opts.cones !== "oa" && opts.cones !== "btn") throw new ArgumentError(where, `--cones must be oa or btn, got "${opts.cones}"`, { field: "--cones" });
        if (opts.upperVoltage !== "safe" && opts.upperVoltage !== "plain") throw new ArgumentError(where, `--upper-voltage must be safe or plain, got "${opts.upperVoltage}"`, { field: "--upper-voltage" });
        const net = loadNetwork(opts.case);
        checkVoltageOptions(net, opts, where);
        const profile = opts.loadProfile ? readMultipliers(opts.loadProfile, "--load-profile") : undefined;
        const hours = profile?.length ?? opts.hours ?? 1;
        if (profile && opts.hours !== undefined && opts.hours !== profile.length) {
          throw new ArgumentError(where, `--hours ${opts.hours} disagrees with the ${profile.length} rows of --load-profile`, { field: "--hours" });
        }
        const pvProfile = opts.pvProfile ? readMultipliers(opts.pvProfile, "--pv-profile") : new Array(hours).fill(1);
        if (pvProfile.length !== hours) throw new ArgumentError(where, `--pv-profile has ${pvProfile.length} rows for ${hours} hours`, { field: "--pv-profile" });
        const sites = pvSites(net, opts, pvProfile);
        const loadScale = (profile ?? new Array(hours).fill(1)).map((m) => m * opts.loadScale);
        const res = await solveOpf(
          net,
          { hours, loadScale, pv: sites, vMinPu: opts.vmin, vMaxPu: opts.vmax, upperVoltage: opts.upperVoltage as "safe" | "plain" },
          { cones: opts.cones as "oa" | "btn" },
        );
        const pvKw: Record<number, number | number[]> = {};
        sites.forEach((s, i) => {
          const series = res.pvKw[i];
          const prev = pvKw[s.bus];
          const sum = prev === undefined ? series : series.map((v, t) => v + (prev as number[])[t]);
          pvKw[s.bus] = sum;
        });
        if (hours === 1) for (const b of Object.keys(pvKw)) pvKw[Number(b)] = (pvKw[Number(b)] as number[])[0];
        const out: OpfCliResult = {
          status: res.info.status,
          network: net.name,
          hours,
          lossKw: res.lossKw,
          objectiveKwh: res.objectiveKwh,
          coneGapMaxPu2: res.coneGapMaxPu2,
          vPu: hours === 1 ? res.vPu[0] : res.vPu,
          pvKw,
          acCheck: { lossDiffKw: res.acCheck.lossDiffKw, vMaxDiffPu: res.acCheck.vMaxDiffPu },
          rounds: res.info.rounds,
          timing: { seconds: (performance.now() - t0) / 1000, solveSeconds: res.info.seconds },
        };
        emit(opts, out, (r) =>
          [
            `${r.network}, ${r.hours} hour(s): ${r.status}; mean loss ${r.lossKw.toFixed(3)} kW; cone gap ${r.coneGapMaxPu2.toExponential(2)} pu²`,
            `AC re-check: loss differs by ${r.acCheck.lossDiffKw.toExponential(2)} kW, voltages by ${r.acCheck.vMaxDiffPu.toExponential(2)} pu`,
            ...Object.entries(r.pvKw).map(([b, v]) => `PV at bus ${b}: ${Array.isArray(v) ? v.map((x) => x.toFixed(1)).join(" ") : v.toFixed(1)} kW`),
          ].join("\n"),
        );
      }),
    );
});
