#!/usr/bin/env node
// Converts a percent-format script (cells split by lines "// %%" for code and "// %% [markdown]" for markdown,
// markdown lines written as "// text") into a Jupyter notebook with the tslab kernel and no outputs.
// Usage: node scripts/notebook-from-percent.js source.ts notebooks/NN-name.ipynb
// Also: node scripts/notebook-from-percent.js --to-percent notebooks/NN-name.ipynb  (prints the percent form)
"use strict";
const fs = require("fs");

function toCells(text) {
  const cells = [];
  let cur = null;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\/\/ %%( \[markdown\])?\s*$/.exec(line);
    if (m) {
      if (cur) cells.push(cur);
      cur = { type: m[1] ? "markdown" : "code", lines: [] };
      continue;
    }
    if (!cur) cur = { type: "code", lines: [] };
    cur.lines.push(cur.type === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
  }
  if (cur) cells.push(cur);
  return cells
    .map((c) => {
      while (c.lines.length && c.lines[c.lines.length - 1].trim() === "") c.lines.pop();
      while (c.lines.length && c.lines[0].trim() === "") c.lines.shift();
      return c;
    })
    .filter((c) => c.lines.length > 0)
    .map((c) => {
      const source = c.lines.map((l, i) => (i < c.lines.length - 1 ? `${l}\n` : l));
      return c.type === "markdown"
        ? { cell_type: "markdown", metadata: {}, source }
        : { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source };
    });
}

function notebook(cells) {
  return {
    cells,
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
        version: "5.0",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function toPercent(nb) {
  return nb.cells
    .map((c) => {
      const src = Array.isArray(c.source) ? c.source.join("") : c.source;
      return c.cell_type === "markdown"
        ? `// %% [markdown]\n${src.split("\n").map((l) => (l ? `// ${l}` : "//")).join("\n")}\n`
        : `// %%\n${src}\n`;
    })
    .join("\n");
}

const args = process.argv.slice(2);
if (args[0] === "--to-percent") {
  process.stdout.write(toPercent(JSON.parse(fs.readFileSync(args[1], "utf8"))));
} else if (args.length === 2) {
  const nb = notebook(toCells(fs.readFileSync(args[0], "utf8")));
  nb.cells.forEach((c, i) => (c.id = `cell-${String(i).padStart(3, "0")}`));
  fs.writeFileSync(args[1], `${JSON.stringify(nb, null, 1)}\n`);
  console.log(`wrote ${args[1]} (${nb.cells.length} cells)`);
} else {
  console.error("usage: notebook-from-percent.js source.ts out.ipynb | --to-percent in.ipynb");
  process.exit(2);
}
