/**
 * TLS files for the queue tests (openssl); the servers and workers themselves come from the library
 * (lib/decomposition/queue/local.ts).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** A certificate authority and a server certificate for 127.0.0.1 made with openssl in `dir` (false without openssl). */
export function makeTlsFiles(dir: string): { ca: string; cert: string; key: string } | false {
  const f = (n: string) => path.join(dir, n);
  try {
    const run = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
    run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f("ca.key"), "-out", f("ca.crt"), "-days", "2", "-subj", "/CN=evsp test CA"]);
    run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", f("server.key"), "-out", f("server.csr"), "-subj", "/CN=localhost"]);
    fs.writeFileSync(f("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run(["x509", "-req", "-in", f("server.csr"), "-CA", f("ca.crt"), "-CAkey", f("ca.key"), "-CAcreateserial", "-out", f("server.crt"), "-days", "2", "-extfile", f("ext.cnf")]);
    return { ca: f("ca.crt"), cert: f("server.crt"), key: f("server.key") };
  } catch {
    return false;
  }
}
