/**
 * The canonical EV charging session every reader produces and every later stage consumes.
 * Instants are epoch milliseconds (UTC) plus the IANA time zone of the site, so local hours are always derivable
 * and never ambiguous.
 */

/** Which reader produced a session ("synthetic": the seeded generator of lib/clean). */
export type SessionSource = "residential" | "acn" | "workplace" | "generic" | "synthetic";

/** Charger power class (IEC/SAE usage): level 1 ≈ 1.4–1.9 kW, level 2 ≈ 3.3–22 kW, DC fast > 22 kW. */
export type PowerClass = "L1" | "L2" | "DCFC";

/** One EV charging session (a plug-in → plug-out connection). */
export interface ChargingSession {
  /** Session id, unique within its source. */
  id: string;
  /** Station (charger, EVSE or garage) id. */
  stationId: string;
  /** User id where the data has one. */
  userId?: string;
  /** Plug-in instant, epoch milliseconds UTC. */
  plugInMs: number;
  /** Plug-out instant, epoch milliseconds UTC (strictly after plug-in once cleaned). */
  plugOutMs: number;
  /** IANA time zone of the site, e.g. "Europe/Oslo". */
  timeZone: string;
  /** Energy delivered in the session, kWh. */
  energyKwh: number;
  /** Charger power limit in kW where known or inferred (cleaning infers it per station). */
  chargerKw?: number;
  /** Charger power class where known or inferred. */
  powerClass?: PowerClass;
  /** The reader that produced the session. */
  source: SessionSource;
}

/** Connection (dwell) time of a session in hours. */
export function dwellHours(s: Pick<ChargingSession, "plugInMs" | "plugOutMs">): number {
  return (s.plugOutMs - s.plugInMs) / 3_600_000;
}
