#!/usr/bin/env node
// Compiles lib/ + bench/ and runs one benchmark: npm run bench -- <name> [args...]   (bench/<name>.ts)
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const [name, ...args] = process.argv.slice(2);
const available = fs.readdirSync(path.join(root, "bench")).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, ""));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]; available: ${available.join(", ") || "(none)"}`);
  process.exit(2);
}
const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.bench.json"], { cwd: root, stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status || 1);
const r = spawnSync(process.execPath, [path.join(root, ".bench-build", "bench", `${name}.js`), ...args], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
