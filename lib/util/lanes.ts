/**
 * A few asynchronous jobs at a time: `lanes` loops each take the next job not yet started, so at most `lanes` run at
 * once (e.g. day plans sharing the cores, solver processes). Results come back in job order.
 */

/** Options of {@link inLanes}. */
export interface LanesOptions<T> {
  /** Called with each result in job order, as soon as it and every result before it are in. */
  onResult?: (value: T, index: number) => void;
}

/**
 * Runs `job(0) … job(count − 1)` with at most `lanes` (≥ 1) running at once; returns their results in job order.
 * After a job fails no further job starts and its error is thrown at once (jobs already running are not cancelled).
 */
export async function inLanes<T>(count: number, lanes: number, job: (index: number) => Promise<T>, options: LanesOptions<T> = {}): Promise<T[]> {
  const out = new Array<T>(count);
  const done = new Array<boolean>(count).fill(false);
  let next = 0;
  let reported = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      try {
        out[i] = await job(i);
      } catch (err) {
        next = count; // the other lanes finish their job and stop
        throw err;
      }
      done[i] = true;
      for (; reported < count && done[reported]; reported++) options.onResult?.(out[reported], reported);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, count)) }, lane));
  return out;
}
