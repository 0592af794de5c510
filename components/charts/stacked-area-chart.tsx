"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { colorFor } from "./chart-colors";

type Props = {
  data: ({ t: string } & Record<string, number | string>)[];
  series: string[];
  daily: boolean;
  label: string;
  /** Called with the clicked bucket's start (its `t`). */
  onSelect?: (t: string) => void;
};

export function StackedAreaChart({ data, series, daily, label, onSelect }: Props) {
  const fmt = (t: string) => (daily ? t.slice(5, 10) : t.slice(5, 13).replace("T", " ") + "h");
  return (
    <div role="img" aria-label={label} className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={data}
          margin={{ left: 0, right: 8, top: 8 }}
          style={onSelect ? { cursor: "pointer" } : undefined}
          onClick={(state) => {
            if (onSelect && state.activeLabel !== undefined) onSelect(String(state.activeLabel));
          }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="t" tickFormatter={fmt} fontSize={11} minTickGap={24} />
          <YAxis fontSize={11} width={40} allowDecimals={false} />
          <Tooltip labelFormatter={(t) => fmt(String(t))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Area
              key={s}
              type="monotone"
              dataKey={s}
              stackId="1"
              stroke={colorFor(s)}
              fill={colorFor(s)}
              fillOpacity={0.35}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
