/** Series colours come from the theme's CSS variables, so charts follow the design tokens. */
export const CHART_COLORS = {
  success: "var(--color-chart-2)",
  allow: "var(--color-chart-2)",
  error: "var(--color-chart-3)",
  deny: "var(--color-chart-4)",
  pending: "var(--color-chart-5)",
  primary: "var(--color-chart-1)",
  LOW: "var(--color-chart-2)",
  MEDIUM: "var(--color-chart-1)",
  HIGH: "var(--color-chart-3)",
  CRITICAL: "var(--color-chart-4)",
} as const;

export const colorFor = (key: string) => (CHART_COLORS as Record<string, string>)[key] ?? CHART_COLORS.primary;
