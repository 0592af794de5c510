/** Query string of the non-empty values: the same filters the explorer puts in its URL. */
export function query(values: Record<string, string>): string {
  return new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "")).toString();
}

/** A UTC calendar day as the instant it starts. */
export const dayStart = (day: string) => (day ? `${day}T00:00:00.000Z` : "");

/** The signed access-review evidence pack of one campaign. */
export const reviewPackHref = (campaignId: string) =>
  `/api/console/reports/packs/review?${new URLSearchParams({ campaignId })}`;
