/**
 * Property tests (fast-check): on random, malformed session files, reading + cleaning never throws anything but a
 * typed DataValidationError (empty file, no data rows, unknown layout, missing columns), every row is accounted
 * for (rowsIn = rowsKept + Σ rejected, one reject line per rejected row), and every kept session satisfies the
 * rules' guarantees.
 */
import fc from "fast-check";
import { cleanSessions, type CleanRule } from "../lib/clean";
import { type ColumnMapping, dwellHours, type ReadOptions, readSessionText } from "../lib/io";
import { DataValidationError } from "../lib/util/errors";

const NOR = ["session_ID", "Garage_ID", "User_ID", "User_type", "Shared_ID", "Start_plugin", "Start_plugin_hour", "End_plugout", "End_plugout_hour", "El_kWh", "Duration_hours", "month_plugin", "weekdays_plugin"];
const WP = ["sessionId", "kwhTotal", "dollars", "created", "ended", "startTime", "endTime", "chargeTimeHrs", "weekday", "platform", "distance", "userId", "stationId", "locationId"];
const GEN = ["sid", "evse", "who", "start", "stop", "kwh", "tz"];
const GEN_MAPPING: ColumnMapping = { id: "sid", stationId: "evse", userId: "who", plugIn: "start", plugOut: "stop", energyKwh: "kwh", timeZone: "Europe/Oslo", timeZoneColumn: "tz" };

const pad = (n: number) => String(n).padStart(2, "0");
/** Times near the 2019 Oslo and US DST changes (gaps and repeats included), in each file's notation. */
const wall = fc.record({ d: fc.constantFrom(9, 10, 30, 31, 26, 27, 2, 3, 8), mo: fc.constantFrom(3, 10, 11), h: fc.integer({ min: 0, max: 23 }), mi: fc.constantFrom(0, 15, 30, 59) });
const norTime = wall.map(({ d, mo, h, mi }) => `${pad(d)}.${pad(mo)}.2019 ${pad(h)}:${pad(mi)}`);
const wpTime = fc.tuple(wall, fc.constantFrom("14", "15")).map(([{ d, mo, h, mi }, yy]) => `00${yy}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:00`);
const isoTime = wall.map(({ d, mo, h, mi }) => `2019-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`);
const junk = fc.oneof(
  fc.constantFrom("", "NA", "N/A", "null", '"', '""', ";", ",", "\n", "\r\n", "-1", "0", "0,0", "1e309", "NaN", "31.02.2019 10:00", "Mars/Base", "America/New_York"),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const kwh = (dec: string) => fc.oneof(fc.double({ min: -5, max: 120, noNaN: true }).map((x) => x.toFixed(2).replace(".", dec)), junk);

/** A value for a column: mostly plausible, sometimes junk. */
function field(col: string): fc.Arbitrary<string> {
  const by: Record<string, fc.Arbitrary<string>> = {
    Start_plugin: norTime,
    End_plugout: norTime,
    El_kWh: kwh(","),
    created: wpTime,
    ended: wpTime,
    kwhTotal: kwh("."),
    start: isoTime,
    stop: isoTime,
    kwh: kwh("."),
    tz: fc.constantFrom("", "Europe/Oslo", "America/Chicago", "Nowhere/Zone"),
    Garage_ID: fc.constantFrom("G1", "G2", ""),
    stationId: fc.constantFrom("S1", "S2", ""),
    evse: fc.constantFrom("E1", "E2"),
    User_ID: fc.constantFrom("u1", "u2", "NA"),
    userId: fc.constantFrom("u1", "u2"),
    who: fc.constantFrom("u1", "u2", ""),
    session_ID: fc.constantFrom("1", "2", "3", "4"),
    sessionId: fc.constantFrom("1", "2", "3", "4"),
    sid: fc.constantFrom("1", "2", "3"),
  };
  return fc.oneof({ weight: 5, arbitrary: by[col] ?? fc.constantFrom("x", "1") }, { weight: 1, arbitrary: junk });
}

const fileArb = fc
  .constantFrom(
    { cols: NOR, sep: ";", options: {} as ReadOptions },
    { cols: WP, sep: ",", options: {} as ReadOptions },
    { cols: GEN, sep: ",", options: { mapping: GEN_MAPPING } as ReadOptions },
  )
  .chain(({ cols, sep, options }) =>
    fc.record({
      header: fc.oneof({ weight: 6, arbitrary: fc.constant(cols) }, { weight: 1, arbitrary: fc.shuffledSubarray(cols, { minLength: 1 }) }),
      rows: fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.tuple(...cols.map(field)) as fc.Arbitrary<string[]> },
          { weight: 1, arbitrary: fc.array(junk, { maxLength: cols.length + 2 }) },
        ),
        { maxLength: 25 },
      ),
      eol: fc.constantFrom("\n", "\r\n"),
      trailing: fc.boolean(),
      sep: fc.constant(sep),
      options: fc.constant(options),
    }),
  )
  .map(({ header, rows, eol, trailing, sep, options }) => ({
    text: [header.join(sep), ...rows.map((r) => r.join(sep))].join(eol) + (trailing ? eol : ""),
    options,
  }));

describe("reading + cleaning random malformed files", () => {
  it("only typed errors; rowsIn = rowsKept + Σ rejected; kept sessions obey every rule", () => {
    let cleaned = 0;
    let rejectedRows = 0;
    fc.assert(
      fc.property(fileArb, ({ text, options }) => {
        let read;
        try {
          read = readSessionText(text, options);
        } catch (e) {
          expect(e).toBeInstanceOf(DataValidationError);
          expect((e as Error).message).toMatch(/empty|no data rows|missing|cannot tell/);
          return;
        }
        const res = cleanSessions(read);
        cleaned += 1;
        const sum = Object.values(res.report.rejected).reduce((a, b) => a + b, 0);
        expect(res.report.rowsIn).toBe(read.records.length);
        expect(res.report.rowsKept + sum).toBe(res.report.rowsIn);
        expect(res.rejects).toHaveLength(sum);
        rejectedRows += sum;
        const perRule: Record<string, number> = {};
        for (const r of res.rejects) perRule[r.rule] = (perRule[r.rule] ?? 0) + 1;
        for (const [rule, n] of Object.entries(res.report.rejected)) expect(perRule[rule as CleanRule] ?? 0).toBe(n);
        const ids = new Set<string>();
        for (const s of res.sessions) {
          expect(Number.isFinite(s.plugInMs) && Number.isFinite(s.plugOutMs)).toBe(true);
          expect(dwellHours(s)).toBeGreaterThan(0);
          expect(dwellHours(s)).toBeLessThanOrEqual(48);
          expect(s.energyKwh).toBeGreaterThan(0);
          expect(s.energyKwh).toBeLessThanOrEqual((s.chargerKw as number) * dwellHours(s) * (1 + 1e-12));
          expect(ids.has(s.id)).toBe(false);
          ids.add(s.id);
        }
      }),
      { numRuns: 300, seed: 20240611 },
    );
    // The generator must exercise the cleaning path, not only the file errors.
    expect(cleaned).toBeGreaterThan(150);
    expect(rejectedRows).toBeGreaterThan(100);
  });

  it("random JSON is either an ACN file or a typed error", () => {
    const item = fc.record(
      {
        sessionID: fc.oneof(fc.constantFrom("a", "b"), fc.constant(null)),
        stationID: fc.constantFrom("S1", "S2"),
        connectionTime: fc.constantFrom("Tue, 01 Dec 2020 13:59:06 GMT", "Wed, 01 Dec 2020 13:59:06 GMT", "bad", null),
        disconnectTime: fc.constantFrom("Tue, 01 Dec 2020 19:33:50 GMT", "Tue, 01 Dec 2020 13:00:00 GMT"),
        kWhDelivered: fc.oneof(fc.double({ min: -1, max: 500, noNaN: true }), fc.constant("7.5"), fc.constant(null)),
        timezone: fc.constantFrom("America/Los_Angeles", "Nowhere/Zone", null),
        userID: fc.constantFrom("u1", null),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: item }, { weight: 1, arbitrary: fc.jsonValue() }), { maxLength: 12 }), fc.boolean(), (items, wrap) => {
        const text = JSON.stringify(wrap ? { _meta: {}, _items: items } : items);
        try {
          const res = cleanSessions(readSessionText(text, { format: "acn" }));
          expect(res.report.rowsKept + Object.values(res.report.rejected).reduce((a, b) => a + b, 0)).toBe(items.length);
        } catch (e) {
          expect(e).toBeInstanceOf(DataValidationError);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
