/** Calls per day as a tiny line: a glance at whether the access is used, and how steadily. */
export function Sparkline({ data, label }: { data: number[]; label: string }) {
  const max = Math.max(1, ...data);
  const w = 96;
  const h = 24;
  const step = data.length > 1 ? w / (data.length - 1) : w;
  const points = data.map((n, i) => `${(i * step).toFixed(1)},${(h - 2 - (n / max) * (h - 4)).toFixed(1)}`).join(" ");
  const total = data.reduce((a, b) => a + b, 0);
  return (
    <svg width={w} height={h} role="img" aria-label={`${label}: ${total} calls in ${data.length} days`}>
      <title>{`${total} calls in the last ${data.length} days`}</title>
      <line x1="0" y1={h - 2} x2={w} y2={h - 2} stroke="#e2e8f0" />
      {total > 0 && <polyline points={points} fill="none" stroke="var(--color-brand-600)" strokeWidth="1.5" />}
    </svg>
  );
}
