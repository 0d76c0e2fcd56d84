/**
 * The library boundary of the OPF and the power flow (issue 19): bad input is an ArgumentError naming the input
 * field, before any model is built — so the API gives the same clear error the CLI does.
 */
import { buildOpf, type OpfInput } from "../lib/model/opf";
import { ieee33, netLoadSeries, powerFlow } from "../lib/network";
import { ArgumentError } from "../lib/util/errors";

const net = ieee33();

function fieldOf(f: () => unknown): { field?: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ArgumentError);
    return { field: (e as ArgumentError).field, message: (e as Error).message };
  }
  throw new Error("expected an ArgumentError");
}

describe("buildOpf input", () => {
  it.each<[string, OpfInput, string]>([
    ["a negative lower voltage limit (was squared into a valid bound)", { vMinPu: -0.5 }, "vMinPu"],
    ["a zero upper voltage limit", { vMaxPu: 0 }, "vMaxPu"],
    ["a non-finite slack voltage", { vSlackPu: Number.NaN }, "vSlackPu"],
    ["vMinPu above vMaxPu (was Model.addVars: bad bounds)", { vMinPu: 1.05, vMaxPu: 0.95 }, "vMinPu"],
    ["vMinPu above the buses' own upper limit", { vMinPu: 1.2 }, "vMinPu"],
    ["vMaxPu below the buses' own lower limit", { vMaxPu: 0.85 }, "vMaxPu"],
    ["a negative load scale", { loadScale: -1 }, "loadScale"],
    ["a negative load multiplier in one hour", { loadScale: [1, -0.5, 1] }, "loadScale[1]"],
    ["hours below 1", { hours: -3 }, "hours"],
    ["PV on the slack bus (was ignored)", { pv: [{ bus: 18, maxKw: 10 }, { bus: 1, maxKw: 100 }] }, "pv[1].bus"],
    ["PV at a bus that does not exist", { pv: [{ bus: 34, maxKw: 100 }] }, "pv[0].bus"],
    ["infinite PV", { pv: [{ bus: 18, maxKw: Infinity }] }, "pv[0].maxKw"],
  ])("%s", (_, input, field) => {
    const e = fieldOf(() => buildOpf(net, input));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(/^buildOpf: /);
    expect(e.message).toContain(field.replace(/\[\d+\].*$/, ""));
    expect(e.message).not.toMatch(/addVars/);
  });

  it("limits inside the case's own range still build", () => {
    expect(() => buildOpf(net, { vMinPu: 0.95, vMaxPu: 1.05, loadScale: [0, 1], pv: [{ bus: 18, maxKw: 0 }] })).not.toThrow();
  });
});

describe("netLoadSeries and powerFlow input", () => {
  it.each<[string, Parameters<typeof netLoadSeries>[1], string]>([
    ["a negative load scale", { loadScale: -1 }, "loadScale"],
    ["a negative load multiplier in one hour", { loadScale: [1, -1] }, "loadScale[1]"],
    ["a negative PV multiplier", { pvKw: { 18: 100 }, pvProfile: [1, -1] }, "pvProfile[1]"],
    ["negative PV", { pvKw: { 18: -100 } }, "pvKw"],
    ["PV on the slack bus (was ignored)", { pvKw: { 1: 100 } }, "pvKw"],
  ])("%s", (_, options, field) => {
    expect(fieldOf(() => netLoadSeries(net, options)).field).toBe(field);
  });

  it("powerFlow refuses a negative load scale and PV on the slack bus", () => {
    expect(fieldOf(() => powerFlow(net, { loadScale: -0.5 })).field).toBe("loadScale");
    expect(fieldOf(() => powerFlow(net, { pvKw: { 1: 50 } })).message).toMatch(/slack bus/);
  });
});
