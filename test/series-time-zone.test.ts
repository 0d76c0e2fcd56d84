/**
 * The cached zone offsets against luxon's own computation (called directly, per instant), and wall-clock
 * conversions on hand-checked DST changes.
 */
import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { addDays, isoWeekday, localTime, localToUtc, zoneOffsetMinutes } from "../lib/io/series/time-zone";
import { ArgumentError } from "../lib/util/errors";

const ZONES = ["Europe/Paris", "America/New_York", "Europe/Oslo", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

describe("zone offsets", () => {
  it("agree with luxon at any instant 2000–2030 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        const expected = zone === "UTC" ? 0 : IANAZone.create(zone).offset(ms);
        expect(zoneOffsetMinutes(zone, ms)).toBe(expected);
        const lt = localTime(zone, ms);
        const dt = DateTime.fromMillis(ms, { zone });
        expect([lt.year, lt.month, lt.day, lt.hour, lt.minute, lt.weekday]).toEqual([dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.weekday]);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("agree with luxon on every minute around the Paris and New York changes", () => {
    for (const [zone, iso] of [
      ["Europe/Paris", "2019-03-31T00:00:00Z"],
      ["Europe/Paris", "2019-10-27T00:00:00Z"],
      ["America/New_York", "2014-03-09T06:00:00Z"],
      ["America/New_York", "2014-11-02T05:00:00Z"],
    ] as const) {
      const t0 = Date.parse(iso);
      for (let m = 0; m < 180; m++) {
        const t = t0 + m * 60_000;
        expect(zoneOffsetMinutes(zone, t)).toBe(IANAZone.create(zone).offset(t));
      }
    }
  });

  it("rejects an unknown zone", () => {
    expect(() => zoneOffsetMinutes("Mars/Olympus", 0)).toThrow(ArgumentError);
  });
});

describe("wall clock to UTC", () => {
  it("Paris: 02:30 does not exist on 2019-03-31 and exists twice on 2019-10-27", () => {
    expect(localToUtc("Europe/Paris", 2019, 3, 31, 2, 30)).toEqual({ status: "nonexistent", instantsMs: [] });
    expect(localToUtc("Europe/Paris", 2019, 10, 27, 2, 30)).toEqual({
      status: "ambiguous",
      instantsMs: [Date.parse("2019-10-27T00:30:00Z"), Date.parse("2019-10-27T01:30:00Z")],
    });
    expect(localToUtc("Europe/Paris", 2019, 7, 1, 12)).toEqual({ status: "ok", instantsMs: [Date.parse("2019-07-01T10:00:00Z")] });
  });

  it("New York: 01:00 twice on 2014-11-02", () => {
    expect(localToUtc("America/New_York", 2014, 11, 2, 1).instantsMs).toEqual([Date.parse("2014-11-02T05:00:00Z"), Date.parse("2014-11-02T06:00:00Z")]);
    expect(localToUtc("America/New_York", 2014, 3, 9, 2).status).toBe("nonexistent");
  });

  it("calendar helpers", () => {
    expect(isoWeekday("2019-01-05")).toBe(6); // a Saturday
    expect(isoWeekday("2019-01-07")).toBe(1);
    expect(addDays("2019-12-31", 1)).toBe("2020-01-01");
    expect(addDays("2020-03-01", -1)).toBe("2020-02-29");
    expect(() => isoWeekday("2019-02-30")).toThrow(ArgumentError);
  });
});
