import { createPrivateKey, createPublicKey } from "node:crypto";
import { keyIdOf } from "@/lib/audit/signing-key";
import { parsePublicKeys, type TrustedKeys } from "@/lib/audit/trusted-keys";

export type PackTrustSources = {
  /** WARDEN_SIGNING_KEY (PKCS#8 PEM): its public half is trusted. */
  signingKey?: string;
  /** WARDEN_TRUSTED_KEYS: PEM public keys (rotated out, or published by another Warden). */
  trustedKeys?: string;
  /** Keys the person verifying pinned (`--key file.pem`): when given, only these are trusted. */
  pinned?: { pem: string; source: string }[];
};

/**
 * The keys an offline pack check trusts, never the key a pack carries: pinned keys when any are given,
 * else the configured signer's public half and WARDEN_TRUSTED_KEYS (as audit:verify trusts them).
 */
export function packTrust({ signingKey, trustedKeys, pinned = [] }: PackTrustSources): TrustedKeys {
  const trusted: TrustedKeys = new Map();
  if (pinned.length > 0) {
    for (const p of pinned) for (const k of parsePublicKeys(p.pem, p.source)) trusted.set(k.keyId, k);
    return trusted;
  }
  if (signingKey) {
    const key = createPublicKey(createPrivateKey(signingKey.replace(/\\n/g, "\n")));
    if (key.asymmetricKeyType !== "ed25519") throw new Error("WARDEN_SIGNING_KEY must be an Ed25519 private key");
    trusted.set(keyIdOf(key), { keyId: keyIdOf(key), key, source: "WARDEN_SIGNING_KEY" });
  }
  for (const k of trustedKeys ? parsePublicKeys(trustedKeys, "WARDEN_TRUSTED_KEYS") : [])
    if (!trusted.has(k.keyId)) trusted.set(k.keyId, k);
  return trusted;
}
