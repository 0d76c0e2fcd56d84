/**
 * The one-way data flow of lib/: a folder imports only from itself and from folders to its left.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ORDER = ["util", "io", "clean", "scenarios", "ev", "network", "model", "cases", "solve", "dispatch", "decomposition", "results", "studies", "plot", "web", "cli"];
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

  it("lib/model/ reads no files: nothing it imports, directly or through other modules, uses fs", () => {
    const importsOf = (file: string): string[] =>
      [...fs.readFileSync(file, "utf8").matchAll(/^import(?!\s+type\b)[^;]*?from\s+["']([^"']+)["']/gms)].map((m) => m[1]);
    const resolve = (from: string, spec: string): string | undefined => {
      const base = path.resolve(path.dirname(from), spec);
      return [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
    };
    const readsFiles = new Map<string, string | null>();
    /** The chain of modules from `file` to one that imports fs (null when there is none). */
    const chainToFs = (file: string, seen = new Set<string>()): string | null => {
      if (readsFiles.has(file)) return readsFiles.get(file)!;
      if (seen.has(file)) return null;
      seen.add(file);
      let found: string | null = null;
      for (const spec of importsOf(file)) {
        if (/^(node:)?fs(\/promises)?$/.test(spec)) found = path.relative(LIB, file);
        else if (spec.startsWith(".")) {
          const target = resolve(file, spec);
          const sub = target ? chainToFs(target, seen) : null;
          if (sub) found = `${path.relative(LIB, file)} → ${sub}`;
        }
        if (found) break;
      }
      readsFiles.set(file, found);
      return found;
    };
    const chains = tsFiles(path.join(LIB, "model")).map((f) => chainToFs(f)).filter((c): c is string => c !== null);
    expect(chains).toEqual([]);
  });

  it("the CLI reads the library only through its public API (lib/index.ts)", () => {
    const own = /^\.\.?\/(output|program|exit-codes|commands)$|^\.\/[a-z-]+$/;
    const outside: string[] = [];
    for (const file of tsFiles(path.join(LIB, "cli"))) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/from\s+["'](\.[^"']+)["']/g)) {
        const target = path.relative(LIB, path.resolve(path.dirname(file), m[1]));
        if (target === "index" || target.startsWith(`cli${path.sep}`) || own.test(m[1])) continue;
        outside.push(`${path.relative(LIB, file)} imports ${m[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
