/**
 * `evsp kmedoids`: K-Medoids of the rows of a numeric CSV (one object per row, Euclidean distance).
 *   evsp kmedoids --matrix rows.csv --k K [--method pam|fasterpam] [--seed s] [--restarts r]
 *                 [--init random|lab|kmedoids++|build] [--header auto|yes|no] [--json]
 * → { method, medoids: [0-based row indices, ascending], loss, iterations, swaps, n, k, header }
 * The first row is a header by the rule of `parseNumericCsv` (`--header auto`, default): names in every column, or
 * exactly the column indices 0…n−1 or 1…n; `header` in the output says which ("names", "indices" or "none").
 */
import { ArgumentError, distanceMatrix, FASTERPAM_STARTS, kMedoids, NUMERIC_HEADER_MODES, parseNumericCsv, readDecodedFile, type FasterPamInit, type KMedoidsMethod, type NumericHeaderKind, type NumericHeaderMode } from "../../index";
import { action, emit } from "../output";
import { intOption, registerCommand } from "../program";

interface KMedoidsCliOptions {
  matrix: string;
  k: number;
  method: string;
  seed: number;
  restarts: number;
  init?: string;
  header: string;
  json?: boolean;
}

/** What `evsp kmedoids --json` prints. */
export interface KMedoidsCliResult {
  method: KMedoidsMethod;
  /** 0-based data-row indices (header excluded), ascending. */
  medoids: number[];
  loss: number;
  iterations: number;
  swaps: number;
  n: number;
  k: number;
  /** What the matrix's first row was taken as: column names, column indices, or data ("none"). */
  header: NumericHeaderKind;
}

registerCommand((program) => {
  program
    .command("kmedoids")
    .description("K-Medoids (PAM or FasterPAM) of the rows of a numeric CSV, Euclidean distance")
    .requiredOption("--matrix <rows.csv>", "one object per row, numeric columns, optional header")
    .requiredOption("--k <K>", "number of clusters", intOption)
    .option("--method <pam|fasterpam>", "algorithm", "fasterpam")
    .option("--seed <s>", "seed of FasterPAM's initialisation and order", intOption, 0)
    .option("--restarts <r>", "FasterPAM: independent seeded runs, the best kept", intOption, 1)
    .option("--init <how>", "FasterPAM's start: random (default), lab, kmedoids++ or build; PAM: build only")
    .option("--header <auto|yes|no>", "first row: auto (a header when it holds names, or exactly the column indices 0..n-1 or 1..n), yes, no", "auto")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: KMedoidsCliOptions) => {
        if (opts.method !== "pam" && opts.method !== "fasterpam") {
          throw new ArgumentError("evsp kmedoids", `--method must be pam or fasterpam, got "${opts.method}"`, { field: "--method" });
        }
        if (opts.init !== undefined && !(FASTERPAM_STARTS as readonly string[]).includes(opts.init)) {
          throw new ArgumentError("evsp kmedoids", `--init must be one of ${FASTERPAM_STARTS.join(", ")}, got "${opts.init}"`, { field: "--init" });
        }
        if (!(NUMERIC_HEADER_MODES as readonly string[]).includes(opts.header)) {
          throw new ArgumentError("evsp kmedoids", `--header must be one of ${NUMERIC_HEADER_MODES.join(", ")}, got "${opts.header}"`, { field: "--header" });
        }
        const { text } = readDecodedFile(opts.matrix, "evsp kmedoids");
        const { rows, headerKind } = parseNumericCsv(text, { header: opts.header as NumericHeaderMode, file: opts.matrix });
        const r = kMedoids(distanceMatrix(rows), opts.k, {
          method: opts.method,
          seed: opts.seed,
          restarts: opts.restarts,
          init: opts.init as FasterPamInit | undefined,
        });
        const out: KMedoidsCliResult = { method: r.method, medoids: r.medoids, loss: r.loss, iterations: r.iterations, swaps: r.swaps, n: rows.length, k: r.k, header: headerKind };
        emit(opts, out, (o) => `${o.method}: medoids ${o.medoids.join(", ")} (0-based rows of ${o.n}, header: ${o.header}); loss ${o.loss.toPrecision(8)}; ${o.iterations} iterations, ${o.swaps} swaps`);
      }),
    );
});
