/**
 * Writing the calibration page: index.html and its assets in one folder, opened from file:// with no network and no
 * server — the bundled page and worker (dist/web, built by scripts/build-web.js), HiGHS's WebAssembly as base64 in
 * a script (a page on file:// cannot fetch a binary), plotly.js, and the fitted generators of the three data sets.
 * Also a static server on 127.0.0.1 for `evsp calibrate` without `--out`.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { pathToFileURL } from "url";
import { loadGeneratorParams } from "../clean/generator-store";
import { packageRoot } from "../io/paths";
import { plotlyBundle } from "../plot/html";
import { ArgumentError } from "../util/errors";
import { CALIBRATION_DATASETS, type CalibrationParams, calibrationQuery } from "./params";
import type { SessionFileInput } from "./run";

/** The page's files, in the order index.html loads them (index.html first). */
export const CALIBRATION_PAGE_FILES = ["index.html", "plotly.min.js", "highs-wasm.js", "generators.js", "calibrate-worker.js", "calibrate.js"] as const;

/** The folder holding the built page bundles (beside this module in dist/, else the package's dist/web). */
export function webBundleDir(): string {
  for (const dir of [__dirname, path.join(packageRoot(), "dist", "web")]) {
    if (fs.existsSync(path.join(dir, "calibrate.js")) && fs.existsSync(path.join(dir, "calibrate-worker.js"))) return dir;
  }
  throw new ArgumentError("webBundleDir", "the calibration page is not built: run npm run build (scripts/build-web.js bundles it)");
}

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>evsp calibrate: aggregation accuracy</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: system-ui, sans-serif; margin: 1rem 2rem; color: #222; }
  #controls { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: center; margin-bottom: 0.6rem; }
  .control { display: flex; flex-direction: column; font-size: 0.85rem; }
  #models { border: 1px solid #ccc; font-size: 0.85rem; }
  #drop { border: 2px dashed #aaa; padding: 0.6rem 1rem; font-size: 0.85rem; color: #555; }
  #status { font-size: 0.9rem; margin: 0.3rem 0; }
  #progress { width: 20rem; }
  #error { color: #b00020; margin: 0.3rem 0; }
  #figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 0.5rem; }
  .evsp-figure { height: 380px; }
  #clean-report table { border-collapse: collapse; font-size: 0.85rem; }
  #clean-report td, #clean-report th { border: 1px solid #ddd; padding: 0.1rem 0.5rem; text-align: left; }
</style>
<script src="plotly.min.js"></script>
<script src="highs-wasm.js"></script>
<script src="generators.js"></script>
<script src="calibrate-worker.js"></script>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="evsp-results">{"rows":[]}</script>
<script src="calibrate.js"></script>
</body>
</html>
`;

/** A global assignment as a script (JSON is valid JavaScript; `<` escaped so that no `</script>` can end it early). */
function globalScript(name: string, value: unknown): string {
  return `globalThis.${name} = ${JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")};\n`;
}

/**
 * Writes the page into `dir` (created if needed).
 * @returns the path of index.html and of every file written.
 * @throws ArgumentError when the bundles are not built.
 */
export function writeCalibrationPage(dir: string): { html: string; files: string[] } {
  const bundles = webBundleDir();
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const wasm = fs.readFileSync(require.resolve("highs/runtime"));
  const generators = Object.fromEntries(CALIBRATION_DATASETS.map((d) => [d, loadGeneratorParams(d)]));
  const files = [
    write("index.html", HTML),
    write("plotly.min.js", plotlyBundle()),
    write("highs-wasm.js", `globalThis.EVSP_HIGHS_WASM_BASE64 = "${wasm.toString("base64")}";\n`),
    write("generators.js", globalScript("EVSP_GENERATORS", generators)),
    write("calibrate-worker.js", fs.readFileSync(path.join(bundles, "calibrate-worker.js"))),
    write("calibrate.js", fs.readFileSync(path.join(bundles, "calibrate.js"))),
  ];
  return { html: files[0], files };
}

/** The file:// address of a written page (its index.html), opened with `params` in its query. */
export function calibrationPageUrl(html: string, params?: CalibrationParams): string {
  const href = pathToFileURL(path.resolve(html)).href;
  return params ? `${href}?${calibrationQuery(params)}` : href;
}

/** A session file on disk as the page receives a dropped one: its base name and its bytes. */
export function sessionFileInput(file: string): SessionFileInput {
  if (!fs.existsSync(file)) throw new ArgumentError("sessionFileInput", `no session file at ${file}`, { field: "file" });
  return { name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) };
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

/**
 * Serves the page's folder on 127.0.0.1 (static files only, nothing outside the folder).
 * @param port 0 for any free port.
 * @returns the server and its address (http://127.0.0.1:PORT/).
 */
export function serveCalibrationPage(dir: string, port = 0): Promise<{ server: http.Server; url: string }> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.resolve(root, name);
    if (path.dirname(file) !== root || !fs.existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      resolve({ server, url: `http://127.0.0.1:${p}/` });
    });
  });
}
