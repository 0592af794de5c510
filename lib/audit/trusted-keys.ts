import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { env } from "@/lib/env";
import { evidenceSigner, keyIdOf } from "./signing-key";

export type TrustedKey = { keyId: string; key: KeyObject; source: string };
/** The only keys whose signatures verification accepts, by key id. Never read from the database. */
export type TrustedKeys = Map<string, TrustedKey>;

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** Every PEM public key in `text` (newlines may be written as \n, as in a one-line variable). */
export function parsePublicKeys(text: string, source: string): TrustedKey[] {
  const blocks = text.replace(/\\n/g, "\n").match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error(`${source} holds no PEM public key (-----BEGIN PUBLIC KEY-----)`);
  return blocks.map((pem, i) => {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`${source}: key ${i + 1} is not an Ed25519 public key`);
    return { keyId: keyIdOf(key), key, source };
  });
}

/** The configured signer's public half, plus WARDEN_TRUSTED_KEYS (keys rotated out, still trusted). */
export function configuredTrustedKeys(): TrustedKeys {
  const trusted: TrustedKeys = new Map();
  const signer = evidenceSigner();
  if (signer) {
    const source = env().WARDEN_SIGNING_KEY ? "WARDEN_SIGNING_KEY" : "the embedded signing key";
    trusted.set(signer.keyId, { keyId: signer.keyId, key: createPublicKey(signer.publicKeyPem), source });
  }
  const rotated = env().WARDEN_TRUSTED_KEYS;
  for (const k of rotated ? parsePublicKeys(rotated, "WARDEN_TRUSTED_KEYS") : []) {
    if (!trusted.has(k.keyId)) trusted.set(k.keyId, k);
  }
  return trusted;
}

export type SignatureCheck = "valid" | "untrusted" | "invalid";

/** Whether `signature` over `message` is by the trusted key named `keyId`. */
export function checkSignature(
  trusted: TrustedKeys,
  keyId: string,
  message: string,
  signature: string,
): SignatureCheck {
  const key = trusted.get(keyId);
  if (!key) return "untrusted";
  try {
    return verify(null, Buffer.from(message), key.key, Buffer.from(signature, "base64")) ? "valid" : "invalid";
  } catch {
    return "invalid";
  }
}

/** "3f2a… (WARDEN_SIGNING_KEY), 9b41… (WARDEN_TRUSTED_KEYS)" or "none", for messages. */
export function describeTrusted(trusted: TrustedKeys): string {
  if (trusted.size === 0) return "none is configured";
  return [...trusted.values()].map((k) => `${k.keyId} (${k.source})`).join(", ");
}
