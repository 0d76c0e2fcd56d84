/**
 * `evsp calibrate`: `--out` writes the page's six files and prints a file:// link with the default parameters;
 * without `--out` the built CLI serves them on 127.0.0.1 (nothing outside the page's folder) until stopped.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import "../lib/cli/commands/calibrate";
import { CALIBRATION_PAGE_FILES, calibrationQuery, DEFAULT_CALIBRATION } from "../lib/web";
import { runCliJson } from "./cli-run";

const CLI = path.resolve(__dirname, "..", "dist", "cli", "main.js");

describe("evsp calibrate", () => {
  it("--out writes index.html and its assets, and prints the page's link", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-cal-out-"));
    try {
      const o = await runCliJson(["calibrate", "--out", dir, "--json"]);
      expect((o.files as string[]).map((f) => path.basename(f))).toEqual([...CALIBRATION_PAGE_FILES]);
      for (const f of CALIBRATION_PAGE_FILES) expect(fs.statSync(path.join(dir, f)).size).toBeGreaterThan(1000);
      expect(o.url).toBe(`file://${path.resolve(dir, "index.html")}?${calibrationQuery(DEFAULT_CALIBRATION)}`);
      const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
      for (const f of CALIBRATION_PAGE_FILES.slice(1)) expect(html).toContain(`<script src="${f}"></script>`);
      expect(html).not.toMatch(/https?:\/\//);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!fs.existsSync(CLI))("without --out serves the page on 127.0.0.1 and stops on SIGTERM", { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [CLI, "calibrate", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (b: Buffer) => {
          out += b.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code} before printing`)));
      });
      const { url, dir } = JSON.parse(line) as { url: string; dir: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?dataset=/);
      const base = url.split("?")[0];
      const index = await fetch(base);
      expect(index.status).toBe(200);
      expect(index.headers.get("content-type")).toMatch(/text\/html/);
      expect(await index.text()).toContain('id="evsp-results"');
      const js = await fetch(`${base}calibrate.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get("content-type")).toMatch(/javascript/);
      expect((await fetch(`${base}..%2Fpackage.json`)).status).toBe(404);
      expect((await fetch(`${base}missing.js`)).status).toBe(404);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
