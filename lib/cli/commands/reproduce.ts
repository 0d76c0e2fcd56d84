/**
 * `evsp reproduce`: which assumptions would give the study's figures? A seeded search over the open assumptions'
 * bounds (lib/studies/reproduce-assumptions.ts) for the case whose plan is closest to the study's table.
 *   evsp reproduce [--config file] [--k K] [--evaluations n] [--refine n] [--seed s] [--assumptions a,b]
 *                  [--controllable 0,0.2,0.5,0.8] [--workers n | --redis [url]] [--max-iterations n] [--out dir] [--quiet] --json
 * → { case, settings, assumptions, distance: { definition, paperCase, closestCase, paperTerms, closestTerms },
 *     closest: { values, case }, figures: [ { name, study, paperCase, closestCase, unit } ], closestSweep, paperSweep,
 *     tornado, reach: [ { figure, study, nearest, term, reached, values } ], evaluations, seconds }
 * --out writes closest-case.json (a case `evsp plan --config` re-plans to the same figures), reproduce.json and
 * reproduce.html. Progress lines (one per case planned) go to stderr.
 */
import * as fs from "fs";
import * as path from "path";
import { readPlanningCase, reproduce, reproduceHtml, type ReproduceResult } from "../../index";
import { action, emit } from "../output";
import { planRunOptions, type PlanRunCliOptions, workersOf } from "../queue-options";
import { nonNegativeIntOption, numberList, intOption, positiveIntOption, registerCommand } from "../program";

interface ReproduceCliOptions extends PlanRunCliOptions {
  config?: string;
  out?: string;
  k?: number;
  evaluations: number;
  refine: number;
  seed: number;
  assumptions?: string;
  controllable?: number[];
}

/** Writes closest-case.json, reproduce.json and reproduce.html into `dir`; returns the files. */
export function writeReproduceOutputs(dir: string, result: ReproduceResult): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files = ["closest-case.json", "reproduce.json", "reproduce.html"].map((f) => path.join(dir, f));
  fs.writeFileSync(files[0], JSON.stringify(result.closest.case, null, 2) + "\n");
  fs.writeFileSync(files[1], JSON.stringify(result, null, 1));
  fs.writeFileSync(files[2], reproduceHtml(result));
  return files;
}

registerCommand((program) => {
  const command = program
    .command("reproduce")
    .description("search the open assumptions, within stated bounds, for the case closest to the study's figures")
    .option("--config <file>", "planning case JSON to start from (default: the committed paper case)")
    .option("--k <K>", "typical days of every plan (default: the case's)", positiveIntOption)
    .option("--evaluations <n>", "random cases after the tornado", nonNegativeIntOption, 8)
    .option("--refine <n>", "coordinate-search steps after them", nonNegativeIntOption, 8)
    .option("--seed <s>", "seed of the random cases", intOption, 1)
    .option("--assumptions <list>", "only these assumptions (comma-separated names; default all)")
    .option("--controllable <list>", "controllable EV shares of the two sweeps (default 0,0.2,0.5,0.8)", numberList);
  planRunOptions(command)
    .option("--out <dir>", "write closest-case.json, reproduce.json and reproduce.html there")
    .option("--quiet", "no progress lines")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: ReproduceCliOptions) => {
        const c = readPlanningCase(opts.config);
        const log = (s: string) => {
          if (!opts.quiet) process.stderr.write(`${s}\n`);
        };
        const result = await reproduce(c, {
          k: opts.k,
          evaluations: opts.evaluations,
          refine: opts.refine,
          seed: opts.seed,
          assumptions: opts.assumptions?.split(",").map((s) => s.trim()).filter(Boolean),
          sweepValues: opts.controllable,
          workers: workersOf(opts, "evsp reproduce", log),
          maxIterations: opts.maxIterations,
          onProgress: log,
        });
        if (opts.out) log(`wrote ${writeReproduceOutputs(opts.out, result).join(", ")}`);
        emit(opts, result, (r) =>
          [
            `${r.case}: ${r.evaluations.length} cases planned at K = ${r.settings.k} in ${r.seconds.toFixed(0)} s; distance to the study's figures ${r.distance.paperCase.toFixed(3)} (paper case) → ${r.distance.closestCase.toFixed(3)} (closest case)`,
            `closest case: ${r.assumptions.filter((a) => r.closest.values[a.name] !== a.paper).map((a) => `${a.name} ${+r.closest.values[a.name].toPrecision(4)}`).join(", ") || "the paper case"}`,
            ...r.figures.map((f) => `  ${f.name.padEnd(20)} study ${JSON.stringify(f.study)}, paper case ${JSON.stringify(typeof f.paperCase === "number" ? +f.paperCase.toPrecision(4) : f.paperCase)}, closest ${JSON.stringify(typeof f.closestCase === "number" ? +f.closestCase.toPrecision(4) : f.closestCase)} (${f.unit})`),
            ...r.reach.filter((x) => !x.reached).map((x) => `  not reached within the bounds: ${x.figure} (study ${x.study}; nearest ${x.nearest})`),
          ].join("\n"),
        );
      }),
    );
});
