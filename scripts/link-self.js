#!/usr/bin/env node
// Makes `import ... from "evsp"` resolve to this checkout's built package from anywhere inside it
// (tslab type-checks notebooks with Node10 module resolution, which has no package self-reference).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "evsp");
fs.mkdirSync(path.dirname(link), { recursive: true });
let current = null;
try {
  current = fs.readlinkSync(link);
} catch {
  current = null;
}
if (current !== "..") {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync("..", link, "dir");
}
