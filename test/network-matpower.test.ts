/**
 * The MATPOWER case reader: syntax (comments, `;`/newline rows, `,`/blank separators, `...` continuations,
 * scientific notation, strings, cell arrays), the unit-conversion statements of distribution cases, and errors
 * with line numbers.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadNetwork, networkFromMatpower, parseMatpower, powerFlow } from "../lib/network";
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

describe("MATLAB's functions in case files", () => {
  // the statements case141.m ends with: loads given in kVA at a power factor, split into kW and kVAr
  const kva = `function mpc = pf
mpc.baseMVA = 10;
mpc.bus = [1 3 0 0 0 0 1 1 0 12.47 1 1 1; 2 1 100 0 0 0 1 1 0 12.47 1 1.1 0.9; 3 1 50 0 0 0 1 1 0 12.47 1 1.1 0.9];
mpc.branch = [1 2 0.1 0.1 0 0 0 0 0 0 1 -360 360; 2 3 0.1 0.1 0 0 0 0 0 0 1 -360 360];
[PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD] = idx_bus;
mpc.bus(:, [PD, QD]) = mpc.bus(:, [PD, QD]) / 1e3;
pf = 0.85;
mpc.bus(:, QD) = mpc.bus(:, PD) * sin(acos(pf));
mpc.bus(:, PD) = mpc.bus(:, PD) * pf;
`;

  it("splits loads given in kVA at a power factor into kW and kVAr as case141.m does: Q = S sin(acos(pf)) = S √(1 − pf²)", () => {
    const mpc = parseMatpower(kva);
    const q = Math.sqrt(1 - 0.85 * 0.85); // sin(acos(x)) = √(1 − x²), by hand
    expect(mpc.bus[1][2]).toBeCloseTo(0.1 * 0.85, 15);
    expect(mpc.bus[1][3]).toBeCloseTo(0.1 * q, 15);
    expect(mpc.bus[2][3]).toBeCloseTo(0.05 * q, 15);
    expect(mpc.bus[0][3]).toBe(0);
  });

  it("evaluates MATLAB's element-wise functions, and refuses an argument with no real value", () => {
    const one = (e: string) => parseMatpower(`function mpc = f\nmpc.baseMVA = ${e};\nmpc.bus = [1 3 0 0 0 0 1 1 0 10 1 1 1];\nmpc.branch = [1 1 0 0 0 0 0 0 0 0 0 -360 360];\n`).baseMVA;
    expect(one("sqrt(16) + abs(-2)")).toBe(6);
    expect(one("2 + cos(pi) + exp(0) + log(1)")).toBe(2);
    expect(one("cosd(60)")).toBeCloseTo(0.5, 15);
    expect(one("atand(1)")).toBeCloseTo(45, 13);
    expect(one("round(2.5) + round(-2.5) + fix(-1.7) + floor(1.7) + ceil(1.2)")).toBe(3 - 3 - 1 + 1 + 2);
    expect(() => parseMatpower(kva.replace("pf = 0.85;", "pf = 1.2;"))).toThrow(/acos\(1\.2\) has no real value/);
  });
});

describe("the 69-bus feeder (MATPOWER case69, Baran & Wu 1989)", () => {
  const net = loadNetwork("ieee69");

  it("has the published size and loads: 69 buses, 68 branches, 3802.19 kW + 2694.60 kVAr at 12.66 kV", () => {
    expect(net.buses).toHaveLength(69);
    expect(net.branches).toHaveLength(68);
    expect(net.baseKv).toBe(12.66);
    // the file's per-bus values (rounded to 0.1 kW in places) sum to 3802.1 kW and 2694.7 kVAr
    expect(Math.abs(net.buses.reduce((a, b) => a + b.pLoadKw, 0) - 3802.19) / 3802.19).toBeLessThan(1e-4);
    expect(Math.abs(net.buses.reduce((a, b) => a + b.qLoadKvar, 0) - 2694.6) / 2694.6).toBeLessThan(1e-4);
  });

  it("has the published base-case power flow: losses 224.95 kW, lowest voltage 0.9092 pu at bus 65", () => {
    const pf = powerFlow(net);
    expect(pf.lossKw).toBeCloseTo(224.95, 0);
    expect(Math.abs(pf.lossKw - 224.95)).toBeLessThan(0.1);
    expect(pf.vMinBus).toBe(65);
    expect(pf.vMinPu).toBeCloseTo(0.9092, 4);
  });
});

describe("the 136-bus feeder (MATPOWER case136ma, Mantovani, Casari & Romero 2000)", () => {
  const net = loadNetwork("case136ma");

  it("reads its CR LF file with rows ended by line breaks alone: 136 buses, 135 branches (tie lines commented out), 13.8 kV", () => {
    expect(net.buses).toHaveLength(136);
    expect(net.branches).toHaveLength(135);
    expect(net.baseKv).toBe(13.8);
    expect(Math.abs(net.buses.reduce((a, b) => a + b.pLoadKw, 0) - 18313.81) / 18313.81).toBeLessThan(1e-5);
  });

  it("has the published base-case power flow: losses 320.36 kW, lowest voltage 0.9307 pu at bus 117", () => {
    const pf = powerFlow(net);
    expect(Math.abs(pf.lossKw - 320.36)).toBeLessThan(0.05);
    expect(pf.vMinBus).toBe(117);
    expect(pf.vMinPu).toBeCloseTo(0.9307, 4);
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
