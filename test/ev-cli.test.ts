/**
 * `evsp aggregate-accuracy --json`, run in-process on the seeded synthetic sessions (no real data needed): one JSON
 * object with a row per (N, model), the normaliser and the source in words; numbers checked against what the models
 * must satisfy independently of any captured output (exact: zero tracking error and zero cost gap; envelope: never
 * more expensive than individual scheduling); a JSON error for a bad model.
 */
import { runCliJson } from "./cli-run";
import "../lib/cli/commands/aggregate-accuracy";

const run = (...args: string[]) => runCliJson(["aggregate-accuracy", ...args]);

interface Row {
  n: number;
  model: string;
  mseKw2: number;
  nrmse: number;
  costGapPct: number;
  draws: number;
  failures: number;
}

describe("evsp aggregate-accuracy --json", () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it("prints rows per N and model with the normaliser and the source", async () => {
    const r = await run("--dataset", "synthetic", "--sizes", "5,12", "--draws", "2", "--model", "envelope,exact", "--json");
    const rows = r.rows as Row[];
    expect(rows.map((x) => `${x.n}:${x.model}`)).toEqual(["5:envelope", "5:exact", "12:envelope", "12:exact"]);
    expect(String(r.normaliser)).toMatch(/mean aggregate flexible power/);
    expect(String(r.source)).toMatch(/synthetic/);
    expect(r.grid).toEqual({ slots: 24, dtH: 1, startH: 12 });
    for (const row of rows) {
      expect(row.draws + row.failures).toBe(2);
      if (row.model === "exact") {
        expect(row.nrmse).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(row.costGapPct)).toBeLessThanOrEqual(1e-4);
      } else {
        expect(row.costGapPct).toBeLessThanOrEqual(1e-4);
        expect(row.mseKw2).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("defaults to the envelope model and reports a bad model as a JSON error", async () => {
    const ok = await run("--dataset", "synthetic", "--sizes", "4", "--draws", "1", "--dt", "30", "--start-hour", "0", "--signal", "valley", "--json");
    expect((ok.rows as Row[]).map((x) => x.model)).toEqual(["envelope"]);
    expect(ok.grid).toEqual({ slots: 48, dtH: 0.5, startH: 0 });
    const bad = await run("--dataset", "synthetic", "--model", "magic", "--json");
    expect((bad.error as { code: string }).code).toBe("ARGUMENT");
    expect(process.exitCode).toBe(2);
  });
});
