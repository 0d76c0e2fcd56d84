#!/usr/bin/env node
// Executes every notebook in notebooks/ headless through Jupyter with the tslab kernel; fails on any cell error.
// Usage: node scripts/run-notebooks.js [name-filter ...] | --setup-only
// Installs Jupyter from Debian packages when it is missing and we are root; otherwise says what to install.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const nbDir = path.join(root, "notebooks");
const outDir = path.join(root, ".notebook-runs");
const binDir = path.join(root, "node_modules", ".bin");
const DEBIAN_PACKAGES = ["jupyter-nbconvert", "python3-nbclient", "jupyter-client", "python3-ipykernel"];
const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` };

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: "utf8", env, ...opts });
}

/** The first python with nbclient + ipykernel + nbconvert, or null. */
function findPython() {
  for (const py of ["/usr/bin/python3", "python3"]) {
    const r = run(py, ["-c", "import nbclient, nbconvert, ipykernel, jupyter_client"]);
    if (r.status === 0) return py;
  }
  return null;
}

function ensureJupyter() {
  let py = findPython();
  if (py) return py;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = run("sh", ["-c", "command -v apt-get"]).status === 0;
  if (isRoot && hasApt) {
    console.log(`[notebooks] Jupyter is missing: installing Debian packages ${DEBIAN_PACKAGES.join(" ")}`);
    const upd = run("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const inst = run("apt-get", ["install", "-y", "-qq", ...DEBIAN_PACKAGES], {
      stdio: "inherit",
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (upd.status !== 0 || inst.status !== 0) fail("apt-get could not install Jupyter");
    py = findPython();
    if (py) return py;
  }
  fail(
    `Jupyter (nbconvert + nbclient + ipykernel) is not installed. Install it with:\n` +
      `  sudo apt-get install -y ${DEBIAN_PACKAGES.join(" ")}\n` +
      `then run: npx tslab install --python=/usr/bin/python3`,
  );
}

function ensureKernel(py) {
  const list = run(py, ["-m", "jupyter", "kernelspec", "list", "--json"]);
  const specs = list.status === 0 ? JSON.parse(list.stdout).kernelspecs : {};
  if (specs && specs.tslab) return;
  console.log(`[notebooks] registering the tslab kernel for ${py}`);
  const r = run(path.join(binDir, "tslab"), ["install", `--python=${py}`], { stdio: "inherit" });
  if (r.status !== 0) fail("could not register the tslab kernel (npx tslab install --python=/usr/bin/python3)");
}

function fail(msg) {
  console.error(`[notebooks] ${msg}`);
  process.exit(1);
}

/** Committed notebooks must have their outputs cleared. */
function checkCleared(file) {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const dirty = nb.cells.filter((c) => c.cell_type === "code" && ((c.outputs && c.outputs.length) || c.execution_count));
  if (dirty.length) fail(`${path.basename(file)} has ${dirty.length} cell(s) with outputs: clear them before committing`);
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes("--setup-only")) {
    ensureKernel(ensureJupyter());
    console.log("[notebooks] Jupyter and the tslab kernel are ready");
    return;
  }
  const filters = args;
  const notebooks = fs
    .readdirSync(nbDir)
    .filter((f) => f.endsWith(".ipynb"))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (notebooks.length === 0) fail(`no notebooks matched in ${nbDir}`);
  if (!fs.existsSync(path.join(root, "dist", "index.js"))) fail("the package is not built: run npm run build first");
  const py = ensureJupyter();
  ensureKernel(py);
  fs.mkdirSync(outDir, { recursive: true });
  const failed = [];
  for (const nb of notebooks) {
    checkCleared(path.join(nbDir, nb));
    const t0 = Date.now();
    const r = run(
      py,
      [path.join(__dirname, "execute_notebook.py"), "tslab", "3600", path.join(nbDir, nb), path.join(outDir, nb)],
      { cwd: nbDir, maxBuffer: 1 << 28 },
    );
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (r.status === 0) {
      console.log(`[notebooks] ok   ${nb} (${secs} s)`);
    } else {
      failed.push(nb);
      console.log(`[notebooks] FAIL ${nb} (${secs} s)`);
      console.log((r.stderr || "").split("\n").slice(-60).join("\n"));
    }
  }
  if (failed.length) fail(`${failed.length} notebook(s) failed: ${failed.join(", ")}`);
  console.log(`[notebooks] all ${notebooks.length} notebook(s) executed without error; executed copies in ${path.relative(root, outDir)}/`);
}

main();
