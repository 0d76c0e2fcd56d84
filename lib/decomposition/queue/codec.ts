/**
 * Plain data over the queue. Redis stores strings, and JSON alone would lose what the subproblems exchange: typed
 * arrays (bases, duals) come back as objects keyed "0", "1" …, and Infinity or NaN (an unbounded option, a missing
 * value in a dispatch) as null. {@link encodePlain} writes them as tagged objects; {@link decodePlain} reads JSON
 * back with JSON.parse only (no code is ever evaluated), refuses keys that would reach an object's prototype, and
 * rebuilds the tagged values. Nothing else is accepted: a class instance, a function or a Map is an error.
 */
import { DataValidationError } from "../../util/errors";

const TYPED = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u8: Uint8Array,
} as const;
type TypedTag = keyof typeof TYPED;

/** The tag of a number JSON cannot write. */
function numberTag(v: number): string | undefined {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  if (Object.is(v, -0)) return "-0";
  return undefined;
}

function tagOf(v: ArrayBufferView): TypedTag | undefined {
  for (const [tag, cls] of Object.entries(TYPED)) if (v instanceof cls) return tag as TypedTag;
  return undefined;
}

function toPlain(v: unknown, where: string, path: string): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    const tag = numberTag(v);
    return tag ? { $num: tag } : v;
  }
  if (v === undefined) return undefined;
  if (ArrayBuffer.isView(v)) {
    const tag = tagOf(v);
    if (!tag) throw new DataValidationError(where, `a ${v.constructor.name} cannot be sent over the queue`, { field: path });
    return { [`$${tag}`]: Array.from(v as Float64Array, (x) => toPlain(x, where, path)) };
  }
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : toPlain(x, where, `${path}[${i}]`)));
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith("$")) throw new DataValidationError(where, `key "${k}" is reserved for the queue's tags`, { field: `${path}.${k}` });
      if (x !== undefined) out[k] = toPlain(x, where, `${path}.${k}`);
    }
    return out;
  }
  throw new DataValidationError(where, `a ${typeof v === "object" ? (v as object).constructor?.name ?? "object" : typeof v} cannot be sent over the queue`, { field: path });
}

/** `value` as JSON text that {@link decodePlain} turns back into an equal value. */
export function encodePlain(value: unknown, where = "encodePlain"): string {
  return JSON.stringify(toPlain(value, where, "$"));
}

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function fromPlain(v: unknown, where: string, path: string): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x, i) => fromPlain(x, where, `${path}[${i}]`));
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0].startsWith("$")) {
    const tag = keys[0].slice(1);
    if (tag === "num") {
      const t = o.$num;
      if (t === "NaN") return NaN;
      if (t === "Infinity") return Infinity;
      if (t === "-Infinity") return -Infinity;
      if (t === "-0") return -0;
      throw new DataValidationError(where, `unknown number tag ${JSON.stringify(t)}`, { field: path });
    }
    const cls = TYPED[tag as TypedTag];
    const items = o[keys[0]];
    if (!cls || !Array.isArray(items)) throw new DataValidationError(where, `unknown tag "${keys[0]}"`, { field: path });
    return cls.from(items.map((x, i) => {
      const n = fromPlain(x, where, `${path}[${i}]`);
      if (typeof n !== "number") throw new DataValidationError(where, "a typed array holds numbers only", { field: `${path}[${i}]` });
      return n;
    }));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (FORBIDDEN.has(k)) throw new DataValidationError(where, `key "${k}" is not accepted`, { field: `${path}.${k}` });
    if (k.startsWith("$")) throw new DataValidationError(where, `key "${k}" is reserved for the queue's tags`, { field: `${path}.${k}` });
    out[k] = fromPlain(o[k], where, `${path}.${k}`);
  }
  return out;
}

/** The value {@link encodePlain} wrote (JSON.parse, then the tags rebuilt; any other text is a DataValidationError). */
export function decodePlain(text: string, where = "decodePlain"): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DataValidationError(where, `not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return fromPlain(raw, where, "$");
}
