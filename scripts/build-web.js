#!/usr/bin/env node
// Bundles the calibration page (lib/web/browser) with esbuild into dist/web/:
//   calibrate.js         the page (controls, figures, the worker's driver)
//   calibrate-worker.js  the Web Worker's code as a string (globalThis.EVSP_WORKER_SOURCE): a page opened from
//                        file:// cannot start a worker from a file, so it starts one from this text (a Blob URL)
// Node's built-in modules are replaced by empty ones: the browser paths of the library never call them (reading
// files, worker threads); HiGHS's own `require("node:…")` stays behind its Node-only branch.
"use strict";
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist", "web");
const BUILTINS = ["assert", "buffer", "child_process", "crypto", "events", "fs", "http", "https", "net", "os", "path", "stream", "string_decoder", "tty", "url", "util", "worker_threads", "zlib"];

const nodeShim = {
  name: "node-builtins-empty",
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${BUILTINS.join("|")})$`) }, (a) => ({ path: a.path, namespace: "node-empty" }));
    build.onLoad({ filter: /.*/, namespace: "node-empty" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
};

// simple-statistics' "browser" export is a minified UMD build that esbuild's CommonJS wrapper sees as empty
// (`quantileSorted is not a function` in the page): bundle its CommonJS build, as Node loads it.
const commonJsBuilds = {
  name: "commonjs-builds",
  setup(build) {
    build.onResolve({ filter: /^simple-statistics$/ }, () => ({ path: require.resolve("simple-statistics") }));
  },
};

async function bundle(entry, minify) {
  const r = await esbuild.build({
    entryPoints: [path.join(root, "lib", "web", "browser", entry)],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify,
    write: false,
    external: ["node:*"],
    plugins: [nodeShim, commonJsBuilds],
    logLevel: "warning",
    legalComments: "none",
  });
  return r.outputFiles[0].text;
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const worker = await bundle("worker.ts", true);
  fs.writeFileSync(path.join(out, "calibrate-worker.js"), `globalThis.EVSP_WORKER_SOURCE = ${JSON.stringify(worker)};\n`);
  fs.writeFileSync(path.join(out, "calibrate.js"), await bundle("page.ts", false));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
