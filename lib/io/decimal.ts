/**
 * The one number syntax of the toolkit's readers: plain decimal, `[+-]digits[.digits][e±digits]`, with `.` (or, for
 * the formats that write it, `,`) as the decimal separator. Nothing else is a number: no hexadecimal, octal or
 * binary literals (`0x1F`, `0o17`, `0b11`, which JavaScript's `Number` would read), no `Infinity`, no digit
 * separators (`1_000`), no thousands separators, no units; a value too large for a double (`1e999`) is not finite
 * and not accepted either.
 */

const DECIMAL_RE = { ".": /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, ",": /^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$/ };

/** True when `text` (trimmed) is written as a decimal number (finite or not). */
export function isDecimalText(text: string, decimal: "." | "," = "."): boolean {
  return DECIMAL_RE[decimal].test(text.trim());
}

/**
 * Reads a decimal number.
 * @param text the field, surrounding blanks allowed.
 * @param decimal the decimal separator. Default ".".
 * @returns the finite value, or undefined when the text is not a decimal number or overflows.
 * @example parseDecimal("0.5") // 0.5; parseDecimal("0x1F") // undefined; parseDecimal("0,5", ",") // 0.5
 */
export function parseDecimal(text: string, decimal: "." | "," = "."): number | undefined {
  const t = text.trim();
  if (!DECIMAL_RE[decimal].test(t)) return undefined;
  const x = Number(decimal === "," ? t.replace(",", ".") : t);
  return Number.isFinite(x) ? x : undefined;
}
