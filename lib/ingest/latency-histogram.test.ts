import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LATENCY_BUCKET_COUNT, latencyBucket, percentileFromBuckets } from "./latency-histogram";

const exactPercentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
};

describe("latency histogram", () => {
  it("gives percentiles within 5% of the exact value, for any latencies from 1 ms to 10 minutes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 600_000, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(50, 90, 95, 99),
        (values, p) => {
          const buckets = Array(LATENCY_BUCKET_COUNT).fill(0);
          for (const v of values) buckets[latencyBucket(v)]++;
          const exact = exactPercentile(values, p);
          const estimate = percentileFromBuckets(buckets, p)!;
          expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.05);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is empty without calls, and puts sub-millisecond calls in the first bucket", () => {
    expect(percentileFromBuckets([], 50)).toBeNull();
    expect(latencyBucket(0.3)).toBe(0);
    expect(latencyBucket(10 ** 9)).toBe(LATENCY_BUCKET_COUNT - 1);
  });
});
