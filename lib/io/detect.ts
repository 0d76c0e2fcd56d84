/**
 * Recognising a session file by its content (never by its name): JSON with ACN items, or a CSV whose header
 * carries the columns of a known format.
 */
import { ACN_SIGNATURE } from "./formats/acn";
import { RESIDENTIAL_SIGNATURE } from "./formats/residential";
import { WORKPLACE_SIGNATURE } from "./formats/workplace";
import type { SessionFormat } from "./raw-session";

/** What {@link detectSessionFormat} found. */
export interface FormatDetection {
  /** The detected format, or undefined when no known format matches. */
  format: SessionFormat | undefined;
  /** "json" or "csv". */
  container: "json" | "csv";
  /** CSV: the field separator detected from the header line. */
  delimiter?: string;
  /** CSV: the header's column names; JSON: the first item's field names. */
  columns: string[];
  /** Share of each known format's signature columns present (0–1). */
  scores: Partial<Record<SessionFormat, number>>;
}

const CANDIDATE_DELIMITERS = [",", ";", "\t", "|"];

/** Removes a UTF-8 byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The first line of `text` (up to CR or LF). */
export function firstLine(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/** The separator occurring most often in a header line outside quotes (ties go to the earlier candidate). */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const n = unquoted.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Splits a header line into trimmed column names (quotes removed). */
export function headerColumns(headerLine: string, delimiter: string): string[] {
  return headerLine.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, "$1").trim());
}

function score(columns: readonly string[], signature: readonly string[]): number {
  const set = new Set(columns);
  return signature.filter((c) => set.has(c)).length / signature.length;
}

/** Field names of the first JSON item found in a (possibly truncated) JSON head. */
function jsonItemFields(head: string): string[] {
  const start = head.search(/"_items"\s*:\s*\[/);
  const from = start >= 0 ? head.indexOf("[", start) + 1 : head.indexOf("[") + 1;
  const open = head.indexOf("{", from);
  if (open < 0) return [];
  // Scan the first item's top-level keys (depth 1) without parsing the whole file.
  const keys: string[] = [];
  let depth = 0;
  for (let i = open; i < head.length; i++) {
    const ch = head[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < head.length && head[j] !== '"') j += head[j] === "\\" ? 2 : 1;
      const s = head.slice(i + 1, j);
      const after = head.slice(j + 1).match(/^\s*:/);
      if (depth === 1 && after) keys.push(s);
      i = j;
    } else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) break;
    }
  }
  return keys;
}

/**
 * Detects the format of a session file from the head of its content.
 * @param head the first part of the file (64 KiB is plenty), BOM allowed.
 */
export function detectSessionFormat(head: string): FormatDetection {
  const text = stripBom(head).trimStart();
  if (text.startsWith("{") || text.startsWith("[")) {
    const columns = jsonItemFields(text);
    const s = score(columns, ACN_SIGNATURE);
    return { format: s >= 0.6 ? "acn" : undefined, container: "json", columns, scores: { acn: s } };
  }
  const line = firstLine(text);
  const delimiter = detectDelimiter(line);
  const columns = headerColumns(line, delimiter);
  const scores = { residential: score(columns, RESIDENTIAL_SIGNATURE), workplace: score(columns, WORKPLACE_SIGNATURE) };
  const best = scores.residential >= scores.workplace ? "residential" : "workplace";
  return { format: scores[best] >= 0.6 ? best : undefined, container: "csv", delimiter, columns, scores };
}
