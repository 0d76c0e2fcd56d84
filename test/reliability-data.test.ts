/**
 * Issue 19, the data readers: every bad input of the session, series and numeric readers is read correctly or is a
 * typed error naming the file, field and row; rejected session rows are counted under a named rule. Each block is
 * one item of the issue (mixed line endings, year 0014, implausible years, numeric headers, strict numbers, row 1
 * of a headerless matrix or profile, a scenario year outside the data).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import "../lib/cli/commands/clean";
import "../lib/cli/commands/kmedoids";
import "../lib/cli/commands/scenarios";
import { cleanSessions } from "../lib/clean";
import { normaliseLineEndings, parsePjmHourly, readSessionFileAsync, readSessionText } from "../lib/io";
import { splitCsv } from "../lib/io/series/csv-text";
import { parseNumericCsv } from "../lib/scenarios/numeric-csv";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-data-"));
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

/** The thrown value of `fn` (fails when nothing is thrown). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected an error, none was thrown");
}

const RES_HEADER = "session_ID;Garage_ID;User_ID;Start_plugin;End_plugout;El_kWh;Duration_hours";
const resRow = (id: string, day: string, kwh = "5,2") => `${id};G1;U${id};${day} 10:00;${day} 12:00;${kwh};2`;
const RES_ROWS = [resRow("a1", "01.12.2018"), resRow("a2", "02.12.2018"), resRow("a3", "03.12.2018")];

afterEach(() => {
  process.exitCode = undefined;
});

describe("mixed line endings (a CRLF header with LF rows, CR-only files) are read row by row", () => {
  const variants: Array<[string, string]> = [
    ["CRLF header, LF rows", `${RES_HEADER}\r\n${RES_ROWS.join("\n")}\n`],
    ["LF header, CRLF rows", `${RES_HEADER}\n${RES_ROWS.join("\r\n")}\r\n`],
    ["CR only", `${RES_HEADER}\r${RES_ROWS.join("\r")}\r`],
    ["CRLF, rows mixed", `${RES_HEADER}\r\n${RES_ROWS[0]}\n${RES_ROWS[1]}\r${RES_ROWS[2]}`],
  ];
  it.each(variants)("session CSV, in memory and streamed: %s", async (_name, text) => {
    const fromText = readSessionText(text);
    expect(fromText.records.map((r) => r.id)).toEqual(["a1", "a2", "a3"]);
    expect(fromText.records.every((r) => r.malformed === undefined)).toBe(true);
    expect(fromText.records.map((r) => r.values[6])).toEqual(["2", "2", "2"]); // no stray CR in the last field
    const file = write(`mixed-${_name.replace(/\W+/g, "-")}.csv`, text);
    const streamed = await readSessionFileAsync(file);
    expect(streamed.records.map((r) => r.values)).toEqual(fromText.records.map((r) => r.values));
    expect(cleanSessions(streamed).report.rowsKept).toBe(3);
  });
  it("a stream chunk ending between CR and LF does not make a blank row", async () => {
    // the async reader's chunks are 64 KiB: put a CRLF across the first chunk boundary
    const prefix = "b1;G1;U1;01.12.2018 10:00;01.12.2018 12:00;5,2;";
    const filler = "x".repeat(64 * 1024 - 1 - (RES_HEADER.length + 2) - prefix.length);
    const rows = [`${prefix}${filler}`, resRow("b2", "02.12.2018")];
    const text = `${RES_HEADER}\r\n${rows[0]}\r\n${rows[1]}\r\n`;
    expect(text.indexOf("\r\n", RES_HEADER.length + 2)).toBe(64 * 1024 - 1);
    const streamed = await readSessionFileAsync(write("boundary.csv", text));
    expect(streamed.records.map((r) => r.id)).toEqual(["b1", "b2"]);
    expect(streamed.blankLines).toBe(0);
  });
  it("normaliseLineEndings turns CRLF and lone CR into LF and leaves LF alone", () => {
    expect(normaliseLineEndings("a\r\nb\rc\nd\r\n\r\ne")).toBe("a\nb\nc\nd\n\ne");
  });
  it("series CSV: CR-only and mixed endings", () => {
    for (const text of ["Datetime,AEP_MW\r2019-01-01 01:00:00,1\r2019-01-01 02:00:00,2\r", "Datetime,AEP_MW\r\n2019-01-01 01:00:00,1\n2019-01-01 02:00:00,2\r"]) {
      expect(splitCsv(text, "test").rows).toEqual([["2019-01-01 01:00:00", "1"], ["2019-01-01 02:00:00", "2"]]);
      expect(parsePjmHourly(text).loadMw.values).toEqual([1, 2]);
    }
  });
  it("numeric CSV: CR-only and mixed endings", () => {
    expect(parseNumericCsv("x,y\r1,2\r3,4").rows).toEqual([[1, 2], [3, 4]]);
    expect(parseNumericCsv("x,y\r\n1,2\n3,4\r5,6").rows).toEqual([[1, 2], [3, 4], [5, 6]]);
  });
});

