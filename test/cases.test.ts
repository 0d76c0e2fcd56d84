/**
 * The committed planning cases (data/cases/): both validate, and the co-located variant differs from the paper case
 * only where its README says.
 */
import * as path from "path";
import { describe, expect, it } from "vitest";
import { casePath, paperCasePath, readPlanningCase } from "../lib/cases/read-case";

const colocatedPath = casePath("paper-ieee33-colocated");

// IEEE 33-bus topology (Baran & Wu 1989): the main feeder runs 1–18; laterals 19–22 leave bus 2, 23–25 bus 3 and
// 26–33 bus 6. Written out here rather than taken from lib/network.
const mainFeeder = new Set(Array.from({ length: 18 }, (_, i) => i + 1));
const lateral19to22 = new Set([19, 20, 21, 22]);

describe("planning cases", () => {
  it("casePath names the files of data/cases/", () => {
    expect(paperCasePath()).toBe(path.join(path.dirname(colocatedPath), "paper-ieee33.json"));
    expect(path.basename(path.dirname(colocatedPath))).toBe("cases");
  });

  it("both committed cases validate", () => {
    expect(readPlanningCase().name).toBe("paper-ieee33");
    expect(readPlanningCase(colocatedPath).name).toBe("paper-ieee33-colocated");
  });

  it("the co-located case moves PV and EV onto the feeders of buses 16 and 21 and changes nothing else", () => {
    const paper = readPlanningCase();
    const colocated = readPlanningCase(colocatedPath);
    const strip = (c: typeof paper) => ({ ...c, name: "", description: "", pv: [], ev: { ...c.ev, stations: [] } });
    expect(strip(colocated)).toEqual(strip(paper));
    const buses = [...colocated.pv.map((p) => p.bus), ...colocated.ev.stations.map((s) => s.bus)];
    for (const b of buses) expect(mainFeeder.has(b) || lateral19to22.has(b)).toBe(true);
    // The paper case has PV or EV on the other two laterals (that is what the variant changes).
    expect([...paper.pv.map((p) => p.bus), ...paper.ev.stations.map((s) => s.bus)].some((b) => !mainFeeder.has(b) && !lateral19to22.has(b))).toBe(true);
    // The same fleet, and the PV scaled by one calibration factor (README: 1.011, rounded to 10 kW).
    const evs = (c: typeof paper) => c.ev.stations.reduce((s, x) => s + x.evCount, 0);
    expect(evs(colocated)).toBe(evs(paper));
    const pvKw = (c: typeof paper) => c.pv.reduce((s, x) => s + x.capacityKw, 0);
    expect(pvKw(colocated) / pvKw(paper)).toBeCloseTo(1.011, 2);
  });
});
