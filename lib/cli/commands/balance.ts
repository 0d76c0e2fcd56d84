/**
 * `evsp balance`: the balance objective's effect — the case planned at several balance-index weights (0: cost
 * alone) on the same typical days, each plan's loading against the base case's (lib/studies/balance-effect.ts).
 *   evsp balance [--config file] [--weights 0,2000,20000] [--k K] [--workers n | --redis [url]] [--max-iterations n]
 *                [--out dir] [--quiet] --json
 * → { case, rows: [ { weightCnyPerDay, sites, totalEnergyKwh, objectiveCny, costWithoutBalanceCny, balanceCostCny,
 *     balance: { base, plan } (index, level, spatial, temporal), peakImport: { baseKw, planKw, planHour, planDay },
 *     upgradeDeferralCny, newPeakHoursPerYear, maxLoadingPlan, carbonReductionPct, pvUtilizationPct, gapPct } ],
 *     timing: { seconds } }
 * --out writes balance.json (the rows with their expected loading matrices) and balance.html (heatmaps, the feeder
 * head by hour, the balance index taken apart). Progress lines go to stderr.
 */
import * as fs from "fs";
import * as path from "path";
import {
  balanceEffect, balanceEffectHtml, balanceWeightLabel, planningInputs, readPlanningCase,
  type BalanceEffectResult, type BalanceEffectRow,
} from "../../index";
import { action, emit } from "../output";
import { planRunOptions, type PlanRunCliOptions, workersOf } from "../queue-options";
import { numberList, positiveIntOption, registerCommand } from "../program";

interface BalanceCliOptions extends PlanRunCliOptions {
  config?: string;
  out?: string;
  weights?: number[];
  k?: number;
}

/** One printed row: the comparison's figures without the loading matrices. */
function cliRow(r: BalanceEffectRow) {
  const s = r.summary;
  return {
    weightCnyPerDay: r.weightCnyPerDay,
    sites: s.sites,
    totalEnergyKwh: s.totalEnergyKwh,
    objectiveCny: s.objectiveCny,
    costWithoutBalanceCny: r.costWithoutBalanceCny,
    balanceCostCny: r.balanceCostCny,
    balance: r.balance,
    peakImport: r.peakImport,
    upgradeDeferralCny: r.upgradeDeferralCny,
    newPeakHoursPerYear: r.newPeakHoursPerYear,
    maxLoadingPlan: s.maxLoadingPlan,
    carbonReductionPct: s.carbonReductionPct,
    pvUtilizationPct: s.pvUtilizationPct,
    gapPct: s.gapPct,
  };
}

/** Writes balance.json and balance.html into `dir`; returns the files. */
export function writeBalanceOutputs(dir: string, result: BalanceEffectResult): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "balance.json");
  const { runs: _runs, ...data } = result;
  fs.writeFileSync(json, JSON.stringify(data, null, 1));
  const html = path.join(dir, "balance.html");
  fs.writeFileSync(html, balanceEffectHtml(result));
  return [json, html];
}

registerCommand((program) => {
  const command = program
    .command("balance")
    .description("the balance objective's effect: plan with the balance term at several weights (0: cost alone) and compare the loading")
    .option("--config <file>", "planning case JSON (default: the committed paper case)")
    .option("--weights <list>", "balance-index weights, ¥/day (default: 0 and the case's)", numberList)
    .option("--k <K>", "number of typical days (overrides the case)", positiveIntOption);
  planRunOptions(command)
    .option("--out <dir>", "write balance.json and balance.html there")
    .option("--quiet", "no progress lines")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: BalanceCliOptions) => {
        const where = "evsp balance";
        const c = readPlanningCase(opts.config);
        const log = (s: string) => {
          if (!opts.quiet) process.stderr.write(`${s}\n`);
        };
        const weights = opts.weights ?? [0, c.balance.weightCnyPerDay];
        log(`evsp balance: case ${c.name}, weights ${weights.join(", ")} ¥/day`);
        const result = await balanceEffect(c, {
          weights,
          inputs: planningInputs(c, opts.k !== undefined ? { k: opts.k } : undefined),
          plan: { workers: workersOf(opts, where, log), benders: { maxIterations: opts.maxIterations } },
          onRow: (r) => log(`  weight ${r.value}: ${(r.totalEnergyKwh / 1000).toFixed(2)} MWh, balance ${r.balanceBefore.toFixed(3)} → ${r.balanceAfter.toFixed(3)}, gap ${r.gapPct.toFixed(2)} % (${r.timing.seconds.toFixed(0)} s)`),
        });
        if (opts.out) log(`wrote ${writeBalanceOutputs(opts.out, result).join(", ")}`);
        emit(opts, { case: result.case, rows: result.rows.map(cliRow), timing: { seconds: result.seconds } }, (o) =>
          [
            `${o.case}: the balance objective's effect (${o.rows.length} plans, ${o.timing.seconds.toFixed(0)} s)`,
            ...o.rows.map(
              (r) =>
                `  ${balanceWeightLabel(r.weightCnyPerDay).padEnd(22)} ${r.sites.map((s) => `bus ${s.bus} ${(s.energyKwh / 1000).toFixed(2)} MWh`).join(", ") || "no storage"}; ` +
                `B ${r.balance.base.index.toFixed(3)} → ${r.balance.plan.index.toFixed(3)} (level ${r.balance.base.level.toFixed(3)} → ${r.balance.plan.level.toFixed(3)}, over hours ${r.balance.base.temporal.toFixed(3)} → ${r.balance.plan.temporal.toFixed(3)}); ` +
                `peak ${r.peakImport.baseKw.toFixed(0)} → ${r.peakImport.planKw.toFixed(0)} kW at ${r.peakImport.planHour}:00; new-peak branch-hours ${r.newPeakHoursPerYear.toFixed(0)}/yr; ` +
                `cost without balance ¥${(r.costWithoutBalanceCny / 1e6).toFixed(3)} M${r.balanceCostCny !== null ? ` (+¥${(r.balanceCostCny / 1e3).toFixed(0)} k)` : ""}`,
            ),
          ].join("\n"),
        );
      }),
    );
});
