/**
 * danfojs, loaded on first use: it pulls in TensorFlow.js (about a second to load), which code that never cleans
 * data should not pay for.
 */
import type * as Danfo from "danfojs";

let mod: typeof Danfo | undefined;

/** The danfojs module. */
export function danfo(): typeof Danfo {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (mod === undefined) mod = require("danfojs") as typeof Danfo;
  return mod;
}
