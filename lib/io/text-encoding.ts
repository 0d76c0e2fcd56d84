/**
 * Decoding the bytes of a text data file: UTF-8 (with or without a byte-order mark), UTF-16 LE or BE (with their
 * byte-order mark, as spreadsheets export "Unicode text"), and Latin-1 for a file that is not valid UTF-8 (an old
 * Windows export: `Bærum` written as the single byte E6 would otherwise become `B\uFFFDrum`, a silent change of a
 * station id). The encoding used is reported, never guessed silently. A file with NUL bytes and no byte-order mark
 * (binary, or UTF-16 without its mark) is refused.
 */
import * as fs from "fs";
import { Transform } from "stream";
import { DataValidationError } from "../util/errors";

/** The encodings {@link decodeText} reads. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "latin1";

/** What {@link decodeText} returns. */
export interface DecodedText {
  /** The text, byte-order mark removed. */
  text: string;
  encoding: TextEncodingName;
}

/** The encoding announced by a byte-order mark at the start of `bytes`, with the mark's length. */
export function byteOrderMark(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/**
 * Decodes a data file's bytes (see the module doc for the rule).
 * @param where the public function reading, named in errors.
 * @param file the file, named in errors.
 * @throws DataValidationError for NUL bytes without a byte-order mark, or a UTF-8/UTF-16 mark over invalid bytes.
 */
export function decodeText(bytes: Uint8Array, where: string, file?: string): DecodedText {
  const bom = byteOrderMark(bytes);
  const body = bytes.subarray(bom?.length ?? 0);
  if (bom !== undefined) {
    try {
      return { text: new TextDecoder(bom.encoding, { fatal: true }).decode(body), encoding: bom.encoding };
    } catch {
      throw new DataValidationError(where, `the file starts with a ${bom.encoding.toUpperCase()} byte-order mark but is not valid ${bom.encoding.toUpperCase()}`, { file });
    }
  }
  const nul = body.subarray(0, 64 * 1024).indexOf(0);
  if (nul >= 0) {
    throw new DataValidationError(
      where,
      `the file holds a NUL byte (at byte ${nul}): it is binary (a spreadsheet? export it as CSV), or UTF-16 without a byte-order mark`,
      { file },
    );
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: latin1(body), encoding: "latin1" };
  }
}

/**
 * ISO-8859-1: each byte is the code point of its character (not WHATWG's "latin1" label, which decodes as
 * windows-1252), in chunks that stay within the engine's argument limit. Also runs in a browser (no Buffer).
 */
function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let k = 0; k < bytes.length; k += 0x8000) out += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return out;
}

/**
 * Reads and decodes a text data file ({@link decodeText}).
 * @throws DataValidationError (naming the file) when it cannot be read or decoded.
 */
export function readDecodedFile(file: string, where: string): DecodedText {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new DataValidationError(where, `cannot read "${file}": ${(err as Error).message}`, { file });
  }
  return decodeText(bytes, where, file);
}

/** Raised by {@link utf8StreamDecoder} when the bytes are not valid UTF-8. */
export class NotUtf8Error extends Error {
  constructor() {
    super("the bytes are not valid UTF-8");
    this.name = "NotUtf8Error";
  }
}

/**
 * A stream transform from bytes to UTF-8 text that fails with {@link NotUtf8Error} on invalid bytes (instead of
 * replacing them with U+FFFD, as a stream opened with `encoding: "utf8"` would). A leading UTF-8 byte-order mark is
 * dropped; a character split across chunks is decoded whole.
 */
export function utf8StreamDecoder(): Transform {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const run = (stream: Transform, bytes: Uint8Array | undefined, done: (err?: Error) => void) => {
    let text: string;
    try {
      text = bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      return done(new NotUtf8Error());
    }
    if (text !== "") stream.push(text);
    done();
  };
  return new Transform({
    encoding: "utf8",
    transform(chunk: Buffer, _encoding, done) {
      run(this, chunk, done);
    },
    flush(done) {
      run(this, undefined, done);
    },
  });
}

/**
 * True when the head of a file can be streamed as UTF-8: no UTF-16 byte-order mark, no NUL byte, valid UTF-8 (an
 * incomplete character at the cut is fine).
 */
export function streamableAsUtf8(head: Uint8Array): boolean {
  const bom = byteOrderMark(head);
  if (bom !== undefined && bom.encoding !== "utf-8") return false;
  if (head.indexOf(0) >= 0) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
