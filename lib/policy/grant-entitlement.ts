/** What a grant allows: the fields the decision engine reads and an access review freezes, written once. */
export type GrantEntitlement = {
  allowedTools: string[];
  allowedOperations: string[];
  allowedObjects: string[];
  deniedFields: string[];
  maxRecords: number | null;
  validFrom: Date;
  expiresAt: Date | null;
};

/** A grant's entitlement alone, from a row that carries more. */
export const grantEntitlement = (g: GrantEntitlement): GrantEntitlement => ({
  allowedTools: g.allowedTools,
  allowedOperations: g.allowedOperations,
  allowedObjects: g.allowedObjects,
  deniedFields: g.deniedFields,
  maxRecords: g.maxRecords,
  validFrom: g.validFrom,
  expiresAt: g.expiresAt,
});

/** Whether a grant is in force at `now`: started, and not yet expired. */
export const inForce = (g: Pick<GrantEntitlement, "validFrom" | "expiresAt">, now: Date) =>
  g.validFrom <= now && (!g.expiresAt || g.expiresAt > now);
