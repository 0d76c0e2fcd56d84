/**
 * Counts and span of a set of sessions (what `evsp clean --json` prints besides the report).
 */
import { localIso } from "../io/local-time";
import type { ChargingSession } from "../io/session";

/** Summary of sessions. */
export type SessionSummary = {
  sessions: number;
  /** Distinct station ids. */
  stations: number;
  /** Distinct user ids (sessions without a user are not counted). */
  users: number;
  /** Earliest plug-in, ISO 8601 in the session's zone (with offset); undefined without sessions. */
  spanStart?: string;
  /** Latest plug-out, ISO 8601 in the session's zone (with offset). */
  spanEnd?: string;
};

/** Counts distinct stations and users and finds the first plug-in and last plug-out. */
export function summarizeSessions(sessions: readonly ChargingSession[]): SessionSummary {
  const stations = new Set<string>();
  const users = new Set<string>();
  let first: ChargingSession | undefined;
  let last: ChargingSession | undefined;
  for (const s of sessions) {
    stations.add(s.stationId);
    if (s.userId !== undefined) users.add(s.userId);
    if (!first || s.plugInMs < first.plugInMs) first = s;
    if (!last || s.plugOutMs > last.plugOutMs) last = s;
  }
  return {
    sessions: sessions.length,
    stations: stations.size,
    users: users.size,
    spanStart: first && localIso(first.plugInMs, first.timeZone),
    spanEnd: last && localIso(last.plugOutMs, last.timeZone),
  };
}
