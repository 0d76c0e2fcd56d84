/**
 * `evsp powerflow`: AC power flow (backward/forward sweep) of a radial feeder at one operating point.
 *   evsp powerflow --case ieee33|ieee69|file.m [--load-scale s] [--pv bus:kW,...] [--json]
 * → { network, lossKw, lossKvar, vMinPu, vMinBus, vPu: [bus 1 … bus N], iterations, timing: { seconds } }
 */
import { BUILTIN_CASES, checkPvKw, loadNetwork, parseBusValues, powerFlow } from "../../index";
import { action, emit } from "../output";
import { nonNegativeOption, registerCommand } from "../program";

interface PowerflowCliOptions {
  case: string;
  loadScale: number;
  pv?: string;
  json?: boolean;
}

/** What `evsp powerflow --json` prints. */
export interface PowerflowCliResult {
  network: string;
  lossKw: number;
  lossKvar: number;
  vMinPu: number;
  vMinBus: number;
  /** Voltage magnitude of bus 1 … bus N, pu. */
  vPu: number[];
  iterations: number;
  /** What varies between runs: wall seconds of the command. */
  timing: { seconds: number };
}

registerCommand((program) => {
  program
    .command("powerflow")
    .description("AC power flow of a radial feeder (backward/forward sweep)")
    .option("--case <name|file.m>", `built-in case (${Object.keys(BUILTIN_CASES).join(", ")}) or a MATPOWER .m file`, "ieee33")
    .option("--load-scale <s>", "multiplier (≥ 0) of every base-case load", nonNegativeOption, 1)
    .option("--pv <bus:kW,...>", "PV injections at unity power factor, e.g. 18:500,33:300")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: PowerflowCliOptions) => {
        const t0 = performance.now();
        const net = loadNetwork(opts.case);
        const pvKw = opts.pv !== undefined ? parseBusValues(opts.pv, "evsp powerflow --pv", "--pv") : undefined;
        if (pvKw !== undefined) checkPvKw(net, pvKw, "evsp powerflow --pv", "--pv");
        const res = powerFlow(net, { loadScale: opts.loadScale, pvKw });
        const out: PowerflowCliResult = {
          network: net.name,
          lossKw: res.lossKw,
          lossKvar: res.lossKvar,
          vMinPu: res.vMinPu,
          vMinBus: res.vMinBus,
          vPu: res.buses.map((b) => b.vPu),
          iterations: res.iterations,
          timing: { seconds: (performance.now() - t0) / 1000 },
        };
        emit(opts, out, (r) =>
          [
            `${r.network}: loss ${r.lossKw.toFixed(3)} kW, ${r.lossKvar.toFixed(3)} kVAr; ` +
              `lowest voltage ${r.vMinPu.toFixed(5)} pu at bus ${r.vMinBus}; ${r.iterations} sweeps`,
            ...r.vPu.map((v, k) => `  bus ${String(k + 1).padStart(3)}  ${v.toFixed(5)} pu`),
          ].join("\n"),
        );
      }),
    );
});
