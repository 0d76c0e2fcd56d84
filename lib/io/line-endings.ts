/**
 * Line endings of text files: CRLF (Windows), LF (Unix), lone CR (classic Mac), and any mix of them in one file (a
 * header written by one tool, rows appended by another). Every reader normalises to LF before it splits lines, so
 * that the ending of the first line never decides how the others are read. A CR or CRLF inside a quoted CSV field
 * becomes LF too.
 */
import { Transform } from "stream";

/** `text` with every CRLF and every lone CR replaced by LF. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * A text stream transform doing {@link normaliseLineEndings} chunk by chunk: a CR that ends a chunk waits for the
 * next one, so that a CRLF split across two chunks becomes one LF (not two line ends). Feed it strings (a file
 * stream opened with an encoding); it emits UTF-8 strings.
 */
export function lineEndingNormaliser(): Transform {
  let pendingCr = false;
  return new Transform({
    decodeStrings: false,
    encoding: "utf8",
    transform(chunk: string | Buffer, _encoding, done) {
      let text = (pendingCr ? "\r" : "") + (typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      pendingCr = text.endsWith("\r");
      if (pendingCr) text = text.slice(0, -1);
      if (text !== "") this.push(normaliseLineEndings(text));
      done();
    },
    flush(done) {
      if (pendingCr) this.push("\n");
      done();
    },
  });
}
