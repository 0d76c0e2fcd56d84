/**
 * Time handling of the session readers: zone offsets, DST gaps and repeats (Europe/Oslo and US zones), local
 * calendar fields, and the strict text parsers. Expected values are hand-derived from the published DST rules
 * (EU: last Sunday of March/October at 01:00 UTC; US: 2nd Sunday of March / 1st Sunday of November at 02:00 local)
 * or computed independently with luxon's DateTime.
 */
import fc from "fast-check";
import { DateTime } from "luxon";
import {
  isValidTimeZone,
  localIso,
  localParts,
  parseIsoText,
  parseNumberText,
  parseRfc1123Text,
  parseTimeText,
  patternParser,
  resolveLocalTime,
  wallFields,
  wallTimeToInstant,
  zoneOffsets,
} from "../lib/io";
import { ArgumentError } from "../lib/util/errors";

const H = 3_600_000;
const ZONES = ["Europe/Oslo", "America/New_York", "America/Los_Angeles", "America/Chicago", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

describe("resolveLocalTime: Europe/Oslo", () => {
  it("a time in the spring gap (31 Mar 2019 02:30) does not exist", () => {
    const r = resolveLocalTime(Date.UTC(2019, 2, 31, 2, 30), "Europe/Oslo");
    expect(r.status).toBe("nonexistent");
    expect(r.candidatesMs).toEqual([]);
    expect(Number.isNaN(r.ms)).toBe(true);
  });
  it("a time in the autumn repeat (27 Oct 2019 02:30) names two instants one hour apart", () => {
    const r = resolveLocalTime(Date.UTC(2019, 9, 27, 2, 30), "Europe/Oslo");
    expect(r.status).toBe("ambiguous");
    // 02:30 CEST = 00:30 UTC, 02:30 CET = 01:30 UTC.
    expect(r.candidatesMs).toEqual([Date.UTC(2019, 9, 27, 0, 30), Date.UTC(2019, 9, 27, 1, 30)]);
  });
  it("the minutes bordering the changes are unique", () => {
    expect(resolveLocalTime(Date.UTC(2019, 2, 31, 1, 59), "Europe/Oslo")).toMatchObject({ status: "ok", ms: Date.UTC(2019, 2, 31, 0, 59) });
    expect(resolveLocalTime(Date.UTC(2019, 2, 31, 3, 0), "Europe/Oslo")).toMatchObject({ status: "ok", ms: Date.UTC(2019, 2, 31, 1, 0) });
    expect(resolveLocalTime(Date.UTC(2019, 9, 27, 1, 59), "Europe/Oslo")).toMatchObject({ status: "ok", ms: Date.UTC(2019, 9, 26, 23, 59) });
    expect(resolveLocalTime(Date.UTC(2019, 9, 27, 3, 0), "Europe/Oslo")).toMatchObject({ status: "ok", ms: Date.UTC(2019, 9, 27, 2, 0) });
  });
  it("a session spanning the autumn change lasts one hour more than its wall-clock difference", () => {
    const a = resolveLocalTime(Date.UTC(2019, 9, 26, 20, 0), "Europe/Oslo").ms;
    const b = resolveLocalTime(Date.UTC(2019, 9, 27, 8, 0), "Europe/Oslo").ms;
    expect((b - a) / H).toBe(13);
  });
});

describe("resolveLocalTime: US zones", () => {
  it("America/New_York: 8 Mar 2015 02:30 does not exist, 2 Nov 2014 01:30 is ambiguous", () => {
    expect(resolveLocalTime(Date.UTC(2015, 2, 8, 2, 30), "America/New_York").status).toBe("nonexistent");
    const r = resolveLocalTime(Date.UTC(2014, 10, 2, 1, 30), "America/New_York");
    expect(r.status).toBe("ambiguous");
    expect(r.candidatesMs).toEqual([Date.UTC(2014, 10, 2, 5, 30), Date.UTC(2014, 10, 2, 6, 30)]);
  });
  it("America/Los_Angeles: 14 Mar 2021 02:15 does not exist, 7 Nov 2021 01:15 is ambiguous", () => {
    expect(resolveLocalTime(Date.UTC(2021, 2, 14, 2, 15), "America/Los_Angeles").status).toBe("nonexistent");
    expect(resolveLocalTime(Date.UTC(2021, 10, 7, 1, 15), "America/Los_Angeles").candidatesMs).toEqual([
      Date.UTC(2021, 10, 7, 8, 15),
      Date.UTC(2021, 10, 7, 9, 15),
    ]);
  });
  it("wallTimeToInstant moves a gap time forward and takes the first of a repeat", () => {
    expect(wallTimeToInstant(Date.UTC(2015, 2, 8, 2, 30), "America/New_York")).toBe(Date.UTC(2015, 2, 8, 7, 30)); // = 03:30 EDT
    expect(wallTimeToInstant(Date.UTC(2014, 10, 2, 1, 30), "America/New_York")).toBe(Date.UTC(2014, 10, 2, 5, 30));
  });
  it("rejects unknown zones with a typed error", () => {
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(() => resolveLocalTime(0, "Mars/Olympus")).toThrow(ArgumentError);
  });
});

describe("agreement with luxon (independent implementation)", () => {
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 0, 1) });
  it("ZoneOffsets.offsetMinutes equals luxon's offset at random instants", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, ms) => {
        expect(zoneOffsets(zone).offsetMinutes(ms)).toBe(DateTime.fromMillis(ms, { zone }).offset);
      }),
      { numRuns: 1000 },
    );
  });
  it("… and around every 2019–2020 transition of each zone (found by a 2-hourly luxon scan)", () => {
    const near: Array<[string, number]> = [];
    for (const zone of ZONES) {
      for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2021, 0, 1); t += 2 * H) {
        if (DateTime.fromMillis(t, { zone }).offset !== DateTime.fromMillis(t + 2 * H, { zone }).offset) near.push([zone, t]);
      }
    }
    expect(near.length).toBe(6 * 2 * 2); // 6 zones with DST × 2 changes × 2 years
    fc.assert(
      fc.property(fc.constantFrom(...near), fc.integer({ min: -H, max: 3 * H }), ([zone, t], jitter) => {
        expect(zoneOffsets(zone).offsetMinutes(t + jitter)).toBe(DateTime.fromMillis(t + jitter, { zone }).offset);
      }),
      { numRuns: 1000 },
    );
  });
  it("ZoneOffsets finds each 2019 Oslo transition to the millisecond", () => {
    const z = zoneOffsets("Europe/Oslo");
    const spring = Date.UTC(2019, 2, 31, 1, 0);
    const autumn = Date.UTC(2019, 9, 27, 1, 0);
    expect([z.offsetMinutes(spring - 1), z.offsetMinutes(spring)]).toEqual([60, 120]);
    expect([z.offsetMinutes(autumn - 1), z.offsetMinutes(autumn)]).toEqual([120, 60]);
  });
  it("resolveLocalTime agrees with a brute-force search over luxon offsets", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, t) => {
        const wall = Math.floor(t / 60_000) * 60_000;
        // Brute force: every instant within ±16 h whose luxon wall clock shows `wall`, probing each offset in use.
        const offsets = new Set<number>();
        for (let k = -16; k <= 16; k++) offsets.add(DateTime.fromMillis(wall + k * H, { zone }).offset);
        const expected = [...offsets]
          .map((o) => wall - o * 60_000)
          .filter((c) => DateTime.fromMillis(c, { zone }).offset * 60_000 + c === wall)
          .sort((a, b) => a - b);
        expect(resolveLocalTime(wall, zone).candidatesMs).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
  it("localParts equals luxon's calendar fields", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, ms) => {
        const p = localParts(ms, zone);
        const d = DateTime.fromMillis(ms, { zone });
        expect([p.year, p.month, p.day, p.hour, p.minute, p.weekday, p.date, p.offsetMin]).toEqual([
          d.year,
          d.month,
          d.day,
          d.hour,
          d.minute,
          d.weekday,
          d.toISODate(),
          d.offset,
        ]);
      }),
      { numRuns: 400 },
    );
  });
  it("localIso prints the local time with its offset and parses back to the same instant", () => {
    expect(localIso(Date.UTC(2019, 9, 27, 1, 30), "Europe/Oslo")).toBe("2019-10-27T02:30:00+01:00");
    expect(localIso(Date.UTC(2019, 9, 27, 0, 30), "Europe/Oslo")).toBe("2019-10-27T02:30:00+02:00");
    expect(localIso(Date.UTC(2014, 10, 18, 20, 40, 26), "America/New_York")).toBe("2014-11-18T15:40:26-05:00");
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, ms) => {
        expect(DateTime.fromISO(localIso(ms, zone)).toMillis()).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });
});

describe("timestamp text parsers", () => {
  it("token patterns: Norwegian dd.MM.yyyy HH:mm, impossible dates rejected", () => {
    const p = patternParser("dd.MM.yyyy HH:mm");
    expect(p("21.12.2018 10:20")).toEqual({ kind: "wall", wallMs: Date.UTC(2018, 11, 21, 10, 20) });
    expect(p(" 21.12.2018 10:20 ")).toEqual({ kind: "wall", wallMs: Date.UTC(2018, 11, 21, 10, 20) });
    expect(p("31.04.2019 10:00")).toBeUndefined(); // 31 April
    expect(p("29.02.2019 10:00")).toBeUndefined(); // not a leap year
    expect(p("29.02.2020 10:00")).toBeDefined();
    expect(p("21.12.2018 24:00")).toBeUndefined();
    expect(p("21.12.2018")).toBeUndefined();
    expect(p("2018-12-21 10:20")).toBeUndefined();
  });
  it("years written 0014 become 2014 with century 2000, and stay year 14 without", () => {
    const withCentury = patternParser("yyyy-MM-dd HH:mm:ss", 2000)("0014-11-18 15:40:26");
    expect(withCentury).toEqual({ kind: "wall", wallMs: Date.UTC(2014, 10, 18, 15, 40, 26) });
    const raw = patternParser("yyyy-MM-dd HH:mm:ss")("0014-11-18 15:40:26");
    expect(raw?.kind === "wall" && new Date(raw.wallMs).getUTCFullYear()).toBe(14);
  });
  it("patterns outside the fast subset go through luxon", () => {
    const p = patternParser("dd MMM yyyy h:mm a");
    expect(p("05 Mar 2021 3:07 PM")).toEqual({ kind: "wall", wallMs: Date.UTC(2021, 2, 5, 15, 7) });
    expect(p("05 Foo 2021 3:07 PM")).toBeUndefined();
  });
  it("quoted literals in patterns", () => {
    expect(patternParser("yyyy-MM-dd'T'HH:mm")("2021-03-05T15:07")).toEqual({ kind: "wall", wallMs: Date.UTC(2021, 2, 5, 15, 7) });
  });
  it("ISO 8601 with and without offsets", () => {
    expect(parseIsoText("2021-03-05T15:07:09")).toEqual({ kind: "wall", wallMs: Date.UTC(2021, 2, 5, 15, 7, 9) });
    expect(parseIsoText("2021-03-05 15:07")).toEqual({ kind: "wall", wallMs: Date.UTC(2021, 2, 5, 15, 7) });
    expect(parseIsoText("2021-03-05T15:07:09.250Z")).toEqual({ kind: "instant", ms: Date.UTC(2021, 2, 5, 15, 7, 9, 250) });
    expect(parseIsoText("2021-03-05T15:07:09+01:00")).toEqual({ kind: "instant", ms: Date.UTC(2021, 2, 5, 14, 7, 9) });
    expect(parseIsoText("2021-03-05T15:07:09-0530")).toEqual({ kind: "instant", ms: Date.UTC(2021, 2, 5, 20, 37, 9) });
    expect(parseIsoText("2021-02-30T15:07")).toBeUndefined();
    expect(parseIsoText("yesterday")).toBeUndefined();
  });
  it("RFC 1123 (ACN-Data), weekday checked against the date", () => {
    expect(parseRfc1123Text("Tue, 01 Dec 2020 13:59:06 GMT")).toEqual({ kind: "instant", ms: Date.UTC(2020, 11, 1, 13, 59, 6) });
    expect(parseRfc1123Text("Wed, 01 Dec 2020 13:59:06 GMT")).toBeUndefined();
    expect(parseRfc1123Text("Tue, 01 Dec 2020 13:59:06 +0100")).toEqual({ kind: "instant", ms: Date.UTC(2020, 11, 1, 12, 59, 6) });
    expect(parseRfc1123Text("01 Dec 2020 13:59:06 GMT")).toEqual({ kind: "instant", ms: Date.UTC(2020, 11, 1, 13, 59, 6) });
    expect(parseRfc1123Text("Tue, 01 Dek 2020 13:59:06 GMT")).toBeUndefined();
    expect(parseRfc1123Text("Tue, 31 Nov 2020 13:59:06 GMT")).toBeUndefined();
  });
  it("wallFields refuses non-integers and out-of-range fields", () => {
    expect(wallFields(2020, 13, 1)).toBeUndefined();
    expect(wallFields(2020, 1, 1.5)).toBeUndefined();
    expect(wallFields(2020, 1, 1, 23, 59, 59, 999)).toBe(Date.UTC(2020, 0, 1, 23, 59, 59, 999));
  });
});

describe("typed field values", () => {
  it("numbers: decimal comma, NA, garbage", () => {
    expect(parseNumberText("0,3", ",", ["NA"])).toEqual({ status: "ok", value: 0.3 });
    expect(parseNumberText("29,87", ",", ["NA"]).value).toBeCloseTo(29.87, 12);
    expect(parseNumberText("NA", ",", ["NA"]).status).toBe("missing");
    expect(parseNumberText("", ".", ["NA"]).status).toBe("missing");
    expect(parseNumberText("0.3", ",", ["NA"]).status).toBe("unparseable");
    expect(parseNumberText("1,234.5", ".", []).status).toBe("unparseable");
    expect(parseNumberText("7 kWh", ".", []).status).toBe("unparseable");
    expect(parseNumberText("-2.5e1", ".", []).value).toBe(-25);
  });
  it("times: DST statuses carry a reason naming the zone", () => {
    const p = patternParser("dd.MM.yyyy HH:mm");
    const gap = parseTimeText("31.03.2019 02:30", p, "Europe/Oslo", ["NA"]);
    expect(gap.status).toBe("nonexistent");
    expect(gap.reason).toMatch(/Europe\/Oslo/);
    expect(parseTimeText("27.10.2019 02:30", p, "Europe/Oslo", ["NA"]).status).toBe("ambiguous");
    expect(parseTimeText("27.10.2019 02:30", p, "UTC", ["NA"])).toEqual({ status: "ok", ms: Date.UTC(2019, 9, 27, 2, 30) });
    expect(parseTimeText("NA", p, "Europe/Oslo", ["NA"]).status).toBe("missing");
    expect(parseTimeText("31.13.2019 02:30", p, "Europe/Oslo", ["NA"]).status).toBe("unparseable");
    expect(parseTimeText("27.10.2019 02:30", p, "Nowhere/Land", ["NA"]).status).toBe("unparseable");
  });
});
