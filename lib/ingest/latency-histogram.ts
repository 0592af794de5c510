/**
 * A log-scale latency histogram whose percentiles are within 5% of the exact value. Bucket 0 holds
 * calls under 1 ms; bucket i ≥ 1 holds [GROWTH^(i-1), GROWTH^i) ms, and a percentile reports its
 * bucket's geometric middle, at most √1.1 − 1 ≈ 4.9% from any value inside it. Histograms from
 * different hours and servers add up index by index, which is how the database merges them.
 */
const GROWTH = 1.1;
/** Up to ten minutes; slower calls share the last bucket. */
export const LATENCY_BUCKET_COUNT = Math.ceil(Math.log(600_000) / Math.log(GROWTH)) + 2;

export function latencyBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(LATENCY_BUCKET_COUNT - 1, Math.floor(Math.log(ms) / Math.log(GROWTH)) + 1);
}

const bucketMiddle = (i: number) => (i === 0 ? 0.5 : Math.sqrt(GROWTH ** (i - 1) * GROWTH ** i));

/** The p-th percentile (0–100) of a merged histogram, in milliseconds, or null when it is empty. */
export function percentileFromBuckets(buckets: number[], p: number): number | null {
  const total = buckets.reduce((a, b) => a + (b ?? 0), 0);
  if (total === 0) return null;
  const rank = (p / 100) * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i] ?? 0;
    if (seen >= rank) return Number(bucketMiddle(i).toPrecision(4));
  }
  return null;
}
