/**
 * `evsp batch`: several cases through one queue (a Redis and a worker process of the command's own, --local 1), one
 * folder each and a summary; each case's figures equal its own plan computed here in this thread, a broken case is a
 * row with its error (the others still planned) and sets the exit status.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { hasRedisServer, planningKpis, planSummary, readPlanningCase, runPlan } from "../lib";
import { EXIT_CLASSES } from "../lib/cli/exit-codes";
import { runCli } from "./cli-run";
import "../lib/cli/commands/batch";

const CLI = path.join(__dirname, "..", "dist", "cli", "main.js");

describe("evsp batch", () => {
  it("names a missing case or an empty folder (exit 2)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-batch-"));
    const missing = await runCli(["batch", path.join(dir, "nope.json"), "--json"]);
    expect(missing.exitCode).toBe(EXIT_CLASSES.usage);
    expect(missing.stdout).toMatch(/no such file or folder/);
    const empty = await runCli(["batch", dir, "--json"]);
    expect(empty.stdout).toMatch(/holds no \.json case/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasRedisServer())("plans every case of a folder through its own queue; a broken case is a row of its own", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-batch-"));
    const paper = readPlanningCase();
    const a = { ...paper, name: "batch-a" };
    const b = { ...paper, name: "batch-b", pv: paper.pv.map((p) => ({ ...p, capacityKw: p.capacityKw / 2 })) };
    fs.writeFileSync(path.join(dir, "a.json"), JSON.stringify(a));
    fs.writeFileSync(path.join(dir, "b.json"), JSON.stringify(b));
    fs.writeFileSync(path.join(dir, "c-broken.json"), JSON.stringify({ ...paper, name: "broken", storage: { ...paper.storage, maxSite: 2 } }));
    const out = path.join(dir, "out");
    const r = spawnSync(process.execPath, [CLI, "batch", dir, "--out", out, "--local", "1", "--k", "1", "--max-iterations", "4", "--parallel", "2", "--json"], { encoding: "utf8" });
    expect(r.status).toBe(EXIT_CLASSES.data);
    const o = JSON.parse(r.stdout) as { cases: Record<string, unknown>[]; failed: number };
    expect(o.cases.map((c) => [c.case, c.status])).toEqual([["batch-a", "ok"], ["batch-b", "ok"], ["c-broken.json", "DATA_VALIDATION"]]);
    expect(o.failed).toBe(1);
    expect(o.cases[2].error).toMatch(/maxSite.*did you mean "maxSites"/);
    // Each row equals the case planned here, in this thread, with the same settings.
    for (const [k, c] of [a, b].entries()) {
      const run = await runPlan(c, { workers: 0, inputsOptions: { k: 1 }, benders: { maxIterations: 4 } });
      const s = planSummary(run, planningKpis(run));
      expect(o.cases[k].objectiveCny).toBe(s.objectiveCny);
      expect(o.cases[k].totalEnergyKwh).toBe(s.totalEnergyKwh);
      expect(o.cases[k].iterations).toBe(s.iterations);
      const written = JSON.parse(fs.readFileSync(path.join(out, k === 0 ? "a" : "b", "plan.json"), "utf8")) as { summary: { objectiveCny: number } };
      expect(written.summary.objectiveCny).toBe(s.objectiveCny);
    }
    expect(fs.existsSync(path.join(out, "c-broken", "error.json"))).toBe(true);
    const csv = fs.readFileSync(path.join(out, "summary.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(4);
    expect(csv[0].split(",").slice(0, 3)).toEqual(["case", "file", "status"]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
