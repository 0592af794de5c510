import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sha256Hex } from "@/lib/crypto/sha256";
import { env } from "@/lib/env";

/** Warden's Ed25519 evidence key: it signs audit checkpoints, and anything else Warden vouches for (exports). */
export type Signer = { keyId: string; publicKeyPem: string; sign: (message: string) => string };

let cached: Signer | null | undefined;

/** A key's name: the first 16 hex digits of the sha256 of its public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: "spki", format: "der" })).slice(0, 16);
}

function fromPrivate(key: KeyObject): Signer {
  if (key.asymmetricKeyType !== "ed25519") throw new Error("WARDEN_SIGNING_KEY must be an Ed25519 private key");
  const publicKey = createPublicKey(key);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (message) => sign(null, Buffer.from(message), key).toString("base64"),
  };
}

/**
 * The key that signs evidence: WARDEN_SIGNING_KEY (PEM, PKCS#8), or for the embedded demo one generated
 * once into the data folder. Only the public key ever reaches the database. Without a key on
 * PostgreSQL, checkpoints are off (and verification says so).
 */
export function evidenceSigner(): Signer | null {
  if (cached !== undefined) return cached;
  const { WARDEN_SIGNING_KEY, DATABASE_URL, PGLITE_DIR } = env();
  if (WARDEN_SIGNING_KEY) return (cached = fromPrivate(createPrivateKey(WARDEN_SIGNING_KEY.replace(/\\n/g, "\n"))));
  if (DATABASE_URL) return (cached = null);
  if (PGLITE_DIR === "memory://") return (cached = fromPrivate(generateKeyPairSync("ed25519").privateKey));
  const file = path.join(path.dirname(path.resolve(PGLITE_DIR)), "signing-key.pem");
  try {
    return (cached = fromPrivate(createPrivateKey(readFileSync(file, "utf8"))));
  } catch {
    const { privateKey } = generateKeyPairSync("ed25519");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    return (cached = fromPrivate(privateKey));
  }
}

export const checkpointMessage = (sequence: bigint | string, hash: string) =>
  `warden-checkpoint:v1:${sequence}:${hash}`;
