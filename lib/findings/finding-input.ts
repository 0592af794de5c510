import type { RiskLevel } from "@/lib/generated/prisma/enums";

/** A finding a rule raises: opened once per (type, entityKey), then counted at each sighting. */
export type FindingInput = {
  type: string;
  severity: RiskLevel;
  entityType: string;
  entityKey: string;
  title: string;
  evidence?: Record<string, unknown>;
  /** When the behaviour happened (the events' own time); defaults to now, for findings about the present. */
  seenAt?: Date;
};
