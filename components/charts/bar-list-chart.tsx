"use client";

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { colorFor } from "./chart-colors";

type Props = {
  data: { key: string; count: number }[];
  label: string;
  onSelect?: (key: string) => void;
  colorByKey?: boolean;
};

/** Horizontal bars; clicking one drills into the audit explorer. */
export function BarListChart({ data, label, onSelect, colorByKey }: Props) {
  if (data.length === 0) return <p className="py-8 text-center text-sm text-slate-500">No data in this range</p>;
  return (
    <div role="img" aria-label={label} style={{ height: Math.max(120, data.length * 30 + 20) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <XAxis type="number" fontSize={11} allowDecimals={false} />
          <YAxis
            type="category"
            dataKey="key"
            width={150}
            fontSize={11}
            tickFormatter={(k: string) => (k.length > 24 ? `${k.slice(0, 23)}…` : k)}
          />
          <Tooltip />
          <Bar
            dataKey="count"
            radius={[0, 3, 3, 0]}
            cursor={onSelect ? "pointer" : undefined}
            onClick={(entry) => onSelect?.((entry as unknown as { key: string }).key)}
            fill={colorFor("primary")}
            shape={
              colorByKey
                ? (props: unknown) => {
                    const p = props as {
                      x: number;
                      y: number;
                      width: number;
                      height: number;
                      payload: { key: string };
                    };
                    return (
                      <rect x={p.x} y={p.y} width={p.width} height={p.height} fill={colorFor(p.payload.key)} rx={3} />
                    );
                  }
                : undefined
            }
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
