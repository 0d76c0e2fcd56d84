/**
 * `evsp calibrate`: the interactive calibration page of aggregation accuracy (lib/web). With `--out DIR` it writes
 * a self-contained page there (open DIR/index.html from the file system, no network needed); without, it writes
 * the page to a temporary folder and serves it on 127.0.0.1 until stopped, printing the address.
 * → with --out: { html, url, files, timing: { seconds } }; serving: { url, dir } (then runs until interrupted)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { calibrationQuery, DEFAULT_CALIBRATION, serveCalibrationPage, writeCalibrationPage } from "../../index";
import { action, emit } from "../output";
import { nonNegativeIntOption, registerCommand } from "../program";

registerCommand((program) => {
  program
    .command("calibrate")
    .description("the interactive aggregation accuracy page: write it (--out) or serve it on 127.0.0.1")
    .option("--out <dir>", "write index.html and its assets there instead of serving them")
    .option("--port <n>", "port to serve on (0: any free port)", nonNegativeIntOption, 0)
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: { out?: string; port: number; json?: boolean }) => {
        const t0 = performance.now();
        const query = `?${calibrationQuery(DEFAULT_CALIBRATION)}`;
        if (opts.out) {
          const page = writeCalibrationPage(opts.out);
          const url = pathToFileURL(path.resolve(page.html)).href + query;
          emit(opts, { html: page.html, url, files: page.files, timing: { seconds: (performance.now() - t0) / 1000 } }, (o) => `wrote ${o.files.length} files; open ${o.url}`);
          return;
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-calibrate-"));
        writeCalibrationPage(dir);
        const { server, url } = await serveCalibrationPage(dir, opts.port);
        emit(opts, { url: url + query, dir }, (o) => `serving the calibration page at ${o.url} (Ctrl-C to stop)`);
        await new Promise<void>((resolve) => {
          const stop = () => server.close(() => resolve());
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        fs.rmSync(dir, { recursive: true, force: true });
      }),
    );
});
