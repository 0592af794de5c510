import type { CredentialRef, Environment } from "@/lib/generated/prisma/client";

export type CredentialFlag = {
  code: "ROTATION_OVERDUE" | "ROTATION_DUE" | "SHARED" | "ENV_VAR_IN_PROD" | "PROD_OUTSIDE_PROD" | "EXPIRED";
  message: string;
};

const DAY = 86_400_000;
export const ROTATION_WARNING_DAYS = 14;

export function rotationDueAt(c: Pick<CredentialRef, "lastRotatedAt" | "createdAt" | "rotationDays">): Date {
  return new Date((c.lastRotatedAt ?? c.createdAt).getTime() + c.rotationDays * DAY);
}

/** What needs attention on one credential reference of a server in `serverEnv`. */
export function credentialFlags(
  c: Pick<
    CredentialRef,
    | "provider"
    | "reference"
    | "lastRotatedAt"
    | "createdAt"
    | "rotationDays"
    | "environment"
    | "expiresAt"
    | "dynamicSecret"
  >,
  serverEnv: Environment,
  sharedWith: string[],
  now = new Date(),
): CredentialFlag[] {
  const flags: CredentialFlag[] = [];
  if (!c.dynamicSecret) {
    const due = rotationDueAt(c);
    const days = Math.ceil((due.getTime() - now.getTime()) / DAY);
    if (days < 0)
      flags.push({ code: "ROTATION_OVERDUE", message: `Rotation overdue by ${-days} day${days === -1 ? "" : "s"}` });
    else if (days <= ROTATION_WARNING_DAYS)
      flags.push({ code: "ROTATION_DUE", message: `Rotation due in ${days} day${days === 1 ? "" : "s"}` });
  }
  if (c.expiresAt && c.expiresAt <= now) flags.push({ code: "EXPIRED", message: "Credential has expired" });
  if (sharedWith.length > 0) flags.push({ code: "SHARED", message: `Same reference used by ${sharedWith.join(", ")}` });
  if (c.provider === "ENV_VAR" && serverEnv === "PROD")
    flags.push({ code: "ENV_VAR_IN_PROD", message: "Environment variable used for a PROD server: move it to a vault" });
  if (c.environment === "PROD" && serverEnv !== "PROD")
    flags.push({ code: "PROD_OUTSIDE_PROD", message: `PROD credential used by a ${serverEnv} server` });
  return flags;
}
