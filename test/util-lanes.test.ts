import { describe, expect, it } from "vitest";
import { inLanes } from "../lib/util";

/** Resolves after `ms` milliseconds. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("inLanes", () => {
  it("returns results in job order with at most `lanes` running, reporting each in order", async () => {
    // Later jobs finish first (decreasing delays), so completion order and job order differ.
    const delays = [40, 5, 30, 1, 20, 2, 10];
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const reported: number[] = [];
    const out = await inLanes(
      delays.length,
      3,
      async (i) => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await sleep(delays[i]);
        running--;
        return i * i;
      },
      {
        onResult: (v, i) => {
          expect(v).toBe(i * i);
          reported.push(i);
        },
      },
    );
    expect(out).toEqual(delays.map((_, i) => i * i));
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(reported).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("runs one at a time with one lane, and no job for a count of 0", async () => {
    let running = 0;
    let most = 0;
    await inLanes(4, 1, async () => {
      running++;
      most = Math.max(most, running);
      await sleep(1);
      running--;
    });
    expect(most).toBe(1);
    expect(await inLanes(0, 2, async () => 1)).toEqual([]);
  });

  it("starts no job after one fails and throws its error", async () => {
    const started: number[] = [];
    await expect(
      inLanes(10, 2, async (i) => {
        started.push(i);
        await sleep(2);
        if (i === 1) throw new Error("job 1 failed");
        return i;
      }),
    ).rejects.toThrow("job 1 failed");
    await sleep(10);
    // Jobs 0 and 1 start together; job 0's lane may take job 2 before job 1 fails, nothing after that.
    expect(started.length).toBeLessThanOrEqual(3);
    expect(started.slice(0, 2)).toEqual([0, 1]);
  });
});
