/**
 * A queue on this machine: a redis-server of one's own (Debian redis-server) on a free loopback port without
 * persistence, and `evsp worker` processes against it. For the tests, bench/distributed and `evsp batch --local n`;
 * on several machines one starts Redis and the workers by hand (README, "Several machines").
 */
import { type ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { packageRoot } from "../../io/paths";
import { QueueError } from "../../util/errors";

/** Whether redis-server is installed. */
export function hasRedisServer(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface LocalRedis {
  port: number;
  /** redis:// or rediss:// URL, with the password when one is set. */
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export interface LocalRedisOptions {
  /** Default: a free one. */
  port?: number;
  password?: string;
  /** Serve TLS only (rediss://) with these PEM files. */
  tls?: { ca: string; cert: string; key: string };
}

/** Ends a child process (SIGKILL unless told otherwise) and waits for it. */
function end(proc: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once("exit", () => resolve());
    proc.kill(signal);
  });
}

/** Waits until a child's output (stdout or stderr, as `stream`) shows `ready`; rejects if it exits first. The array it resolves with goes on collecting the output. */
function waitFor(proc: ChildProcess, stream: NodeJS.ReadableStream, ready: string, what: string, seconds: number): Promise<string[]> {
  const out: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new QueueError("waitFor", what, `did not start within ${seconds} s: ${out.join("")}`)), 1000 * seconds);
    stream.on("data", (d: Buffer) => {
      out.push(d.toString());
      if (out.join("").includes(ready)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new QueueError("waitFor", what, `exited (${code}) before it was ready: ${out.join("")}`));
    });
  });
}

/** Starts redis-server on loopback; resolves once it accepts connections. */
export async function startLocalRedis(o: LocalRedisOptions = {}): Promise<LocalRedis> {
  const port = o.port ?? (await freeLoopbackPort());
  const listen = o.tls ? ["--port", "0", "--tls-port", String(port), "--tls-cert-file", o.tls.cert, "--tls-key-file", o.tls.key, "--tls-ca-cert-file", o.tls.ca, "--tls-auth-clients", "no"] : ["--port", String(port)];
  const proc = spawn("redis-server", [...listen, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...(o.password ? ["--requirepass", o.password] : [])], { stdio: ["ignore", "pipe", "pipe"] });
  await waitFor(proc, proc.stdout!, "Ready to accept connections", `redis-server on port ${port}`, 10);
  const auth = o.password ? `:${encodeURIComponent(o.password)}@` : "";
  return { port, url: `${o.tls ? "rediss" : "redis"}://${auth}127.0.0.1:${port}`, proc, stop: () => end(proc) };
}

export interface LocalWorker {
  proc: ChildProcess;
  /** Everything it has logged so far. */
  log(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `evsp worker --redis url` (the built CLI); resolves once it waits for jobs. */
export async function startLocalWorker(url: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<LocalWorker> {
  const cli = path.join(packageRoot(), "dist", "cli", "main.js");
  if (!fs.existsSync(cli)) throw new QueueError("startLocalWorker", url, "the CLI is not built: run npm run build");
  const proc = spawn(process.execPath, [cli, "worker", "--redis", url, ...args], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
  // waitFor's listener goes on collecting the worker's log.
  const out = await waitFor(proc, proc.stderr!, "waiting for jobs", "evsp worker", 30);
  return { proc, log: () => out.join(""), kill: (signal) => end(proc, signal) };
}
