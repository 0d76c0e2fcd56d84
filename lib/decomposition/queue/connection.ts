/**
 * Connections to Redis, from a URL: `redis://[:password@]host[:port][/db]`, or `rediss://…` for TLS. A certificate
 * authority other than the system's (a self-signed server) is read from the file named by the environment variable
 * EVSP_REDIS_CA. ioredis reconnects by itself after a dropped connection; BullMQ needs commands to wait for that
 * instead of failing (`maxRetriesPerRequest: null`).
 */
import * as fs from "fs";
import * as net from "net";
import IORedis, { type RedisOptions } from "ioredis";
import { ArgumentError } from "../../util/errors";
import { DEFAULT_REDIS_URL } from "./protocol";

/** The URL checked: redis: or rediss: with a host. */
export function checkRedisUrl(url: string = DEFAULT_REDIS_URL, where = "checkRedisUrl"): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ArgumentError(where, `"${url}" is not a URL (expected redis://host:port or rediss://host:port)`, { field: "redis" });
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw new ArgumentError(where, `"${url}": the protocol must be redis: or rediss: (TLS), not ${u.protocol}`, { field: "redis" });
  if (!u.hostname) throw new ArgumentError(where, `"${url}" names no host`, { field: "redis" });
  return u;
}

/** The URL without its password (for messages and logs). */
export function redactedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** A new connection (ioredis) to `url`. */
export function redisConnection(url: string = DEFAULT_REDIS_URL, where = "redisConnection", extra: RedisOptions = {}): IORedis {
  const u = checkRedisUrl(url, where);
  const ca = process.env.EVSP_REDIS_CA;
  // The server name for SNI and the certificate check: a host name (an IP address is checked without one).
  const name = net.isIP(u.hostname.replace(/^\[|\]$/g, "")) ? {} : { servername: u.hostname };
  const tls = u.protocol === "rediss:" ? { tls: { ...(ca ? { ca: fs.readFileSync(ca) } : {}), ...name } } : {};
  const conn = new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...tls, ...extra });
  // Connection errors reach the callers as failed commands (or waits); without a listener ioredis prints each one.
  conn.on("error", () => undefined);
  return conn;
}
