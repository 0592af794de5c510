// The parser ships no types; this is the shape it returns (one entry a metric family).
declare module "parse-prometheus-text-format" {
  export type PrometheusMetric = { value?: string; labels?: Record<string, string>; buckets?: Record<string, string> };
  export type PrometheusFamily = { name: string; help: string; type: string; metrics: PrometheusMetric[] };
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}
