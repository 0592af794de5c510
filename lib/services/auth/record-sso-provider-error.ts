import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

/**
 * A single sign-on that failed before Warden saw who it was (the provider refused, the code exchange or
 * the ID token check failed). Logged and audited with the issuer; the subject is unknown at this point.
 */
export async function recordSsoProviderError(issuer: string, code: string, message: string) {
  console.error(`[warden] single sign-on failed at the identity provider (${code}): ${message} issuer=${issuer}`);
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor: { type: "USER", id: null, label: "sso:unknown" },
      category: "AUTH",
      action: "auth.sso_sign_in",
      outcome: "failure",
      attributes: { issuer, subject: null, reason: "provider_error", code, message: message.slice(0, 500) },
    }),
  );
}
