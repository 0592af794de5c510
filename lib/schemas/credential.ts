import { z } from "zod";
import { CredentialKind, CredentialProvider, Environment } from "@/lib/generated/prisma/enums";
import { findSecret } from "@/lib/redaction/find-secret";
import { secretMessage, urlSecretMessage } from "@/lib/redaction/secret-detector";
import { blankAsUndefined, date, int, text } from "./safe-input";

/** A vault path, ARN or URI. Anything that looks like the secret itself is refused here, at the edge. */
export const ZCredentialReference = text()
  .trim()
  .min(1, "Enter the vault path, ARN or URI")
  .max(500)
  .superRefine((value, ctx) => {
    const what = findSecret(value)?.kind;
    if (what) ctx.addIssue({ code: "custom", message: secretMessage(what), input: "[withheld]" });
  });

/** For URL and command fields (endpoints, SIEM targets, webhooks): the same detector refuses credentials in them. */
export const withoutSecrets = <S extends z.ZodType<string | undefined>>(schema: S, message = urlSecretMessage) =>
  schema.superRefine((value, ctx) => {
    const what = value ? findSecret(value)?.kind : null;
    if (what) ctx.addIssue({ code: "custom", message: message(what), input: "[withheld]" });
  });

export const ZCreateCredentialInput = z.object({
  provider: z.enum(CredentialProvider, "Choose a provider"),
  reference: ZCredentialReference,
  kind: z.enum(CredentialKind, "Choose a kind"),
  oauthScopes: z
    .array(withoutSecrets(text().trim().min(1).max(200), secretMessage))
    .max(50)
    .default([]),
  rotationDays: int(1, 3650, "Whole days from 1 to 3650"),
  lastRotatedAt: blankAsUndefined(date()),
  dynamicSecret: z.boolean().default(false),
  expiresAt: blankAsUndefined(date()),
  environment: z.enum(Environment, "Choose an environment"),
});
export type TCreateCredentialInput = z.input<typeof ZCreateCredentialInput>;

export const VAULT_PROVIDERS = [
  "HASHICORP_VAULT",
  "AWS_SECRETS_MANAGER",
  "AZURE_KEY_VAULT",
  "GCP_SECRET_MANAGER",
] as const;
