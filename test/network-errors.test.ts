/**
 * Bad network data raises a NetworkError that names the bus or branch at fault — through createNetwork and through
 * the MATPOWER reader.
 */
import { createNetwork, networkFromMatpower, parseMatpower, radialIndex, type NetworkInput } from "../lib/network";
import { NetworkError } from "../lib/util/errors";

function base(over: Partial<NetworkInput> = {}): NetworkInput {
  return {
    name: "bad",
    baseMva: 1,
    baseKv: 10,
    slackBus: 1,
    buses: [{ bus: 1 }, { bus: 2, pLoadKw: 100 }, { bus: 3, pLoadKw: 100 }, { bus: 4, pLoadKw: 50 }],
    branches: [
      { fromBus: 1, toBus: 2, rOhm: 1, xOhm: 1 },
      { fromBus: 2, toBus: 3, rOhm: 1, xOhm: 1 },
      { fromBus: 2, toBus: 4, rOhm: 1, xOhm: 1 },
    ],
    ...over,
  };
}

function expectNetworkError(f: () => unknown, pattern: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(NetworkError);
  expect((err as Error).message).toMatch(pattern);
}

describe("createNetwork rejects bad data", () => {
  it("accepts the good base feeder", () => {
    expect(createNetwork(base()).branches.length).toBe(3);
  });

  it("a cycle names the branch that closes it", () => {
    const b = base();
    expectNetworkError(() => createNetwork({ ...b, branches: [...b.branches, { fromBus: 3, toBus: 4, rOhm: 1, xOhm: 1 }] }), /branch 4 \(3–4\) closes a cycle/);
  });

  it("parallel branches are a cycle", () => {
    const b = base();
    expectNetworkError(() => createNetwork({ ...b, branches: [...b.branches, { fromBus: 2, toBus: 1, rOhm: 2, xOhm: 1 }] }), /closes a cycle/);
  });

  it("a disconnected bus is named", () => {
    const b = base();
    expectNetworkError(() => createNetwork({ ...b, branches: b.branches.slice(0, 2) }), /bus 4 not connected to the slack bus 1/);
    // an open branch does not connect
    expectNetworkError(
      () => createNetwork({ ...b, branches: [...b.branches.slice(0, 2), { fromBus: 2, toBus: 4, rOhm: 1, xOhm: 1, inService: false }] }),
      /bus 4 not connected/,
    );
  });

  it("zero or negative resistance, negative reactance", () => {
    const b = base();
    const withBranch = (r: number, x: number) => ({ ...b, branches: [b.branches[0], b.branches[1], { fromBus: 2, toBus: 4, rOhm: r, xOhm: x }] });
    expectNetworkError(() => createNetwork(withBranch(0, 1)), /branch 3 \(2–4\) has resistance 0 ohm/);
    expectNetworkError(() => createNetwork(withBranch(-0.1, 1)), /branch 3 .*resistance -0.1/);
    expectNetworkError(() => createNetwork(withBranch(0.1, -1)), /branch 3 .*reactance -1/);
    expect(createNetwork(withBranch(0.1, 0)).branches[2].xPu).toBe(0); // x = 0 is allowed
  });

  it("unknown bus, self-loop, duplicate and gapped bus numbers, unknown slack", () => {
    const b = base();
    expectNetworkError(() => createNetwork({ ...b, branches: [...b.branches.slice(0, 2), { fromBus: 2, toBus: 9, rOhm: 1, xOhm: 1 }] }), /branch 3 \(2–9\) names unknown bus 9/);
    expectNetworkError(() => createNetwork({ ...b, branches: [...b.branches, { fromBus: 3, toBus: 3, rOhm: 1, xOhm: 1 }] }), /connects bus 3 to itself/);
    expectNetworkError(() => createNetwork({ ...b, buses: [...b.buses.slice(0, 3), { bus: 3 }] }), /bus 3 appears twice/);
    expectNetworkError(() => createNetwork({ ...b, buses: [...b.buses.slice(0, 3), { bus: 7 }] }), /bus 7 is out of 1…4/);
    expectNetworkError(() => createNetwork({ ...b, slackBus: 5 }), /slack bus 5 is not a bus/);
  });

  it("a hand-built network with a wrongly oriented branch fails in radialIndex", () => {
    const net = createNetwork(base());
    const flipped = { ...net, branches: [{ ...net.branches[0], fromBus: 2, toBus: 1 }, ...net.branches.slice(1)] };
    expectNetworkError(() => radialIndex(flipped), /not oriented parent → child/);
  });
});

describe("the MATPOWER reader rejects bad cases", () => {
  const bus = (rows: string) => `function mpc = bad\nmpc.version = '2';\nmpc.baseMVA = 1;\nmpc.bus = [\n${rows}\n];\n`;
  const row = (id: number, type: number) => `${id} ${type} 0.1 0.05 0 0 1 1 0 10 1 1.1 0.9;`;
  const branch = (rows: string) => `mpc.branch = [\n${rows}\n];\n`;
  const br = (f: number, t: number, r = 0.01, status = 1) => `${f} ${t} ${r} 0.01 0 0 0 0 0 0 ${status} -360 360;`;
  const read = (text: string) => networkFromMatpower(parseMatpower(text));

  it("no slack, two slacks", () => {
    expectNetworkError(() => read(bus([row(1, 1), row(2, 1)].join("\n")) + branch(br(1, 2))), /no slack bus/);
    expectNetworkError(() => read(bus([row(1, 3), row(2, 3)].join("\n")) + branch(br(1, 2))), /2 slack buses .*buses 1, 2/);
  });

  it("cycle, unknown bus, zero impedance, PV bus", () => {
    const three = bus([row(1, 3), row(2, 1), row(3, 1)].join("\n"));
    expectNetworkError(() => read(three + branch([br(1, 2), br(2, 3), br(3, 1)].join("\n"))), /branch [23] \([0-9]–[0-9]\) closes a cycle/);
    expect(read(three + branch([br(1, 2), br(2, 3), br(3, 1, 0.01, 0)].join("\n"))).openBranches.length).toBe(1);
    expectNetworkError(() => read(three + branch([br(1, 2), br(2, 4)].join("\n"))), /names unknown bus 4/);
    expectNetworkError(() => read(three + branch([br(1, 2), br(2, 3, 0)].join("\n"))), /branch 2 .*resistance 0/);
    expectNetworkError(() => read(bus([row(1, 3), row(2, 2)].join("\n")) + branch(br(1, 2))), /bus 2 is a PV bus/);
  });

  it("a negative or NaN rating, a status other than 0 or 1 (were: no rating, in service)", () => {
    const two = bus([row(1, 3), row(2, 1)].join("\n"));
    const rated = (rate: string) => branch(`1 2 0.01 0.01 0 ${rate} 0 0 0 0 1 -360 360;`);
    expectNetworkError(() => read(two + rated("-1")), /branch 1 has RATE_A -1/);
    expectNetworkError(() => read(two + rated("NaN")), /branch 1 has RATE_A NaN/);
    expect(read(two + rated("0")).branches[0].rateKva).toBeUndefined(); // 0 = unlimited
    expectNetworkError(() => read(two + branch(br(1, 2, 0.01, 2))), /branch 1 has BR_STATUS 2/);
    expectNetworkError(() => read(two + branch(br(1, 2, 0.01, 0.5))), /BR_STATUS 0.5/);
  });

  it("a bus base voltage that is not a number, a slack voltage outside 0.5…1.5 pu (were accepted)", () => {
    const nanKv = bus([row(1, 3), "2 1 0.1 0.05 0 0 1 1 0 NaN 1 1.1 0.9;"].join("\n"));
    expectNetworkError(() => read(nanKv + branch(br(1, 2))), /bus 2 has base voltage NaN kV/);
    const two = bus([row(1, 3), row(2, 1)].join("\n"));
    for (const vg of ["2.5", "12.66", "0.2"]) {
      expectNetworkError(() => read(two + `mpc.gen = [1 0 0 10 -10 ${vg} 10 1 10 0];\n` + branch(br(1, 2))), new RegExp(`vSlackPu must lie in 0.5…1.5 pu .*got ${vg}`));
    }
    expect(read(two + "mpc.gen = [1 0 0 10 -10 1.05 10 1 10 0];\n" + branch(br(1, 2))).vSlackPu).toBe(1.05);
  });
});
