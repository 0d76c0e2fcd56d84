/**
 * Tokenizer for the subset of MATLAB that MATPOWER case files use: `%` comments, `...` continuations, numbers in
 * any notation (`1`, `.5`, `1e-3`, `2.5E+02`), single-quoted strings, identifiers and the operators of
 * matrix literals and simple unit conversions.
 */
import { DataValidationError } from "../util/errors";

/** A token with the 1-based line it starts on and whether whitespace preceded it. */
export interface Token {
  kind: "num" | "id" | "str" | "op" | "nl" | "eof";
  text: string;
  value?: number;
  line: number;
  spaceBefore: boolean;
}

const OPS2 = new Set([".*", "./", ".^", "==", "~=", "<=", ">="]);
const OPS1 = new Set(["(", ")", "[", "]", "{", "}", ",", ";", "=", "+", "-", "*", "/", "^", ":", ".", "'", "<", ">"]);
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Splits the text of a case file into tokens.
 * @throws DataValidationError on a character the case format never uses or an unterminated string.
 */
export function tokenize(text: string, where: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let space = false;
  const push = (t: Omit<Token, "line" | "spaceBefore">) => {
    out.push({ ...t, line, spaceBefore: space });
    space = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      push({ kind: "nl", text: "\n" });
      line++;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      space = true;
      i++;
      continue;
    }
    if (c === "%") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (text.startsWith("...", i)) {
      // continuation: the rest of the line (a comment) and the newline are skipped
      while (i < text.length && text[i] !== "\n") i++;
      if (i < text.length) {
        i++;
        line++;
      }
      space = true;
      continue;
    }
    const rest = text.slice(i, i + 64);
    const num = NUMBER.exec(rest);
    if (num && !(c === "." && /[*/^']/.test(text[i + 1] ?? ""))) {
      let s = num[0];
      // a number cannot swallow the dot of a following element-wise operator (`2.*x`)
      if (s.endsWith(".") && /[*/^']/.test(text[i + s.length] ?? "")) s = s.slice(0, -1);
      push({ kind: "num", text: s, value: Number(s) });
      i += s.length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      push({ kind: "id", text: id[0] });
      i += id[0].length;
      continue;
    }
    if (c === "'") {
      const prev = out[out.length - 1];
      const transpose =
        prev !== undefined && !space && (prev.kind === "id" || prev.kind === "num" || [")", "]", "}", "'"].includes(prev.text));
      if (!transpose) {
        let j = i + 1;
        let s = "";
        for (;;) {
          if (j >= text.length || text[j] === "\n") {
            throw new DataValidationError(where, `unterminated string on line ${line}`, { row: line });
          }
          if (text[j] === "'") {
            if (text[j + 1] === "'") {
              s += "'";
              j += 2;
              continue;
            }
            break;
          }
          s += text[j++];
        }
        push({ kind: "str", text: s });
        i = j + 1;
        continue;
      }
    }
    const two = text.slice(i, i + 2);
    if (OPS2.has(two)) {
      push({ kind: "op", text: two });
      i += 2;
      continue;
    }
    if (OPS1.has(c)) {
      push({ kind: "op", text: c });
      i++;
      continue;
    }
    throw new DataValidationError(where, `unexpected character "${c}" on line ${line}`, { row: line });
  }
  out.push({ kind: "eof", text: "", line, spaceBefore: space });
  return out;
}
