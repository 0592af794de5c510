"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Props = {
  data: { server: string; p50: number | null; p95: number | null }[];
  onSelect?: (server: string) => void;
};

const ms = (v: number) => (v >= 1000 ? `${Number((v / 1000).toFixed(1))} s` : `${v} ms`);

/**
 * p50 and p95 per server on a logarithmic axis: one server waiting 12 s for an approval must not
 * flatten the bars of the servers that answer in milliseconds. A zero (an instant answer) cannot sit on
 * a log axis, so it is drawn at 1 ms, and the tooltip gives the real figure.
 */
export function LatencyChart({ data, onSelect }: Props) {
  if (data.length === 0)
    return <p className="py-8 text-center text-sm text-slate-500">No latency data in this range</p>;
  const rows = data.map((d) => ({
    server: d.server,
    p50: d.p50 === null ? null : Math.max(1, d.p50),
    p95: d.p95 === null ? null : Math.max(1, d.p95),
    real: d,
  }));
  const select = (d: unknown) => onSelect?.((d as { server: string }).server);
  return (
    <div>
      <div role="img" aria-label="Latency p50 and p95 per server, logarithmic scale" className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ left: 0, right: 8, top: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="server" fontSize={11} interval={0} angle={-20} textAnchor="end" height={50} />
            <YAxis fontSize={11} width={52} scale="log" domain={[1, "auto"]} allowDataOverflow tickFormatter={ms} />
            <Tooltip
              formatter={(_v, name, item) => {
                const real = (item.payload as (typeof rows)[number]).real[name as "p50" | "p95"];
                return real === null ? "—" : ms(real);
              }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="p50" fill="var(--color-chart-1)" onClick={select} cursor="pointer" />
            <Bar dataKey="p95" fill="var(--color-chart-3)" onClick={select} cursor="pointer" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-1 text-xs text-slate-500">Logarithmic scale: each grid line is ten times the one below.</p>
    </div>
  );
}
