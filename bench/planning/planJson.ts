/** A plan's summary as `evsp plan --json` prints it (the fields the planning bench reads). */
export interface PlanJson {
  sites: { bus: number; energyKwh: number; powerKw: number }[];
  objective: number;
  lowerBound: number;
  gapPct: number;
  iterations: number;
  stop: string;
  scenarios: number;
  workers: number;
  timing: { seconds: number };
}
