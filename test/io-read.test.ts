/**
 * Session readers on small hand-made files: each format, detection by content, the typed errors for whole-file
 * problems, malformed rows kept (and flagged) rather than dropped, streaming = whole-text reading, canonical CSV
 * round trip.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CANONICAL_CSV_MAPPING,
  type ChargingSession,
  detectSessionFormat,
  readSessionFile,
  readSessionFileAsync,
  readSessionText,
  sessionsToCsv,
} from "../lib/io";
import { ArgumentError, DataValidationError } from "../lib/util/errors";

const NOR_HEADER =
  "session_ID;Garage_ID;User_ID;User_type;Shared_ID;Start_plugin;Start_plugin_hour;End_plugout;End_plugout_hour;El_kWh;Duration_hours;month_plugin;weekdays_plugin";
const nor = (...rows: string[]) => [NOR_HEADER, ...rows].join("\r\n") + "\r\n";

const WP_HEADER =
  "sessionId,kwhTotal,dollars,created,ended,startTime,endTime,chargeTimeHrs,weekday,platform,distance,userId,stationId,locationId,managerVehicle,facilityType,Mon,Tues,Wed,Thurs,Fri,Sat,Sun,reportedZip";
const wpRow = (id: string, kwh: string, created: string, ended: string, user = "35897499", station = "582873") =>
  `${id},${kwh},0,${created},${ended},15,17,1.5,Tue,android,NA,${user},${station},461655,0,3,0,1,0,0,0,0,0,0`;

const acnItem = (over: Record<string, unknown> = {}) => ({
  _id: "5fdd57d8f9af8b16e6675e0e",
  clusterID: "0039",
  connectionTime: "Tue, 01 Dec 2020 13:59:06 GMT",
  disconnectTime: "Tue, 01 Dec 2020 19:33:50 GMT",
  doneChargingTime: null,
  kWhDelivered: 7.877,
  sessionID: "s1",
  siteID: "0002",
  spaceID: "CA-305",
  stationID: "2-39-131-30",
  timezone: "America/Los_Angeles",
  userID: "000008677",
  userInputs: [{ WhPerMile: 310 }],
  ...over,
});

describe("Norwegian residential CSV", () => {
  const text = nor(
    "1;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday",
    "2;AdO3;AdO3-4;Private;NA;31.03.2019 02:30;2;31.03.2019 05:00;5;3,5;2,5;Mar;Sunday",
    "3;AdO3;AdO3-2;Private;NA;26.10.2019 20:00;20;27.10.2019 02:30;2;10;6,5;Oct;Saturday",
    "4;Bl2;Share-7;Shared;Shared-7;23.12.2019 11:23;11;NA;NA;0,96;NA;Dec;Monday",
    "5;Bl2;Share-7;Shared;Shared-7;26.10.2019 20:00;20;27.10.2019 08:00;8;12,25;13;Oct;Saturday",
  );
  const r = readSessionText(text);

  it("is detected from its header and read with decimal commas and Oslo wall time", () => {
    expect(r.format).toBe("residential");
    expect(r.records).toHaveLength(5);
    const a = r.records[0];
    expect(a).toMatchObject({ row: 1, id: "1", stationId: "AdO3", userId: "AdO3-4", timeZone: "Europe/Oslo" });
    expect(a.plugIn).toEqual({ status: "ok", ms: Date.UTC(2018, 11, 21, 9, 20) }); // CET = UTC+1
    expect(a.energyKwh).toEqual({ status: "ok", value: 0.3 });
  });
  it("flags the spring gap, the autumn repeat and NA without dropping the rows", () => {
    expect(r.records[1].plugIn.status).toBe("nonexistent");
    expect(r.records[2].plugOut.status).toBe("ambiguous");
    expect(r.records[3].plugOut.status).toBe("missing");
    expect(r.records[3].energyKwh.value).toBeCloseTo(0.96, 12);
  });
  it("a session across the autumn change lasts its wall difference + 1 h (as the file's Duration_hours says)", () => {
    const s = r.records[4];
    expect((s.plugOut.ms - s.plugIn.ms) / 3_600_000).toBe(13);
  });
  it("the time zone can be overridden", () => {
    const utc = readSessionText(text, { timeZone: "UTC" });
    expect(utc.records[0].plugIn.ms).toBe(Date.UTC(2018, 11, 21, 10, 20));
    expect(utc.records[1].plugIn.status).toBe("ok");
  });
});

describe("US workplace CSV", () => {
  it("reads 0014 as 2014, in America/New_York by default", () => {
    const r = readSessionText([WP_HEADER, wpRow("1366563", "7.78", "0014-11-18 15:40:26", "0014-11-18 17:11:04")].join("\r\n"));
    expect(r.format).toBe("workplace");
    expect(r.records[0].plugIn).toEqual({ status: "ok", ms: Date.UTC(2014, 10, 18, 20, 40, 26) }); // EST = UTC−5
    expect(r.records[0].timeZone).toBe("America/New_York");
    const la = readSessionText([WP_HEADER, wpRow("1", "7.78", "0014-11-18 15:40:26", "0014-11-18 17:11:04")].join("\n"), { timeZone: "America/Los_Angeles" });
    expect(la.records[0].plugIn.ms).toBe(Date.UTC(2014, 10, 18, 23, 40, 26));
  });
  it("flags a US DST gap and repeat", () => {
    const r = readSessionText(
      [WP_HEADER, wpRow("1", "5", "0015-03-08 02:30:00", "0015-03-08 05:00:00"), wpRow("2", "5", "0014-11-02 00:30:00", "0014-11-02 01:30:00")].join("\n"),
    );
    expect(r.records[0].plugIn.status).toBe("nonexistent");
    expect(r.records[1].plugIn.status).toBe("ok");
    expect(r.records[1].plugOut.status).toBe("ambiguous");
  });
});

describe("ACN-Data JSON", () => {
  it("reads the export object and a bare array; GMT instants; null user → none", () => {
    const doc = { _meta: { site: "caltech" }, _items: [acnItem(), acnItem({ sessionID: "s2", userID: null, userInputs: null })] };
    for (const text of [JSON.stringify(doc, null, 2), JSON.stringify(doc._items)]) {
      const r = readSessionText(text);
      expect(r.format).toBe("acn");
      expect(r.records).toHaveLength(2);
      expect(r.records[0]).toMatchObject({ id: "s1", stationId: "2-39-131-30", userId: "000008677", timeZone: "America/Los_Angeles" });
      expect(r.records[0].plugIn.ms).toBe(Date.UTC(2020, 11, 1, 13, 59, 6));
      expect(r.records[0].energyKwh.value).toBe(7.877);
      expect(r.records[1].userId).toBeUndefined();
      expect(r.columns).toContain("userInputs");
    }
  });
  it("items that are not objects are kept as malformed rows; a bad zone makes the times unparseable", () => {
    const r = readSessionText(JSON.stringify({ _items: [acnItem(), 42, null, acnItem({ timezone: "Mars/Base" })] }));
    expect(r.records.map((x) => x.malformed === undefined)).toEqual([true, false, false, true]);
    expect(r.records[3].plugIn.status).toBe("unparseable");
  });
  it("errors: not JSON, no _items, empty _items, missing field everywhere", () => {
    expect(() => readSessionText('{"_items": [', { format: "acn" })).toThrow(DataValidationError);
    expect(() => readSessionText('{"foo": 1}', { format: "acn" })).toThrow(/_items/);
    expect(() => readSessionText('{"_items": []}', { format: "acn" })).toThrow(/empty/);
    const noEnergy = JSON.stringify({ _items: [{ ...acnItem(), kWhDelivered: undefined }] });
    try {
      readSessionText(noEnergy, { format: "acn" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataValidationError);
      expect((e as DataValidationError).field).toBe("kWhDelivered");
    }
  });
});

describe("generic CSV with a column mapping", () => {
  const mapping = {
    id: "sid",
    stationId: "evse",
    plugIn: "start",
    plugOut: "stop",
    energyKwh: "kwh",
    timeZone: "Europe/Berlin",
    dateFormat: "dd/MM/yyyy HH:mm",
    decimal: "," as const,
  };
  it("maps columns, detects the separator, applies the zone and pattern", () => {
    const r = readSessionText("sid;evse;start;stop;kwh\na;E1;05/03/2021 08:00;05/03/2021 17:30;12,5\n", { mapping });
    expect(r.format).toBe("generic");
    expect(r.spec.delimiter).toBe(";");
    expect(r.spec.timeResolutionS).toBe(60);
    expect(r.records[0]).toMatchObject({ id: "a", stationId: "E1", userId: undefined });
    expect(r.records[0].plugIn.ms).toBe(Date.UTC(2021, 2, 5, 7, 0));
    expect(r.records[0].energyKwh.value).toBe(12.5);
  });
  it("a per-row zone column overrides the default zone", () => {
    const r = readSessionText("sid,evse,start,stop,kwh,tz\na,E1,2021-03-05T08:00,2021-03-05T09:00,1,America/Chicago\nb,E1,2021-03-05T08:00,2021-03-05T09:00,1,\n", {
      mapping: { id: "sid", stationId: "evse", plugIn: "start", plugOut: "stop", energyKwh: "kwh", timeZone: "UTC", timeZoneColumn: "tz" },
    });
    expect(r.records[0].plugIn.ms).toBe(Date.UTC(2021, 2, 5, 14, 0));
    expect(r.records[1].plugIn.ms).toBe(Date.UTC(2021, 2, 5, 8, 0));
  });
  it("generic without a mapping, or a bad mapping, is an ArgumentError", () => {
    expect(() => readSessionText("a,b\n1,2\n", { format: "generic" })).toThrow(ArgumentError);
    expect(() => readSessionText("a,b\n1,2\n", { mapping: { ...mapping, timeZone: "Nowhere/X" } })).toThrow(ArgumentError);
  });
});

describe("bad whole files", () => {
  it("missing columns: a DataValidationError naming the missing column and listing those found", () => {
    const text = NOR_HEADER.replace("El_kWh", "Energy") + "\n1;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday\n";
    try {
      readSessionText(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataValidationError);
      const err = e as DataValidationError;
      expect(err.field).toBe("El_kWh");
      expect(err.message).toMatch(/"El_kWh"/);
      expect(err.message).toMatch(/columns found: "session_ID", "Garage_ID"/);
      expect(err.detail?.found).toContain("Energy");
      expect(err.message).toMatch(/^readSessionText:/);
    }
  });
  it("a forced format whose columns are absent says so too", () => {
    expect(() => readSessionText(nor("1;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday"), { format: "workplace" })).toThrow(
      /needs columns "sessionId", "stationId", "created", "ended", "kwhTotal", "userId"/,
    );
  });
  it("an unknown layout lists its columns and suggests the generic format", () => {
    expect(() => readSessionText("foo,bar\n1,2\n")).toThrow(/cannot tell which session format.*"foo", "bar"/);
  });
  it("empty files, blank files and header-only files are clear errors", () => {
    expect(() => readSessionText("")).toThrow(/the file is empty/);
    expect(() => readSessionText("\ufeff \r\n\r\n")).toThrow(/the file is empty/);
    expect(() => readSessionText(NOR_HEADER + "\r\n")).toThrow(/header but no data rows/);
    expect(() => readSessionText(NOR_HEADER + "\r\n")).toThrow(DataValidationError);
  });
  it("JSON content forced as a CSV format (and the reverse) is refused", () => {
    expect(() => readSessionText(JSON.stringify([acnItem()]), { format: "workplace" })).toThrow(/is CSV, but the content is JSON/);
    expect(() => readSessionText(nor("1;A;B;P;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday"), { format: "acn" })).toThrow(/is JSON/);
  });
  it("an unreadable path is a DataValidationError", () => {
    expect(() => readSessionFile("/nonexistent/sessions.csv")).toThrow(DataValidationError);
  });
});

describe("rows that are broken are kept and flagged, blank lines counted", () => {
  it("wrong field counts and broken quotes are malformed rows", () => {
    const text = nor(
      "1;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday",
      "",
      "2;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10",
      "3;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday;extra",
      '4;AdO3;"AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday',
    );
    const r = readSessionText(text);
    expect(r.records.map((x) => x.row)).toEqual([1, 2, 3, 4]);
    expect(r.records.map((x) => x.malformed !== undefined)).toEqual([false, true, true, true]);
    expect(r.records[1].malformed).toMatch(/7 fields where the header has 13/);
    expect(r.blankLines).toBe(1);
  });

  it("an unbalanced quote spoils its own row only: the lines after it are read (sync and streaming)", async () => {
    const good = (id: number) => `${id};AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday`;
    const text = nor(good(1), '2;AdO3;"AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday', good(3), '4;"x";"y"z;5', good(5));
    const r = readSessionText(text);
    expect(r.records.map((x) => x.row)).toEqual([1, 2, 3, 4, 5]);
    expect(r.records.map((x) => x.malformed !== undefined)).toEqual([false, true, false, true, false]);
    expect(r.records[1].malformed).toMatch(/unbalanced quote/);
    expect(r.records[2].values[0]).toBe("3");
    expect(r.records[2].energyKwh).toEqual(r.records[0].energyKwh);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-io-"));
    const f = path.join(dir, "q.csv");
    fs.writeFileSync(f, text);
    const b = await readSessionFileAsync(f);
    expect(b.records).toEqual(r.records);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("detection is by content, not by file name", () => {
  it("each format is recognised from a temp file with a misleading name", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-io-"));
    const files = {
      residential: nor("1;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday"),
      workplace: [WP_HEADER, wpRow("1", "7.78", "0014-11-18 15:40:26", "0014-11-18 17:11:04")].join("\n"),
      acn: JSON.stringify({ _items: [acnItem()] }),
    };
    for (const [format, text] of Object.entries(files)) {
      const f = path.join(dir, "data.txt");
      fs.writeFileSync(f, text);
      expect(readSessionFile(f).format).toBe(format);
      expect(detectSessionFormat(text).format).toBe(format);
    }
    fs.rmSync(dir, { recursive: true });
  });
  it("a BOM and quoted header names do not hide the format", () => {
    const text = "\ufeff" + NOR_HEADER.split(";").map((c) => `"${c}"`).join(";") + "\n1;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday\n";
    const r = readSessionText(text);
    expect(r.format).toBe("residential");
    expect(r.columns[0]).toBe("session_ID");
  });
});

describe("streaming reader", () => {
  it("readSessionFileAsync returns what readSessionFile returns (≥ 20k rows)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-io-"));
    const f = path.join(dir, "big.csv");
    const rows = [WP_HEADER];
    for (let i = 0; i < 20_000; i++) {
      const d = String(1 + (i % 28)).padStart(2, "0");
      rows.push(wpRow(String(i), (1 + (i % 17) / 3).toFixed(2), `0015-02-${d} 08:00:00`, `0015-02-${d} 12:30:00`));
    }
    fs.writeFileSync(f, rows.join("\r\n") + "\r\n");
    const a = readSessionFile(f);
    const b = await readSessionFileAsync(f);
    expect(b.records).toHaveLength(20_000);
    expect(b.records).toEqual(a.records);
    expect(b.columns).toEqual(a.columns);
    await expect(readSessionFileAsync(path.join(dir, "missing.csv"))).rejects.toThrow(DataValidationError);
    fs.writeFileSync(f, "x,y\n1,2\n");
    await expect(readSessionFileAsync(f)).rejects.toThrow(/cannot tell/);
    fs.writeFileSync(f, WP_HEADER.replace("kwhTotal", "kwh") + "\n" + wpRow("1", "1", "0015-02-01 08:00:00", "0015-02-01 09:00:00") + "\n");
    await expect(readSessionFileAsync(f)).rejects.toThrow(/"kwhTotal"/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("canonical CSV", () => {
  it("writes sessions that read back identically through the generic reader", () => {
    const sessions: ChargingSession[] = [
      { id: "a", stationId: "S1", userId: "u1", plugInMs: Date.UTC(2019, 9, 27, 0, 30), plugOutMs: Date.UTC(2019, 9, 27, 1, 30), timeZone: "Europe/Oslo", energyKwh: 3.25, chargerKw: 7.4, powerClass: "L2", source: "residential" },
      { id: "b,1", stationId: "S2", plugInMs: Date.UTC(2021, 0, 1, 12), plugOutMs: Date.UTC(2021, 0, 1, 13, 0, 0, 500), timeZone: "America/Los_Angeles", energyKwh: 40, source: "acn" },
    ];
    const r = readSessionText(sessionsToCsv(sessions), { mapping: CANONICAL_CSV_MAPPING });
    expect(r.records.map((x) => [x.id, x.stationId, x.userId, x.plugIn.ms, x.plugOut.ms, x.timeZone, x.energyKwh.value])).toEqual(
      sessions.map((s) => [s.id, s.stationId, s.userId, s.plugInMs, s.plugOutMs, s.timeZone, s.energyKwh]),
    );
  });
});
