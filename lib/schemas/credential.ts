import { z } from "zod";
import { CredentialKind, CredentialProvider, Environment } from "@/lib/generated/prisma/enums";
import { detectSecret, secretMessage } from "@/lib/registry/secret-detector";

/** A vault path, ARN or URI. Anything that looks like the secret itself is refused here, at the edge. */
export const ZCredentialReference = z
  .string()
  .trim()
  .min(1, "Enter the vault path, ARN or URI")
  .max(500)
  .superRefine((value, ctx) => {
    const what = detectSecret(value);
    if (what) ctx.addIssue({ code: "custom", message: secretMessage(what), input: "[withheld]" });
  });

export const ZCreateCredentialInput = z.object({
  provider: z.enum(CredentialProvider, "Choose a provider"),
  reference: ZCredentialReference,
  kind: z.enum(CredentialKind, "Choose a kind"),
  oauthScopes: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  rotationDays: z.coerce.number().int("Whole days only").min(1, "At least 1 day").max(3650),
  lastRotatedAt: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
  dynamicSecret: z.boolean().default(false),
  expiresAt: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
  environment: z.enum(Environment, "Choose an environment"),
});
export type TCreateCredentialInput = z.input<typeof ZCreateCredentialInput>;

export const VAULT_PROVIDERS = [
  "HASHICORP_VAULT",
  "AWS_SECRETS_MANAGER",
  "AZURE_KEY_VAULT",
  "GCP_SECRET_MANAGER",
] as const;
