"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Props = {
  data: { server: string; p50: number | null; p95: number | null }[];
  onSelect?: (server: string) => void;
};

export function LatencyChart({ data, onSelect }: Props) {
  if (data.length === 0)
    return <p className="py-8 text-center text-sm text-slate-500">No latency data in this range</p>;
  return (
    <div role="img" aria-label="Latency p50 and p95 per server" className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: 0, right: 8, top: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="server" fontSize={11} interval={0} angle={-20} textAnchor="end" height={50} />
          <YAxis fontSize={11} width={48} unit=" ms" />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="p50"
            fill="var(--color-chart-1)"
            onClick={(d) => onSelect?.((d as unknown as { server: string }).server)}
            cursor="pointer"
          />
          <Bar
            dataKey="p95"
            fill="var(--color-chart-3)"
            onClick={(d) => onSelect?.((d as unknown as { server: string }).server)}
            cursor="pointer"
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
