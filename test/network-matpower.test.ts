/**
 * The MATPOWER case reader: syntax (comments, `;`/newline rows, `,`/blank separators, `...` continuations,
 * scientific notation, strings, cell arrays), the unit-conversion statements of distribution cases, and errors
 * with line numbers.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadNetwork, networkFromMatpower, parseMatpower } from "../lib/network";
import { DataValidationError } from "../lib/util/errors";

const CASE33 = fs.readFileSync(path.join(__dirname, "..", "data", "networks", "case33bw.m"), "utf8");

describe("parseMatpower syntax", () => {
  const text = `function mpc = tiny   % a comment
%% header comment ; with [brackets]
mpc.version = '2';
mpc.baseMVA = 1e1;
mpc.bus = [ %% trailing comment
  1, 3, 0, 0, 0, 0, 1, 1.0, 0, 12.66, 1, 1.05, 0.95;
  2  1  2.5E-1  1.0e-1 0 0 1 1 0 12.66 1 1.05 0.95   % row without ;
  3 1 .125 -0.05 0 0 1 1 0 12.66 1 ...
      1.05 0.95;
];
mpc.gen = [1 0 0 10 -10 1.02 10 1 Inf -Inf];
mpc.branch = [
  1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;
  2 3 0.01 0.02 0 0 0 0 0 0 1 -360 360
];
mpc.gencost = [2 0 0 3 0 20 0];
mpc.bus_name = { 'feeder head'; 'middle'; 'end ''quoted''' };
mpc.areas = [1 1];
`;
  const mpc = parseMatpower(text);

  it("reads names, scalars and matrices", () => {
    expect(mpc.name).toBe("tiny");
    expect(mpc.baseMVA).toBe(10);
    expect(mpc.bus.length).toBe(3);
    expect(mpc.bus[1].slice(0, 4)).toEqual([2, 1, 0.25, 0.1]);
    expect(mpc.bus[2].slice(2, 4)).toEqual([0.125, -0.05]);
    expect(mpc.bus[2].length).toBe(13); // continuation joined the row
    expect(mpc.gen[0].slice(8, 10)).toEqual([Infinity, -Infinity]);
    expect(mpc.branch.length).toBe(2);
    expect(mpc.gencost).toEqual([[2, 0, 0, 3, 0, 20, 0]]);
    expect(mpc.extra.areas).toEqual([[1, 1]]);
    expect(mpc.conversions).toEqual([]);
  });

  it("builds a network in kW and ohm with the generator's voltage set point", () => {
    const net = networkFromMatpower(mpc);
    expect(net.vSlackPu).toBe(1.02);
    expect(net.buses[1].pLoadKw).toBeCloseTo(250, 12);
    expect(net.buses[2].qLoadKvar).toBeCloseTo(-50, 12);
    expect(net.branches[0].rOhm).toBeCloseTo(0.01 * ((12.66 * 12.66) / 10), 14);
  });
});

describe("parseMatpower unit conversions", () => {
  it("case33bw's ohm/kW data equal the same data written in pu/MW", () => {
    const mpc = parseMatpower(CASE33, { source: "case33bw.m" });
    expect(mpc.conversions.length).toBe(4);
    // independent conversion of a few published values
    const zBase = (12.66 * 12.66) / 10;
    expect(mpc.branch[0][2]).toBeCloseTo(0.0922 / zBase, 15);
    expect(mpc.branch[15][3]).toBeCloseTo(1.721 / zBase, 15);
    expect(mpc.branch[35][2]).toBeCloseTo(0.5 / zBase, 15);
    expect(mpc.bus[29][3]).toBeCloseTo(0.6, 15); // bus 30: 600 kVAr
    expect(mpc.bus[23][2]).toBeCloseTo(0.42, 15); // bus 24: 420 kW
  });

  it("executes variables, parentheses, element-wise operators and column names", () => {
    const text = `function mpc = conv
mpc.baseMVA = 100;
mpc.bus = [1 3 0 0 0 0 1 1 0 20 1 1 1; 2 1 300 200 0 0 1 1 0 20 1 1.1 0.9];
mpc.branch = [1 2 4 8 0 0 0 0 0 0 1 -360 360];
[PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD, GS, BS, BUS_AREA, VM, ...
    VA, BASE_KV, ZONE, VMAX, VMIN, LAM_P, LAM_Q, MU_VMAX, MU_VMIN] = idx_bus;
[F_BUS, T_BUS, BR_R, BR_X] = idx_brch;
Zb = (mpc.bus(1, BASE_KV))^2 / mpc.baseMVA;
mpc.branch(:, [BR_R, BR_X]) = mpc.branch(:, [BR_R, BR_X]) ./ Zb;
mpc.bus(:, PD) = mpc.bus(:, PD) * 1e-3;
mpc.bus(:, 4) = mpc.bus(:, 4) / 1000;
`;
    const mpc = parseMatpower(text);
    expect(mpc.branch[0][2]).toBeCloseTo(4 / 4, 15); // 20² / 100 = 4 ohm base
    expect(mpc.branch[0][3]).toBeCloseTo(8 / 4, 15);
    expect(mpc.bus[1][2]).toBeCloseTo(0.3, 15);
    expect(mpc.bus[1][3]).toBeCloseTo(0.2, 15);
    const net = networkFromMatpower(mpc);
    expect(net.branches[0].rOhm).toBeCloseTo(4, 12);
    expect(net.buses[1].pLoadKw).toBeCloseTo(300, 10);
  });
});

describe("parseMatpower errors", () => {
  const expectLine = (text: string, line: number, pattern: RegExp) => {
    let err: unknown;
    try {
      parseMatpower(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).row).toBe(line);
    expect((err as Error).message).toMatch(pattern);
  };

  it("names the line of an unsupported statement", () => {
    expectLine("function mpc = x\nmpc.baseMVA = 1;\nif true\n", 3, /unsupported statement starting with "if"/);
    expectLine("function mpc = x\nmpc.baseMVA = 1;\ndisp(mpc)\n", 3, /unsupported statement/);
  });

  it("names the line of a bad matrix", () => {
    expectLine("function mpc = x\nmpc.baseMVA = 1;\nmpc.bus = [1 2 3;\n 4 5];\n", 3, /row 2 has 2 entries/);
    expectLine("function mpc = x\nmpc.bus = [1 2 foo];\n", 2, /unexpected "foo" inside a matrix/);
    expectLine("function mpc = x\nmpc.bus = [1 2 3\n", 2, /unterminated matrix/);
  });

  it("reports missing fields and unknown names", () => {
    expect(() => parseMatpower("function mpc = x\nmpc.bus = [1];\n")).toThrow(/mpc.baseMVA is missing/);
    expect(() => parseMatpower("function mpc = x\nmpc.baseMVA = 1;\nmpc.bus = [1 3 0 0 0 0 1 1 0 10 1 1 1];\n")).toThrow(/mpc.branch is missing/);
    expectLine("function mpc = x\nmpc.baseMVA = 1;\nmpc.bus = [1 2];\nmpc.bus(:, PD) = 2;\n", 4, /unknown name "PD"/);
  });
});

describe("case files as editors save them", () => {
  const pf = (text: string) => networkFromMatpower(parseMatpower(text));
  const ref = pf(CASE33);
  it("a byte-order mark and CR LF or CR-only line ends read like the plain file (CR-only was one long comment)", () => {
    for (const text of [`\ufeff${CASE33}`, CASE33.replace(/\n/g, "\r\n"), CASE33.replace(/\n/g, "\r")]) expect(pf(text)).toEqual(ref);
  });

  it("loadNetwork reads UTF-16 files with their byte-order mark (little and big endian)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-mp-"));
    const le = path.join(dir, "le.m");
    const be = path.join(dir, "be.m");
    fs.writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CASE33, "utf16le")]));
    fs.writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CASE33, "utf16le").swap16()]));
    for (const f of [le, be]) expect(loadNetwork(f, { name: ref.name }).buses).toEqual(ref.buses);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
