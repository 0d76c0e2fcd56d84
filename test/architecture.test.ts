/**
 * The one-way data flow of lib/: a folder imports only from itself and from folders to its left.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ORDER = ["util", "io", "clean", "scenarios", "ev", "network", "model", "solve", "dispatch", "decomposition", "results", "studies", "plot", "web", "cli"];
const LIB = path.resolve(__dirname, "..", "lib");

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("architecture", () => {
  it("every lib folder is in the data-flow order", () => {
    const folders = fs.readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !ORDER.includes(f))).toEqual([]);
  });

  it("names every file in kebab case (lower-case words joined by hyphens), as npm packages do", () => {
    const odd = tsFiles(LIB).map((f) => path.relative(LIB, f)).filter((rel) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.d)?\.ts$/.test(path.basename(rel)));
    expect(odd).toEqual([]);
  });

  it("imports only point left (or within the folder)", () => {
    const violations: string[] = [];
    for (const file of tsFiles(LIB)) {
      const rel = path.relative(LIB, file);
      const folder = rel.split(path.sep)[0];
      if (!ORDER.includes(folder)) continue;
      const rank = ORDER.indexOf(folder);
      const src = fs.readFileSync(file, "utf8");
      for (const m of src.matchAll(/(?:from\s+|require\(|import\()\s*["'](\.[^"']+)["']/g)) {
        const target = path.relative(LIB, path.resolve(path.dirname(file), m[1]));
        const tFolder = target.split(path.sep)[0];
        if (!ORDER.includes(tFolder)) continue;
        if (ORDER.indexOf(tFolder) > rank) violations.push(`${rel} imports ${m[1]} (${tFolder} is right of ${folder})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("files stay under ~400 lines", () => {
    const big = tsFiles(LIB)
      .map((f) => ({ f: path.relative(LIB, f), n: fs.readFileSync(f, "utf8").split("\n").length }))
      .filter((x) => x.n > 450);
    expect(big).toEqual([]);
  });

  it("no function body is over 80 lines (functions, methods, arrow functions, constructors)", () => {
    const long: string[] = [];
    for (const file of tsFiles(LIB)) {
      const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        const fn = ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n);
        if (fn && n.body) {
          const first = src.getLineAndCharacterOfPosition(n.body.getStart()).line;
          const last = src.getLineAndCharacterOfPosition(n.body.getEnd()).line;
          if (last - first + 1 > 80) long.push(`${path.relative(LIB, file)}:${first + 1} (${last - first + 1} lines)`);
        }
        ts.forEachChild(n, visit);
      };
      visit(src);
    }
    expect(long).toEqual([]);
  });
});
