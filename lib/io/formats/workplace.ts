/**
 * US workplace charging sessions (Asensio, Lawson & Apablaza, *Sci Data* 8, 168 (2021), Harvard Dataverse):
 * `,`-separated, `NA` for missing values, `created` / `ended` written `0014-11-18 15:40:26` — the year `0014` means
 * 2014 (years 0–99 are mapped to 2000 + yy, the rule every format shares: {@link SHORT_YEAR_CENTURY}).
 *
 * Time zone: the data set gives local site time without naming the zone, and its 25 sites belong to one US
 * employer whose locations are not published. We default to **America/New_York** (US Eastern: the most populous US
 * zone, and the zone of the toolkit's other US data, PJM load); pass `timeZone` to choose another. The choice only
 * moves the UTC instants: every local-time statistic (arrival hour, weekday, dwell) reads the wall clock and is the
 * same in any zone, and no timestamp of the file falls in a DST gap or repeat of any mainland US zone (tested).
 */
import type { FormatSpec } from "../raw-session";
import { SHORT_YEAR_CENTURY } from "../time-format";

/** Default IANA zone assumed for the workplace data (see the module comment for the reasoning). */
export const WORKPLACE_DEFAULT_TIME_ZONE = "America/New_York";

/** Format spec of the US workplace CSV. */
export const WORKPLACE_SPEC: FormatSpec = {
  format: "workplace",
  label: "US workplace CSV",
  delimiter: ",",
  decimal: ".",
  naValues: ["", "NA"],
  columns: {
    id: "sessionId",
    stationId: "stationId",
    userId: "userId",
    plugIn: "created",
    plugOut: "ended",
    energyKwh: "kwhTotal",
  },
  time: { kind: "pattern", pattern: "yyyy-MM-dd HH:mm:ss", century: SHORT_YEAR_CENTURY },
  timeZone: WORKPLACE_DEFAULT_TIME_ZONE,
  timeResolutionS: 1,
};

/** Columns whose presence identifies the format. */
export const WORKPLACE_SIGNATURE = ["sessionId", "kwhTotal", "created", "ended", "chargeTimeHrs", "userId", "stationId", "locationId"];
