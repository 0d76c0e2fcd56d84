/**
 * The readers on the real files of ../shared/data (skipped with a notice where absent). Expected counts come from
 * the data set's description (SOURCES.md), independent checks recompute values from the raw text with plain
 * string handling, and the files' own redundant columns (`Duration_hours`, `chargeTimeHrs`) cross-check the
 * time-zone handling.
 */
import * as fs from "fs";
import { hasSharedData, readSessionFile, type RawReadResult, SHARED_FILES, sharedDataFile } from "../lib/io";

const has = {
  residential: hasSharedData(SHARED_FILES.evResidential),
  acn: hasSharedData(SHARED_FILES.evAcn),
  workplace: hasSharedData(SHARED_FILES.evWorkplace),
};
for (const [k, v] of Object.entries(has)) if (!v) console.log(`[io-real] skipping ${k}: real data file not found under ${sharedDataFile()}`);

const col = (r: RawReadResult, name: string) => r.columns.indexOf(name);

describe.skipIf(!has.residential)("Norwegian residential file", () => {
  const r = has.residential ? readSessionFile(sharedDataFile(SHARED_FILES.evResidential)) : (undefined as unknown as RawReadResult);

  it("reads 6,878 rows, detected as residential, none malformed", () => {
    expect(r.format).toBe("residential");
    expect(r.records).toHaveLength(6878);
    expect(r.records.filter((x) => x.malformed)).toHaveLength(0);
    // Independent count: non-empty lines minus the header.
    const lines = fs.readFileSync(sharedDataFile(SHARED_FILES.evResidential), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
    expect(r.records).toHaveLength(lines.length - 1);
  });
  it("34 rows have no plug-out (the open sessions), every other time is valid: no DST gap or repeat", () => {
    expect(r.records.filter((x) => x.plugOut.status === "missing")).toHaveLength(34);
    expect(r.records.filter((x) => x.plugIn.status !== "ok")).toHaveLength(0);
    expect(r.records.filter((x) => x.plugOut.status !== "ok" && x.plugOut.status !== "missing")).toHaveLength(0);
  });
  it("durations from the instants match Duration_hours, including +1 h for the 17 sessions over 27 Oct 2019", () => {
    const iDur = col(r, "Duration_hours");
    const iIn = col(r, "Start_plugin");
    const iOut = col(r, "End_plugout");
    const wall = (t: string) => {
      const [d, m, y, hh, mm] = t.split(/[.: ]/).map(Number);
      return Date.UTC(y, m - 1, d, hh, mm);
    };
    const withBoth = r.records.filter((x) => x.plugOut.status === "ok");
    const off = withBoth
      .map((x) => ({ x, diff: (x.plugOut.ms - x.plugIn.ms) / 3_600_000 - Number(x.values[iDur].replace(",", ".")) }))
      .filter((d) => Math.abs(d.diff) > 1 / 60);
    // Disagreements: 5 rows of 22 Jun 2019 whose Duration_hours is 2 h short (SOURCES.md), and the 6 sessions over
    // the spring change of 31 Mar 2019, where Duration_hours is the naive wall difference (it ignores the skipped
    // hour, while the autumn rows do count the repeated one). We keep the instants' true elapsed time.
    const june = off.filter((d) => d.x.values[iIn].startsWith("22.06.2019"));
    expect(june).toHaveLength(5);
    expect(june.every((d) => Math.abs(d.diff - 2) < 1 / 60)).toBe(true);
    const spring = off.filter((d) => !d.x.values[iIn].startsWith("22.06.2019"));
    expect(spring).toHaveLength(6);
    for (const d of spring) {
      expect(wall(d.x.values[iIn])).toBeLessThan(Date.UTC(2019, 2, 31, 2));
      expect(wall(d.x.values[iOut])).toBeGreaterThan(Date.UTC(2019, 2, 31, 3));
      expect(Math.abs(d.diff + 1)).toBeLessThan(1 / 60);
    }
    // The 17 sessions spanning the autumn change: instant difference = naive wall difference + 1 h = Duration_hours.
    const autumn = withBoth.filter((x) => wall(x.values[iIn]) < Date.UTC(2019, 9, 27, 2) && wall(x.values[iOut]) > Date.UTC(2019, 9, 27, 3));
    expect(autumn).toHaveLength(17);
    for (const x of autumn) expect((x.plugOut.ms - x.plugIn.ms - (wall(x.values[iOut]) - wall(x.values[iIn]))) / 3_600_000).toBe(1);
  });
});

describe.skipIf(!has.acn)("Caltech ACN-Data file", () => {
  const r = has.acn ? readSessionFile(sharedDataFile(SHARED_FILES.evAcn)) : (undefined as unknown as RawReadResult);
  it("reads 3,235 items; instants equal Date.parse of the GMT strings; zone America/Los_Angeles", () => {
    expect(r.format).toBe("acn");
    expect(r.records).toHaveLength(3235);
    const items = (JSON.parse(fs.readFileSync(sharedDataFile(SHARED_FILES.evAcn), "utf8")) as { _items: Array<Record<string, unknown>> })._items;
    r.records.forEach((x, i) => {
      expect(x.plugIn.ms).toBe(Date.parse(items[i].connectionTime as string));
      expect(x.plugOut.ms).toBe(Date.parse(items[i].disconnectTime as string));
      expect(x.energyKwh.value).toBe(items[i].kWhDelivered);
      expect(x.timeZone).toBe("America/Los_Angeles");
    });
    expect(r.records.filter((x) => x.userId === undefined)).toHaveLength(256);
    expect(r.records.filter((x) => x.stationId === "2-39-81-4550")).toHaveLength(1105);
  });
});

describe.skipIf(!has.workplace)("US workplace file", () => {
  const r = has.workplace ? readSessionFile(sharedDataFile(SHARED_FILES.evWorkplace)) : (undefined as unknown as RawReadResult);
  it("reads 3,395 rows; years 0014/0015 become 2014/2015", () => {
    expect(r.format).toBe("workplace");
    expect(r.records).toHaveLength(3395);
    const years = new Set(r.records.map((x) => new Date(x.plugIn.ms).getUTCFullYear()));
    expect([...years].sort()).toEqual([2014, 2015]);
    const first = r.records[0];
    expect(first.values[col(r, "created")]).toBe("0014-11-18 15:40:26");
    expect(first.plugIn.ms).toBe(Date.UTC(2014, 10, 18, 20, 40, 26)); // 15:40:26 EST
    expect(r.records.filter((x) => x.values[col(r, "created")].startsWith("0014"))).toHaveLength(23);
  });
  it("durations equal chargeTimeHrs for every row, and no time falls in a DST gap or repeat of any US zone", () => {
    const iHrs = col(r, "chargeTimeHrs");
    for (const x of r.records) expect(Math.abs((x.plugOut.ms - x.plugIn.ms) / 3_600_000 - Number(x.values[iHrs]))).toBeLessThan(1 / 3600);
    for (const zone of ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]) {
      const z = readSessionFile(sharedDataFile(SHARED_FILES.evWorkplace), { timeZone: zone });
      expect(z.records.filter((x) => x.plugIn.status !== "ok" || x.plugOut.status !== "ok")).toHaveLength(0);
    }
  });
});
