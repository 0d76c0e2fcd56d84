/**
 * Notebook conventions (the notebooks themselves are executed by scripts/run-notebooks.js):
 * committed with outputs cleared, tslab kernel, Goal → Data → Model → Solve → Plot → Interpretation, public API only,
 * no function definitions, a figure shown, asserts at the end.
 */
import * as fs from "fs";
import * as path from "path";

const DIR = path.resolve(__dirname, "..", "notebooks");
const notebooks = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith(".ipynb")).sort() : [];

interface Cell {
  cell_type: string;
  source: string[] | string;
  outputs?: unknown[];
  execution_count?: number | null;
}

const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);

describe.each(notebooks.map((n) => [n]))("notebook %s", (name) => {
  const nb = JSON.parse(fs.readFileSync(path.join(DIR, name), "utf8")) as { cells: Cell[]; metadata: { kernelspec?: { name: string } } };
  const code = nb.cells.filter((c) => c.cell_type === "code").map(text);
  const md = nb.cells.filter((c) => c.cell_type === "markdown").map(text).join("\n");

  it("is committed with outputs cleared and uses the tslab kernel", () => {
    expect(nb.metadata.kernelspec?.name).toBe("tslab");
    expect(nb.cells.filter((c) => c.cell_type === "code" && ((c.outputs?.length ?? 0) > 0 || c.execution_count))).toEqual([]);
  });

  it("reads Goal → Data → Model → Solve → Plot → Interpretation", () => {
    const heads = ["Goal", "Data", "Model", "Solve", "Plot", "Interpretation"].map((h) => md.search(new RegExp(`^#+ .*\\b${h}`, "m")));
    expect(heads.every((i) => i >= 0)).toBe(true);
    expect([...heads].sort((a, b) => a - b)).toEqual(heads);
  });

  it("imports only the public API and defines no functions", () => {
    const imports = code.flatMap((c) => [...c.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]));
    expect(imports.filter((m) => !["evsp", "assert", "node:assert"].includes(m))).toEqual([]);
    const defines = /\bfunction\s+\w+|\b(const|let|var)\s+\w+\s*=\s*(async\s+)?(function\b|\([^)]*\)\s*(:[^=]+)?=>|\w+\s*=>)|\bclass\s+\w+/;
    expect(code.filter((c) => defines.test(c))).toEqual([]);
  });

  it("shows figures and ends with asserts", () => {
    expect(code.some((c) => /\bshow\(/.test(c))).toBe(true);
    expect(code[code.length - 1]).toMatch(/assert/);
  });
});

it("notebooks folder exists", () => {
  expect(fs.existsSync(DIR)).toBe(true);
});
