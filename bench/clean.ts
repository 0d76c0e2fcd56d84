/**
 * Throughput of reading + cleaning EV session files of ≥ 100k rows, per format: each real file concatenated with
 * itself until it has ≥ 100k data rows (so the copies exercise the duplicate rules), written to a temp file. Also a
 * generic CSV of 100k synthetic sessions (always available). Prints rows/s of each step, side by side.
 *
 *   npm run bench -- clean            # ≥ 100k rows per format
 *   npm run bench -- clean --quick    # ≥ 20k rows per format
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cleanSessions, generateSessions, loadGeneratorParams } from "../lib/clean";
import {
  CANONICAL_CSV_MAPPING,
  EV_DATASET_FILES,
  EV_DATASETS,
  hasSharedData,
  type ReadOptions,
  readSessionFile,
  readSessionFileAsync,
  sessionsToCsv,
  sharedDataFile,
} from "../lib/io";

const quick = process.argv.includes("--quick");
const TARGET = quick ? 20_000 : 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-bench-clean-"));

/** The file's text repeated until it holds ≥ TARGET data rows (CSV: one header; JSON: `_items` repeated). */
function concatenated(file: string): { text: string; rows: number; copies: number } {
  const text = fs.readFileSync(file, "utf8");
  if (text.trimStart().startsWith("{")) {
    const doc = JSON.parse(text) as { _meta: unknown; _items: unknown[] };
    const copies = Math.ceil(TARGET / doc._items.length);
    const items = Array.from({ length: copies }, () => doc._items).flat();
    return { text: JSON.stringify({ _meta: doc._meta, _items: items }), rows: items.length, copies };
  }
  const lines = text.split(/\r?\n/);
  const header = lines[0];
  const body = lines.slice(1).filter((l) => l.trim() !== "");
  const copies = Math.ceil(TARGET / body.length);
  const all = Array.from({ length: copies }, () => body).flat();
  return { text: `${header}\r\n${all.join("\r\n")}\r\n`, rows: all.length, copies };
}

function time<T>(fn: () => T): { value: T; s: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, s: Number(process.hrtime.bigint() - t0) / 1e9 };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; s: number }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, s: Number(process.hrtime.bigint() - t0) / 1e9 };
}

interface Row {
  format: string;
  rows: number;
  copies: number;
  "MB": number;
  "read rows/s": number;
  "stream rows/s": number | string;
  "clean rows/s": number;
  "read+clean rows/s": number;
  kept: number;
  "top rejects": string;
}

async function benchFile(label: string, file: string, rows: number, copies: number, options: ReadOptions): Promise<Row> {
  const read = time(() => readSessionFile(file, options));
  const isJson = read.value.format === "acn";
  const stream = isJson ? undefined : await timeAsync(() => readSessionFileAsync(file, options));
  const clean = time(() => cleanSessions(read.value));
  const r = clean.value.report;
  if (r.rowsIn !== rows || r.rowsKept + Object.values(r.rejected).reduce((a, b) => a + b, 0) !== rows) {
    throw new Error(`${label}: counts do not add up`);
  }
  const top = Object.entries(r.rejected)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  return {
    format: label,
    rows,
    copies,
    MB: Number((fs.statSync(file).size / 1e6).toFixed(1)),
    "read rows/s": Math.round(rows / read.s),
    "stream rows/s": stream ? Math.round(rows / stream.s) : "(JSON: whole)",
    "clean rows/s": Math.round(rows / clean.s),
    "read+clean rows/s": Math.round(rows / (read.s + clean.s)),
    kept: r.rowsKept,
    "top rejects": top,
  };
}

async function main(): Promise<void> {
  console.log(`bench/clean: ≥ ${TARGET} rows per format${quick ? " (--quick)" : ""}; temp files in ${dir}`);
  // Warm up: load danfojs (TensorFlow.js) and the zone tables once, outside the timings.
  cleanSessions(readSessionFile(writeTemp("warm.csv", sessionsToCsv(generateSessions(loadGeneratorParams("acn"), { n: 200, seed: 1 }))), { mapping: CANONICAL_CSV_MAPPING }));
  const results: Row[] = [];
  for (const name of EV_DATASETS) {
    const spec = EV_DATASET_FILES[name];
    if (!hasSharedData(spec.file)) {
      console.log(`NOTICE: ${name}: real file not found under ${sharedDataFile()}; skipped`);
      continue;
    }
    const c = concatenated(sharedDataFile(spec.file));
    const file = writeTemp(`${name}${path.extname(spec.file)}`, c.text);
    results.push(await benchFile(name, file, c.rows, c.copies, {}));
  }
  const syn = generateSessions(loadGeneratorParams("residential"), { n: TARGET, seed: 7 });
  const gfile = writeTemp("generic.csv", sessionsToCsv(syn));
  results.push(await benchFile("generic (synthetic)", gfile, syn.length, 1, { mapping: CANONICAL_CSV_MAPPING }));
  console.table(results);
  const base = results[results.length - 1]["read+clean rows/s"];
  console.log("read+clean throughput relative to the generic CSV (same run):");
  for (const r of results) console.log(`  ${r.format.padEnd(20)} ${(r["read+clean rows/s"] / base).toFixed(2)}×`);
  fs.rmSync(dir, { recursive: true, force: true });
}

function writeTemp(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
