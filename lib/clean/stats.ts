/**
 * simple-statistics, loaded through its CommonJS build. The package ships ESM type declarations only; a CommonJS
 * file may not import them without a `resolution-mode` attribute, which the TypeScript bundled with tslab (5.0)
 * cannot parse. The types are still resolved and checked: the ignore only silences the module-kind complaint.
 */
// @ts-ignore -- TS1479/TS1542: ESM-only declarations referenced from CommonJS (types only, see above)
type SimpleStatistics = typeof import("simple-statistics");

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ss = require("simple-statistics") as SimpleStatistics;
