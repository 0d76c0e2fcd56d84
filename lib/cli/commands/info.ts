/**
 * `evsp info`: versions of the toolkit and Node, and where data is read from.
 * → { evsp, node, sharedDataDir, sharedFiles: { name: present }, timing: { seconds } }
 */
import * as fs from "fs";
import * as path from "path";
import { hasSharedData, packageRoot, SHARED_FILES, sharedDataDir } from "../../index";
import { action, emit } from "../output";
import { registerCommand } from "../program";

registerCommand((program) => {
  program
    .command("info")
    .description("print versions and the data folders in use")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: { json?: boolean }) => {
        const t0 = performance.now();
        const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string };
        const files = Object.fromEntries(Object.entries(SHARED_FILES).map(([k, f]) => [k, hasSharedData(f)]));
        emit(opts, { evsp: pkg.version, node: process.version, sharedDataDir: sharedDataDir(), sharedFiles: files, timing: { seconds: (performance.now() - t0) / 1000 } });
      }),
    );
});
