/**
 * SubproblemRunner.onRound (what bench/planning --rounds reads): one call per solver run of an evaluation's cut loop,
 * whose iterations add up to the evaluation's, whose objectives only rise (each round adds valid cuts to a
 * relaxation) and end at the evaluation's cost, the last adding no cut.
 */
import { noStorage, planningNetwork, SubproblemRunner } from "../lib";
import { tinyInputs } from "./planning-fixtures";

describe("SubproblemRunner.onRound", () => {
  it("reports every round of an evaluation", async () => {
    const inputs = tinyInputs();
    const st = inputs.case.storage;
    const runner = new SubproblemRunner(planningNetwork(inputs), inputs.case, inputs.scenarios[0]);
    const rounds: { round: number; iterations: number; objective: number; added: number }[] = [];
    runner.onRound = (round, sol, added) => rounds.push({ round, iterations: sol.iterations, objective: sol.objective, added });
    const built = { built: st.candidates.map(() => true), eKwh: st.candidates.map(() => st.maxEnergyKwhPerSite / 2), pKw: st.candidates.map(() => st.maxEnergyKwhPerSite / 4) };
    try {
      for (const x of [noStorage(inputs), built]) {
        rounds.length = 0;
        const r = await runner.evaluate(x, false, 1e-7);
        expect(rounds.map((q) => q.round)).toEqual(Array.from({ length: r.rounds }, (_, k) => k + 1));
        expect(rounds.reduce((a, q) => a + q.iterations, 0)).toBe(r.simplexIterations);
        for (let k = 1; k < rounds.length; k++) expect(rounds[k].objective).toBeGreaterThanOrEqual(rounds[k - 1].objective - 1e-9 * Math.abs(rounds[k - 1].objective));
        expect(rounds[rounds.length - 1].objective).toBe(r.valueCny);
        expect(rounds[rounds.length - 1].added).toBe(0);
        expect(rounds.slice(0, -1).every((q) => q.added > 0)).toBe(true);
      }
    } finally {
      runner.dispose();
    }
  });
});
