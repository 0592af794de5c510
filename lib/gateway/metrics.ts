import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type DecisionSource = "call" | "sidecar";

/** What the gauges read when Prometheus scrapes: the gateway's state at that moment. */
export type MetricSources = {
  spoolBytes: () => number;
  spoolWritable: () => boolean;
  heldEvents: () => number;
  bundleAgeSeconds: () => number | null;
  upstreamsConnected: () => Record<string, boolean>;
};

/**
 * The gateway's Prometheus metrics, on a registry of its own (several gateways may share a process
 * in tests). Labels are bounded sets: outcome, rule id and source, never agents or arguments.
 */
export function createMetrics(sources: MetricSources) {
  const registry = new Registry();
  const decisions = new Counter({
    name: "warden_gateway_decisions_total",
    help: "Policy decisions made by the gateway, by outcome, rule and source (proxied call or /v1/decide)",
    labelNames: ["outcome", "rule", "source"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "warden_gateway_decision_duration_seconds",
    help: "Time to decide a call in-process, from the policy bundle",
    labelNames: ["source"] as const,
    buckets: [0.000_002, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.005, 0.025, 0.1],
    registers: [registry],
  });
  new Gauge({
    name: "warden_gateway_spool_bytes",
    help: "Audit events on disk that Warden has not acknowledged yet",
    registers: [registry],
    collect() {
      this.set(sources.spoolBytes());
    },
  });
  new Gauge({
    name: "warden_gateway_spool_writable",
    help: "1 while the audit spool can be written; 0 while it cannot, and every call is refused",
    registers: [registry],
    collect() {
      this.set(sources.spoolWritable() ? 1 : 0);
    },
  });
  new Gauge({
    name: "warden_gateway_audit_held_events",
    help: "Audit events Warden's ingest refused, held in the spool and offered again with backoff",
    registers: [registry],
    collect() {
      this.set(sources.heldEvents());
    },
  });
  new Gauge({
    name: "warden_gateway_bundle_age_seconds",
    help: "Seconds since Warden last confirmed the policy bundle (absent before the first bundle)",
    registers: [registry],
    collect() {
      const age = sources.bundleAgeSeconds();
      if (age === null) this.reset();
      else this.set(age);
    },
  });
  new Gauge({
    name: "warden_gateway_upstream_connected",
    help: "1 when the upstream MCP server is connected",
    labelNames: ["upstream"] as const,
    registers: [registry],
    collect() {
      for (const [upstream, up] of Object.entries(sources.upstreamsConnected())) this.set({ upstream }, up ? 1 : 0);
    },
  });
  return {
    registry,
    /** One decision: its outcome (allow, deny, approval), its rule and how long the engine took. */
    decided(source: DecisionSource, outcome: string, rule: string, seconds: number) {
      decisions.inc({ outcome, rule, source });
      latency.observe({ source }, seconds);
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;
