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

/** The state of a tokenizer run: the text, the position, the current line and the tokens so far. */
interface Lexer {
  readonly text: string;
  readonly where: string;
  readonly out: Token[];
  /** Position in `text`. */
  i: number;
  /** 1-based line of `i`. */
  line: number;
  /** Whether whitespace (or a continuation) came since the last token. */
  space: boolean;
}

/** Appends a token at the current line, recording and clearing the whitespace-before flag. */
function push(lx: Lexer, t: Omit<Token, "line" | "spaceBefore">): void {
  lx.out.push({ ...t, line: lx.line, spaceBefore: lx.space });
  lx.space = false;
}

/** Newline (a token), blanks, a `%` comment or a `...` continuation at the position; false when none is there. */
function skipLayout(lx: Lexer, c: string): boolean {
  const { text } = lx;
  if (c === "\n") {
    push(lx, { kind: "nl", text: "\n" });
    lx.line++;
    lx.i++;
    return true;
  }
  if (c === " " || c === "\t" || c === "\r") {
    lx.space = true;
    lx.i++;
    return true;
  }
  if (c === "%") {
    while (lx.i < text.length && text[lx.i] !== "\n") lx.i++;
    return true;
  }
  if (text.startsWith("...", lx.i)) {
    // continuation: the rest of the line (a comment) and the newline are skipped
    while (lx.i < text.length && text[lx.i] !== "\n") lx.i++;
    if (lx.i < text.length) {
      lx.i++;
      lx.line++;
    }
    lx.space = true;
    return true;
  }
  return false;
}

/** A number or an identifier at the position; false when neither starts there. */
function readWord(lx: Lexer, c: string): boolean {
  const { text, i } = lx;
  const rest = text.slice(i, i + 64);
  const num = NUMBER.exec(rest);
  if (num && !(c === "." && /[*/^']/.test(text[i + 1] ?? ""))) {
    let s = num[0];
    // a number cannot swallow the dot of a following element-wise operator (`2.*x`)
    if (s.endsWith(".") && /[*/^']/.test(text[i + s.length] ?? "")) s = s.slice(0, -1);
    push(lx, { kind: "num", text: s, value: Number(s) });
    lx.i += s.length;
    return true;
  }
  const id = IDENT.exec(rest);
  if (id) {
    push(lx, { kind: "id", text: id[0] });
    lx.i += id[0].length;
    return true;
  }
  return false;
}

/**
 * A single-quoted string (`''` inside is a quote) at the position; false when there is no quote or the quote is a
 * transpose (right after a value with no blank between).
 * @throws DataValidationError when the string does not end on its line.
 */
function readString(lx: Lexer, c: string): boolean {
  if (c !== "'") return false;
  const { text, out } = lx;
  const prev = out[out.length - 1];
  const transpose =
    prev !== undefined && !lx.space && (prev.kind === "id" || prev.kind === "num" || [")", "]", "}", "'"].includes(prev.text));
  if (transpose) return false;
  let j = lx.i + 1;
  let s = "";
  for (;;) {
    if (j >= text.length || text[j] === "\n") {
      throw new DataValidationError(lx.where, `unterminated string on line ${lx.line}`, { row: lx.line });
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
  push(lx, { kind: "str", text: s });
  lx.i = j + 1;
  return true;
}

/** A two- or one-character operator at the position; false when none is there. */
function readOperator(lx: Lexer, c: string): boolean {
  const two = lx.text.slice(lx.i, lx.i + 2);
  if (OPS2.has(two)) {
    push(lx, { kind: "op", text: two });
    lx.i += 2;
    return true;
  }
  if (OPS1.has(c)) {
    push(lx, { kind: "op", text: c });
    lx.i++;
    return true;
  }
  return false;
}

/**
 * Splits the text of a case file into tokens.
 * @throws DataValidationError on a character the case format never uses or an unterminated string.
 */
export function tokenize(text: string, where: string): Token[] {
  const lx: Lexer = { text, where, out: [], i: 0, line: 1, space: false };
  while (lx.i < text.length) {
    const c = text[lx.i];
    if (skipLayout(lx, c) || readWord(lx, c) || readString(lx, c) || readOperator(lx, c)) continue;
    throw new DataValidationError(where, `unexpected character "${c}" on line ${lx.line}`, { row: lx.line });
  }
  lx.out.push({ kind: "eof", text: "", line: lx.line, spaceBefore: lx.space });
  return lx.out;
}
