/**
 * What the planning master and `evsp worker` processes exchange through Redis: key names, the job record, an
 * evaluation batch, and the checks each side makes on what it receives. Everything is plain data (codec.ts); a job
 * names a run, a group of scenarios, an operation and a batch number, nothing more, and a worker refuses (never
 * executes) a job or batch that is not exactly of this form.
 *
 * A run's scenarios are split into `groups` (scenario i in group i mod groups); each group has its own BullMQ queue,
 * which one worker process claims at a time, so a scenario's warm model stays in one place (scenario affinity). All
 * scenarios see the same evaluation batches in the same order, and a scenario's state is a function of the batches
 * applied to it, so a worker that takes over a group (its owner died, or the groups were rebalanced) rebuilds each
 * model and re-applies the earlier batches: the same answers as if the scenario had never moved.
 */
import type { FirstStageValues } from "../../model/planning/first-stage";
import { DataValidationError } from "../../util/errors";

/** Where the master looks for workers when none is named: Redis on this machine's loopback only. */
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** Prefix of every key evsp writes (BullMQ's own keys carry its prefix "bull"). */
export const PREFIX = "evsp";

/** Redis keys of the worker registry and of one run. */
export const keys = {
  /** Sorted set: worker id → last heartbeat (ms since the epoch). */
  workers: `${PREFIX}:workers`,
  /** Hash: worker id → JSON { host, pid, concurrency }. */
  workerInfo: `${PREFIX}:worker-info`,
  /** Set of runs in progress. */
  runs: `${PREFIX}:runs`,
  /** The run's setup (planning inputs, runner options, starting states): encodePlain text. */
  setup: (run: string) => `${PREFIX}:run:${run}:setup`,
  /** The run's shape: JSON { groups, scenarios }. */
  meta: (run: string) => `${PREFIX}:run:${run}:meta`,
  /** List of the run's evaluation batches (encodePlain text each), in the order every scenario applies them. */
  batches: (run: string) => `${PREFIX}:run:${run}:batches`,
  /** List the workers push their answers to (encodePlain text of an {@link Answer}). */
  answers: (run: string) => `${PREFIX}:run:${run}:answers`,
  /** Set when the run has ended (expires after an hour): its workers free its models at once. */
  ended: (run: string) => `${PREFIX}:run:${run}:ended`,
  /** Which worker holds group g (expires unless its holder renews it). */
  claim: (run: string, g: number) => `${PREFIX}:run:${run}:claim:${g}`,
  /** BullMQ queue of group g (BullMQ names: no colons). */
  queue: (run: string, g: number) => `${PREFIX}-${run}-g${g}`,
};

/** A worker is alive while its heartbeat is younger than this (it beats every HEARTBEAT_MS). */
export const WORKER_TTL_MS = 4000;
export const HEARTBEAT_MS = 500;

/** Operations a job asks for. */
export const OPS = ["evaluate", "cutRows", "dayStarts"] as const;
export type JobOp = (typeof OPS)[number];

/**
 * One job: group `group` of run `run` performs `op`. "evaluate": apply batches 0 … `batch` and answer with the
 * results of batch `batch`; "cutRows" / "dayStarts": answer with the state after batches 0 … `batch` − 1.
 */
export interface JobData {
  v: 1;
  run: string;
  group: number;
  op: JobOp;
  batch: number;
}

/** One evaluation batch: decisions every scenario evaluates in order. */
export interface Batch {
  points: { x: FirstStageValues; coneTol?: number }[];
  detail: boolean;
}

/** A group's answer: its scenarios (i = group, group + groups, …) each with their results, or the failure. */
export interface Answer {
  group: number;
  op: JobOp;
  batch: number;
  worker: string;
  /** Per scenario of the group, in order: SubResult[] (evaluate), RowInput[] (cutRows), DayStart | undefined. */
  results?: unknown[];
  /** A toolkit error as plain data (worker-errors.ts). */
  error?: unknown;
}

export const RUN_ID = /^[a-z0-9]{8,40}$/;

const isInt = (v: unknown, lo: number, hi = Number.MAX_SAFE_INTEGER): v is number => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

/** Checks a job's data field by field: only these keys, of these types (a DataValidationError names the field). */
export function validateJob(data: unknown, where = "validateJob"): JobData {
  const bad = (field: string, what: string): never => {
    throw new DataValidationError(where, `job refused: ${what}`, { field });
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) return bad("data", "not an object");
  const d = data as Record<string, unknown>;
  const extra = Object.keys(d).filter((k) => !["v", "run", "group", "op", "batch"].includes(k));
  if (extra.length) bad(extra[0], `unknown key "${extra[0]}"`);
  if (d.v !== 1) bad("v", `version ${JSON.stringify(d.v)} (this worker speaks 1)`);
  if (typeof d.run !== "string" || !RUN_ID.test(d.run)) bad("run", `run id ${JSON.stringify(d.run)} is not 8–40 lower-case letters and digits`);
  if (!isInt(d.group, 0, 1e6)) bad("group", `group ${JSON.stringify(d.group)} is not a whole number ≥ 0`);
  if (!OPS.includes(d.op as JobOp)) bad("op", `operation ${JSON.stringify(d.op)} is not one of ${OPS.join(", ")}`);
  if (!isInt(d.batch, 0, 1e7)) bad("batch", `batch ${JSON.stringify(d.batch)} is not a whole number ≥ 0`);
  return d as unknown as JobData;
}

const finiteArray = (v: unknown, n: number): boolean => Array.isArray(v) && v.length === n && v.every((x) => typeof x === "number" && Number.isFinite(x));

/** Checks a decoded batch against a run with `candidates` candidate sites. */
export function validateBatch(value: unknown, candidates: number, where = "validateBatch", index = 0): Batch {
  const bad = (field: string, what: string): never => {
    throw new DataValidationError(where, `batch ${index} refused: ${what}`, { field });
  };
  if (typeof value !== "object" || value === null) return bad("batch", "not an object");
  const b = value as Record<string, unknown>;
  if (typeof b.detail !== "boolean") bad("detail", "detail is not true or false");
  if (!Array.isArray(b.points) || b.points.length === 0) return bad("points", "no decisions");
  b.points.forEach((p: unknown, k: number) => {
    const q = p as Record<string, unknown> | null;
    const x = q?.x as Record<string, unknown> | undefined;
    if (!x || typeof x !== "object") bad(`points[${k}].x`, "no decision");
    if (!finiteArray(x!.eKwh, candidates) || !finiteArray(x!.pKw, candidates)) bad(`points[${k}].x`, `eKwh and pKw must be ${candidates} finite numbers each`);
    if (!Array.isArray(x!.built) || x!.built.length !== candidates || !x!.built.every((v) => typeof v === "boolean")) bad(`points[${k}].x.built`, `built must be ${candidates} booleans`);
    if (q!.coneTol !== undefined && !(typeof q!.coneTol === "number" && q!.coneTol > 0 && Number.isFinite(q!.coneTol))) bad(`points[${k}].coneTol`, "coneTol must be a positive number");
  });
  return b as unknown as Batch;
}

/** The scenarios of group g among n scenarios split into `groups`. */
export function groupScenarios(g: number, groups: number, n: number): number[] {
  const out: number[] = [];
  for (let i = g; i < n; i += groups) out.push(i);
  return out;
}
